import type { CollectionName } from '@relais/schema';

/** A first sync of one collection: documents written so far out of those the server counted. */
export interface CollectionProgress {
  loaded: number;
  total: number;
}

/** The collections in their first sync; a collection leaves it once loaded. */
export type FirstSyncProgress = Partial<Record<CollectionName, CollectionProgress>>;

/** A first sync starting: nothing loaded yet of what the server counted. */
export function startProgress(total: number): CollectionProgress {
  return { loaded: 0, total: Math.max(0, total) };
}

/**
 * After a page of `pageSize` documents: more may arrive than counted (written on the server while
 * the sync runs), so the total grows with them and the count never runs past it.
 */
export function advanceProgress(progress: CollectionProgress, pageSize: number): CollectionProgress {
  const loaded = progress.loaded + Math.max(0, pageSize);
  return { loaded, total: Math.max(progress.total, loaded) };
}

/** What a screen shows: the collection to name (missions first, else the one with most to load), or none. */
export function progressSummary(
  progress: FirstSyncProgress,
  preferred: CollectionName = 'missions',
): { collection: CollectionName; loaded: number; total: number; ratio: number } | undefined {
  const entries = (Object.entries(progress) as [CollectionName, CollectionProgress | undefined][]).filter(
    (entry): entry is [CollectionName, CollectionProgress] => entry[1] !== undefined,
  );
  if (entries.length === 0) {
    return undefined;
  }
  const chosen =
    entries.find(([name]) => name === preferred) ??
    entries.reduce((best, entry) => (entry[1].total - entry[1].loaded > best[1].total - best[1].loaded ? entry : best));
  const [collection, { loaded, total }] = chosen;
  return { collection, loaded, total, ratio: total === 0 ? 1 : Math.min(1, loaded / total) };
}
