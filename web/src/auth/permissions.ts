import { canRead, canWrite, permissionNames, type PermissionMap } from '@relais/domain';
import type { CollectionName } from '@relais/schema';
import { pages, type Page } from '../ui/route';

/**
 * The UI's mirror of the server's permissions: what to show, never what is allowed (the server
 * decides). The flags come from the sign-in answer; an unknown or missing one counts as refused.
 */
export function toPermissionMap(flags: Readonly<Record<string, boolean>>): PermissionMap {
  return Object.fromEntries(permissionNames.map((name) => [name, flags[name] === true])) as PermissionMap;
}

/** The collection each page lists and edits. */
export const pageCollection: Record<Page, CollectionName> = {
  missions: 'missions',
  chauffeurs: 'chauffeurs',
  voyages: 'voyages',
};

/** The pages of the navigation this user may open. */
export function visiblePages(permissions: PermissionMap): Page[] {
  return pages.filter((page) => canRead(pageCollection[page], permissions));
}

/** The page to show for `requested`: itself when allowed, else the first allowed one. */
export function shownPage(requested: Page, permissions: PermissionMap): Page {
  const visible = visiblePages(permissions);
  return visible.includes(requested) ? requested : (visible[0] ?? 'missions');
}

export function mayEdit(collection: CollectionName, permissions: PermissionMap): boolean {
  return canWrite(collection, permissions);
}
