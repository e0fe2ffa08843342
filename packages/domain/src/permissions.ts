/** TomatoPlan's permission flags, then Relais' own (invoicing, backups, connectors). */
export const permissionNames = [
  'view_planning',
  'edit_planning',
  'view_drivers',
  'manage_drivers',
  'edit_driver_planning',
  'manage_rights',
  'manage_voyages',
  'generate_planning',
  'edit_past_planning',
  'edit_past_planning_advanced',
  'view_finance',
  'manage_finance',
  'view_analyse',
  'view_sauron',
  'send_announcements',
  'manage_announcements_config',
  'admin_access',
  'view_invoicing',
  'manage_invoicing',
  'manage_backups',
  'manage_connectors',
  'manage_sst',
] as const;

export type Permission = (typeof permissionNames)[number];

export const roleNames = ['viewer', 'planner', 'planner_advanced', 'driver_admin', 'finance', 'analyse', 'admin'] as const;

export type Role = (typeof roleNames)[number];

export type PermissionMap = Record<Permission, boolean>;

/**
 * What each role grants, written once as data. The TomatoPlan columns follow its defaults
 * (../shared/seeds/ptt-data-files.md); `admin_access` and Relais' own flags go to `admin`, and the
 * invoicing flags to `finance` as well. `manage_sst` (subcontractors, their tariffs and the revenue per
 * pallet) goes to `finance` and `planner_advanced`, the roles TomatoPlan opened those routes to.
 */
const grants: Record<Role, readonly Permission[]> = {
  viewer: ['view_planning', 'view_drivers'],
  planner: ['view_planning', 'edit_planning', 'view_drivers', 'manage_voyages', 'send_announcements'],
  planner_advanced: [
    'view_planning',
    'edit_planning',
    'view_drivers',
    'manage_voyages',
    'edit_past_planning',
    'edit_past_planning_advanced',
    'view_finance',
    'send_announcements',
    'manage_announcements_config',
    'manage_sst',
  ],
  driver_admin: ['view_planning', 'view_drivers', 'manage_drivers', 'edit_driver_planning'],
  finance: ['view_planning', 'view_finance', 'manage_finance', 'manage_sst', 'view_invoicing', 'manage_invoicing'],
  analyse: ['view_planning', 'view_drivers', 'view_finance', 'view_analyse'],
  admin: permissionNames,
};

export const roleLabels: Record<Role, string> = {
  viewer: 'Consultation',
  planner: 'Planificateur',
  planner_advanced: 'Planificateur avancé',
  driver_admin: 'Gestion des chauffeurs',
  finance: 'Finance',
  analyse: 'Analyse',
  admin: 'Administrateur',
};

/** The full permission map of a role; a system administrator holds every permission. */
export function permissionsOf(role: Role, isSystemAdmin = false): PermissionMap {
  const granted = new Set<Permission>(isSystemAdmin ? permissionNames : grants[role]);
  return Object.fromEntries(permissionNames.map((name) => [name, granted.has(name)])) as PermissionMap;
}

export function isRole(value: string): value is Role {
  return (roleNames as readonly string[]).includes(value);
}
