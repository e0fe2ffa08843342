import type { CollectionName } from '@relais/schema';
import type { Permission, PermissionMap } from './permissions';

/** Who may read and who may change each replicated collection, as data. */
export const collectionAccess: Record<CollectionName, { read: Permission; write: Permission }> = {
  chauffeurs: { read: 'view_drivers', write: 'manage_drivers' },
  voyages: { read: 'view_planning', write: 'manage_voyages' },
  missions: { read: 'view_planning', write: 'edit_planning' },
  disponibilites: { read: 'view_drivers', write: 'edit_driver_planning' },
  // Planners see the subcontractors and whom to write to (board rows, announcements); prices are finance.
  sst: { read: 'view_planning', write: 'manage_sst' },
  revenus_palettes: { read: 'view_finance', write: 'manage_sst' },
  entreprises: { read: 'view_invoicing', write: 'manage_invoicing' },
  contacts: { read: 'view_invoicing', write: 'manage_invoicing' },
  articles: { read: 'view_invoicing', write: 'manage_invoicing' },
  devis: { read: 'view_invoicing', write: 'manage_invoicing' },
  factures: { read: 'view_invoicing', write: 'manage_invoicing' },
  reglements: { read: 'view_invoicing', write: 'manage_invoicing' },
};

/** Fields only some roles may read; the others never receive them (pull, stream, REST). */
export const restrictedFields: { [K in CollectionName]?: Record<string, Permission> } = {
  missions: { cout_sst: 'view_finance', revenu: 'view_finance' },
  sst: { tarifs: 'view_finance' },
};

export function canRead(collection: CollectionName, permissions: PermissionMap): boolean {
  return permissions[collectionAccess[collection].read];
}

export function canWrite(collection: CollectionName, permissions: PermissionMap): boolean {
  return permissions[collectionAccess[collection].write];
}

/** The fields of a collection this user may not read. */
export function hiddenFields(collection: CollectionName, permissions: PermissionMap): string[] {
  return Object.entries(restrictedFields[collection] ?? {})
    .filter(([, permission]) => !permissions[permission])
    .map(([field]) => field);
}

/** A document as this user may see it. */
export function projectDocument<T extends Record<string, unknown>>(doc: T, hidden: readonly string[]): T {
  if (hidden.length === 0) {
    return doc;
  }
  // Copied without the hidden fields rather than `delete`d: a deleted key turns the object into a
  // slow dictionary for every later read (the push path compares and maps each document).
  const projected: Record<string, unknown> = {};
  for (const field of Object.keys(doc)) {
    if (!hidden.includes(field)) {
      projected[field] = doc[field];
    }
  }
  return projected as T;
}
