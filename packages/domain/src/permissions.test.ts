import { describe, expect, it } from 'vitest';
import { permissionNames, permissionsOf, roleNames, type Permission, type Role } from './permissions';

/** TomatoPlan's default table, copied from its documentation: ✓ = granted. */
const tomatoPlanTable = `
permission                  | viewer | planner | planner_advanced | driver_admin | finance | analyse | admin
view_planning               |   ✓    |    ✓    |        ✓         |      ✓       |    ✓    |    ✓    |   ✓
edit_planning               |        |    ✓    |        ✓         |              |         |         |   ✓
view_drivers                |   ✓    |    ✓    |        ✓         |      ✓       |         |    ✓    |   ✓
manage_drivers              |        |         |                  |      ✓       |         |         |   ✓
edit_driver_planning        |        |         |                  |      ✓       |         |         |   ✓
manage_rights               |        |         |                  |              |         |         |   ✓
manage_voyages              |        |    ✓    |        ✓         |              |         |         |   ✓
generate_planning           |        |         |                  |              |         |         |   ✓
edit_past_planning          |        |         |        ✓         |              |         |         |   ✓
edit_past_planning_advanced |        |         |        ✓         |              |         |         |   ✓
view_finance                |        |         |        ✓         |              |    ✓    |    ✓    |   ✓
manage_finance              |        |         |                  |              |    ✓    |         |   ✓
view_analyse                |        |         |                  |              |         |    ✓    |   ✓
view_sauron                 |        |         |                  |              |         |         |   ✓
send_announcements          |        |    ✓    |        ✓         |              |         |         |   ✓
manage_announcements_config |        |         |        ✓         |              |         |         |   ✓
`;

function parseTable(table: string): [Permission, Role, boolean][] {
  const [header, ...rows] = table.trim().split('\n');
  const roles = header!.split('|').slice(1).map((cell) => cell.trim() as Role);
  return rows.flatMap((row) => {
    const [permission, ...cells] = row.split('|').map((cell) => cell.trim());
    return cells.map((cell, index): [Permission, Role, boolean] => [permission as Permission, roles[index]!, cell === '✓']);
  });
}

describe('role permissions', () => {
  it.each(parseTable(tomatoPlanTable))('%s for %s is %s, as in TomatoPlan', (permission, role, granted) => {
    expect(permissionsOf(role)[permission]).toBe(granted);
  });

  it('gives Relais-only flags to admin, and invoicing to finance', () => {
    expect(permissionsOf('admin')).toMatchObject({ admin_access: true, manage_backups: true, manage_connectors: true, view_invoicing: true });
    expect(permissionsOf('finance')).toMatchObject({ view_invoicing: true, manage_invoicing: true, admin_access: false, manage_backups: false });
    for (const role of roleNames.filter((name) => name !== 'admin' && name !== 'finance')) {
      expect(permissionsOf(role).view_invoicing, role).toBe(false);
    }
  });

  it('grants everything to a system administrator whatever the role', () => {
    expect(Object.values(permissionsOf('viewer', true)).every(Boolean)).toBe(true);
    expect(Object.keys(permissionsOf('viewer'))).toEqual([...permissionNames]);
  });
});
