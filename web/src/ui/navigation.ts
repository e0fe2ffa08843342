import { permissionsOf, roleNames, type Permission, type PermissionMap, type Role } from '@relais/domain';
import { invoicingScreens, type Screen } from './route';

/**
 * Navigation decided in one place: which screens exist in which menu of the header, and who may
 * open each one (the UI's mirror of the server's permissions: the server decides what it sends).
 */
export const navGroups = ['planning', 'facturation', 'administration'] as const;
export type NavGroup = (typeof navGroups)[number];

const groupScreens: Record<NavGroup, readonly Screen[]> = {
  planning: ['planning', 'missions', 'chauffeurs', 'voyages', 'sst', 'revenus', 'daySheet', 'annonces'],
  facturation: invoicingScreens,
  administration: ['admin', 'adminUsers', 'adminRoles', 'adminSessions', 'adminJobs', 'adminBackups', 'adminConfig', 'adminLogs', 'adminWms', 'adminSages', 'journal'],
};

/** The permissions a screen needs, all of them. */
const screenNeeds: Record<Screen, readonly Permission[]> = {
  planning: ['view_planning'],
  missions: ['view_planning'],
  chauffeurs: ['view_drivers'],
  voyages: ['view_planning'],
  sst: ['view_planning'],
  revenus: ['view_finance'],
  daySheet: ['view_planning', 'view_drivers'],
  annonces: ['send_announcements'],
  facturation: ['view_invoicing'],
  devis: ['view_invoicing'],
  factures: ['view_invoicing'],
  // Invoicing missions reads the missions and their prices.
  facturerMissions: ['view_invoicing', 'view_planning', 'view_finance'],
  contacts: ['view_invoicing'],
  articles: ['view_invoicing'],
  entreprises: ['view_invoicing'],
  admin: ['admin_access'],
  adminUsers: ['manage_rights'],
  adminRoles: ['manage_rights'],
  adminSessions: ['admin_access'],
  adminJobs: ['admin_access'],
  adminBackups: ['admin_access'],
  adminConfig: ['admin_access'],
  adminLogs: ['admin_access'],
  adminWms: ['manage_connectors'],
  // Finance reads the chantiers and hours; the configuration and the jobs need manage_connectors (the page shows only what one may).
  adminSages: ['view_finance'],
  journal: ['view_sauron'],
};

export function mayOpen(screen: Screen, permissions: PermissionMap): boolean {
  return screenNeeds[screen].every((permission) => permissions[permission]);
}

export function groupOf(screen: Screen): NavGroup {
  return navGroups.find((group) => groupScreens[group].includes(screen)) ?? 'planning';
}

/** The screens of a menu this user may open, in menu order. */
export function visibleEntries(group: NavGroup, permissions: PermissionMap): Screen[] {
  return groupScreens[group].filter((screen) => mayOpen(screen, permissions));
}

/** The menus this user has at least one screen in, each with the screen its title opens. */
export function visibleGroups(permissions: PermissionMap): { group: NavGroup; first: Screen }[] {
  return navGroups.flatMap((group) => {
    const [first] = visibleEntries(group, permissions);
    return first === undefined ? [] : [{ group, first }];
  });
}

/** The roles that may open a screen (for the "access denied" page): what to ask an administrator for. */
export function rolesAllowed(screen: Screen): Role[] {
  return roleNames.filter((role) => mayOpen(screen, permissionsOf(role)));
}

/** The screen a menu's title opens for everyone (the board, the invoicing dashboard, the console's dashboard). */
export function isGroupHome(screen: Screen): boolean {
  return groupScreens[groupOf(screen)][0] === screen;
}
