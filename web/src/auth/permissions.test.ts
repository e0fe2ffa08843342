import { permissionsOf } from '@relais/domain';
import { describe, expect, it } from 'vitest';
import { mayEdit, shownPage, toPermissionMap, visiblePages } from './permissions';

describe('UI permissions', () => {
  it('reads the flags of the sign-in answer, refusing what is missing', () => {
    const map = toPermissionMap({ view_planning: true, edit_planning: false, inconnu: true });
    expect(map.view_planning).toBe(true);
    expect(map.edit_planning).toBe(false);
    expect(map.view_drivers).toBe(false);
    expect('inconnu' in map).toBe(false);
  });

  it('hides the drivers page without view_drivers', () => {
    expect(visiblePages(permissionsOf('finance'))).toEqual(['missions', 'voyages']);
    expect(visiblePages(permissionsOf('viewer'))).toEqual(['missions', 'chauffeurs', 'voyages']);
    expect(shownPage('chauffeurs', permissionsOf('finance'))).toBe('missions');
    expect(shownPage('voyages', permissionsOf('finance'))).toBe('voyages');
  });

  it('offers editing only to the roles the server lets write', () => {
    const viewer = permissionsOf('viewer');
    expect(['missions', 'chauffeurs', 'voyages'].filter((c) => mayEdit(c as 'missions', viewer))).toEqual([]);
    const planner = permissionsOf('planner');
    expect(mayEdit('missions', planner)).toBe(true);
    expect(mayEdit('voyages', planner)).toBe(true);
    expect(mayEdit('chauffeurs', planner)).toBe(false);
    const drivers = permissionsOf('driver_admin');
    expect(mayEdit('chauffeurs', drivers)).toBe(true);
    expect(mayEdit('missions', drivers)).toBe(false);
    expect(mayEdit('missions', permissionsOf('admin'))).toBe(true);
  });
});
