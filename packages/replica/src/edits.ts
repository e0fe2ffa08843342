import { newId } from '@relais/schema';
import type { RxCollection, RxDocument } from 'rxdb';
import { markPending } from './pending';

interface Revisioned {
  id: string;
  rev: number;
  updated_at: string;
}

export type NewDocument<T extends Revisioned> = Omit<T, 'id' | 'rev' | 'updated_at'> & { id?: string };

function now(): string {
  return new Date().toISOString();
}

/** Creates a document locally; it reaches the server with the next push. */
export async function createDocument<T extends Revisioned>(
  collection: RxCollection<T>,
  data: NewDocument<T>,
): Promise<RxDocument<T>> {
  const doc = { ...data, id: data.id ?? newId(), rev: 1, updated_at: now() } as unknown as T;
  const inserted = await collection.insert(doc);
  await markPending(collection.database, collection.name, doc.id, 1);
  return inserted;
}

/**
 * Edits a document locally, bumping its revision, so the state the server stores is exactly the
 * state this client pushed. `undefined` in the patch clears an optional field.
 */
export async function updateDocument<T extends Revisioned>(
  doc: RxDocument<T>,
  patch: Partial<Omit<T, 'id' | 'rev' | 'updated_at'>>,
): Promise<RxDocument<T>> {
  const updated = await doc.incrementalModify((current) => {
    const next: Record<string, unknown> = { ...current, ...patch, rev: current.rev + 1, updated_at: now() };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) {
        delete next[key];
      }
    }
    return next as unknown as typeof current;
  });
  await markPending(doc.collection.database, doc.collection.name, updated.primary, updated.rev);
  return updated;
}

/** Deletes a document locally (a tombstone that replicates). */
export async function removeDocument<T extends Revisioned>(doc: RxDocument<T>): Promise<void> {
  const bumped = await doc.incrementalModify((current) => ({ ...current, rev: current.rev + 1, updated_at: now() }));
  await bumped.incrementalRemove();
  await markPending(doc.collection.database, doc.collection.name, bumped.primary, bumped.rev);
}
