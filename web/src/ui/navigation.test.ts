import { permissionsOf } from '@relais/domain';
import { describe, expect, it } from 'vitest';
import { groupOf, mayOpen, navGroups, rolesAllowed, visibleEntries, visibleGroups } from './navigation';
import { adminScreens, invoicingScreens, moduleScreens, pages, pathOf, screenOf, type Screen } from './route';

const everyScreen: Screen[] = ['planning', ...pages, ...moduleScreens, ...invoicingScreens, ...adminScreens, 'journal', 'annonces'];

describe('navigation', () => {
  it('puts every screen in exactly one menu, with its own address', () => {
    for (const screen of everyScreen) {
      const groups = navGroups.filter((group) => visibleEntries(group, permissionsOf('admin')).includes(screen));
      expect(groups, screen).toEqual([groupOf(screen)]);
      expect(screenOf(pathOf(screen))).toBe(screen);
    }
    expect(pathOf('adminBackups')).toBe('/app/admin/sauvegardes');
  });

  it('shows each role the menus it has a screen in', () => {
    expect(visibleGroups(permissionsOf('admin')).map(({ group }) => group)).toEqual(['planning', 'facturation', 'administration']);
    expect(visibleGroups(permissionsOf('planner'))).toEqual([{ group: 'planning', first: 'planning' }]);
    // Finance reads the SAGES chantiers and hours, in the administration menu.
    expect(visibleGroups(permissionsOf('finance')).map(({ group }) => group)).toEqual(['planning', 'facturation', 'administration']);
    expect(visibleEntries('administration', permissionsOf('finance'))).toEqual(['adminSages']);
    expect(visibleEntries('planning', permissionsOf('planner'))).toEqual(['planning', 'missions', 'chauffeurs', 'voyages', 'sst', 'daySheet', 'annonces']);
  });

  it('says which roles may open a screen another role is refused', () => {
    expect(mayOpen('facturation', permissionsOf('planner'))).toBe(false);
    expect(rolesAllowed('facturation')).toEqual(['finance', 'admin']);
    expect(rolesAllowed('adminBackups')).toEqual(['admin']);
    expect(rolesAllowed('revenus')).toEqual(['planner_advanced', 'finance', 'analyse', 'admin']);
    expect(mayOpen('adminUsers', permissionsOf('admin'))).toBe(true);
    expect(mayOpen('planning', permissionsOf('viewer'))).toBe(true);
  });
});
