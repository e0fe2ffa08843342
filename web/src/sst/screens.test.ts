import { permissionNames, type PermissionMap } from '@relais/domain';
import { describe, expect, it } from 'vitest';
import { pathOf, screenOf } from '../ui/route';
import { isModuleScreen, visibleModuleScreens } from './screens';

function permissions(...granted: string[]): PermissionMap {
  return Object.fromEntries(permissionNames.map((name) => [name, granted.includes(name)])) as PermissionMap;
}

describe('module screens', () => {
  it('live under /app and round-trip', () => {
    expect(pathOf('sst')).toBe('/app/sst');
    expect(pathOf('revenus')).toBe('/app/revenus');
    expect(pathOf('daySheet')).toBe('/app/feuille-de-route');
    expect(screenOf('/app/feuille-de-route/')).toBe('daySheet');
    expect(isModuleScreen('sst')).toBe(true);
    expect(isModuleScreen('chauffeurs')).toBe(false);
  });

  it('show only what the role may read: revenue needs view_finance', () => {
    expect(visibleModuleScreens(permissions('view_planning', 'view_drivers'))).toEqual(['sst', 'daySheet']);
    expect(visibleModuleScreens(permissions('view_planning', 'view_finance'))).toEqual(['sst', 'revenus']);
    expect(visibleModuleScreens(permissions())).toEqual([]);
  });
});
