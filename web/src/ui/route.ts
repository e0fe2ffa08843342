import { useSyncExternalStore } from 'react';

export const pages = ['missions', 'chauffeurs', 'voyages'] as const;
export type Page = (typeof pages)[number];

/** The screens around the board: subcontractors, revenue per pallet, a chauffeur's day sheet. */
export const moduleScreens = ['sst', 'revenus', 'daySheet'] as const;
export type ModuleScreen = (typeof moduleScreens)[number];

/** The invoicing screens: a dashboard, the documents, and who and what they are about. */
export const invoicingScreens = ['facturation', 'devis', 'factures', 'facturerMissions', 'contacts', 'articles', 'entreprises'] as const;
export type InvoicingScreen = (typeof invoicingScreens)[number];

/** The server administration console (`admin` role): dashboard, accounts, jobs, backups, configuration, log. */
export const adminScreens = ['admin', 'adminUsers', 'adminRoles', 'adminSessions', 'adminJobs', 'adminBackups', 'adminConfig', 'adminLogs', 'adminWms', 'adminSages'] as const;
export type AdminScreen = (typeof adminScreens)[number];

/** Every screen of the app: the planning board, the collection pages, the module screens, and the activity log. */
export type Screen = 'planning' | Page | ModuleScreen | InvoicingScreen | AdminScreen | 'journal' | 'annonces';

/**
 * The board at `/`, every other screen under `/app/`: the other top-level paths (`/missions`,
 * `/voyages`, `/auth`, `/admin`, `/api`…) belong to the server's APIs.
 */
const paths: Record<Screen, string> = {
  planning: '/',
  missions: '/app/missions',
  chauffeurs: '/app/chauffeurs',
  voyages: '/app/voyages',
  journal: '/app/journal',
  annonces: '/app/annonces',
  sst: '/app/sst',
  revenus: '/app/revenus',
  daySheet: '/app/feuille-de-route',
  facturation: '/app/facturation',
  devis: '/app/devis',
  factures: '/app/factures',
  facturerMissions: '/app/facturer-missions',
  contacts: '/app/contacts',
  articles: '/app/articles',
  entreprises: '/app/entreprises',
  admin: '/app/admin',
  adminUsers: '/app/admin/utilisateurs',
  adminRoles: '/app/admin/roles',
  adminSessions: '/app/admin/sessions',
  adminJobs: '/app/admin/taches',
  adminBackups: '/app/admin/sauvegardes',
  adminConfig: '/app/admin/configuration',
  adminLogs: '/app/admin/journal-serveur',
  adminWms: '/app/admin/wms',
  adminSages: '/app/admin/sages',
};

const screens = Object.keys(paths) as Screen[];

export function pathOf(screen: Screen): string {
  return paths[screen];
}

function normalize(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}

/** The screen of a location path; anything unknown shows the planning board (the default screen). */
export function screenOf(pathname: string): Screen {
  const path = normalize(pathname);
  return screens.find((screen) => paths[screen] === path) ?? 'planning';
}

/** The collection page of a location path, if it is one. */
export function isInvoicingScreen(screen: Screen): screen is InvoicingScreen {
  return (invoicingScreens as readonly string[]).includes(screen);
}

export function isAdminScreen(screen: Screen): screen is AdminScreen {
  return (adminScreens as readonly string[]).includes(screen);
}

export function pageOf(pathname: string): Page | undefined {
  const screen = screenOf(pathname);
  return pages.find((page) => page === screen);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

export function useScreen(): Screen {
  return screenOf(useSyncExternalStore(subscribe, () => window.location.pathname));
}

export function navigate(screen: Screen): void {
  if (window.location.pathname !== pathOf(screen)) {
    window.history.pushState(null, '', pathOf(screen));
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
}
