import type { CollectionName } from '@relais/schema';
import type { PushRow, Refusal, RuleParams } from '@relais/sync-protocol';
import { map, type Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { createDocument, updateDocument } from './edits';

const refusedKey = 'relais-refused';

/**
 * A write the server refused for good (a planning rule, a missing right…). The replica takes the
 * server's state back (a refused creation disappears from the collection), so what the user wrote is
 * kept here, on this PC only, until they fix and resend it or discard it.
 */
export interface RefusedWrite {
  collection: CollectionName;
  id: string;
  /** The document as this PC wrote it, without the replication's bookkeeping (`rev`, `updated_at`, `_deleted`). */
  document: Record<string, unknown>;
  /** The server never had it: refusing it removed it from this PC's collection. */
  creation: boolean;
  code: string;
  /** French, from the server. */
  message: string;
  /** What the message names, for another language. */
  params?: RuleParams;
  refusedAt: string;
}

export interface RefusedState {
  writes: Record<string, RefusedWrite>;
}

interface LocalDoc {
  getLatest(): { _data: { data: RefusedState } };
  incrementalModify(fn: (data: RefusedState) => RefusedState): Promise<unknown>;
}

interface LocalDocsApi {
  getLocal(id: string): Promise<LocalDoc | null>;
  upsertLocal(id: string, data: RefusedState): Promise<LocalDoc>;
  getLocal$(id: string): Observable<{ get(field: 'writes'): RefusedState['writes'] | undefined } | null>;
}

function api(db: object): LocalDocsApi {
  return db as unknown as LocalDocsApi;
}

const bookkeeping = new Set(['rev', 'updated_at', '_deleted', '_meta', '_rev', '_attachments']);

function userFields(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([field]) => !bookkeeping.has(field)));
}

function keyOf(collection: string, id: string): string {
  return `${collection}/${id}`;
}

async function modify(db: object, fn: (writes: RefusedState['writes']) => RefusedState['writes']): Promise<void> {
  const doc = (await api(db).getLocal(refusedKey)) ?? (await api(db).upsertLocal(refusedKey, { writes: {} }));
  await doc.incrementalModify((data) => ({ writes: fn({ ...data.writes }) }));
}

/**
 * Keeps the pushed state of every refused document (a refused deletion is not kept: the document
 * comes back as the server has it, nothing the user wrote is gone). Kept in a local, never
 * replicated document, so it survives a reload.
 */
export async function noteRefusedWrites(
  db: object,
  collection: CollectionName,
  rows: readonly PushRow<unknown>[],
  refusals: readonly Refusal[],
  refusedAt: string = new Date().toISOString(),
): Promise<void> {
  const byId = new Map(refusals.map((refusal) => [refusal.id, refusal]));
  const kept: RefusedWrite[] = [];
  for (const row of rows) {
    const state = row.newDocumentState as unknown as Record<string, unknown>;
    const refusal = byId.get(String(state['id']));
    if (!refusal || state['_deleted'] === true) {
      continue;
    }
    const assumed = row.assumedMasterState as unknown as Record<string, unknown> | undefined;
    kept.push({
      collection,
      id: refusal.id,
      document: userFields(state),
      creation: assumed === undefined || assumed['_deleted'] === true,
      code: refusal.code,
      message: refusal.message,
      ...(refusal.params ? { params: refusal.params } : {}),
      refusedAt,
    });
  }
  if (kept.length > 0) {
    await modify(db, (writes) => {
      for (const write of kept) {
        writes[keyOf(collection, write.id)] = write;
      }
      return writes;
    });
  }
}

/** Every refused write kept on this PC, newest first. */
export async function readRefusedWrites(db: object): Promise<RefusedWrite[]> {
  const doc = await api(db).getLocal(refusedKey);
  return sortWrites(doc ? doc.getLatest()._data.data.writes : {});
}

function sortWrites(writes: RefusedState['writes']): RefusedWrite[] {
  return Object.values(writes).sort((a, b) => b.refusedAt.localeCompare(a.refusedAt) || a.id.localeCompare(b.id));
}

/** The refused writes kept on this PC, live (across tabs too). */
export function refusedWrites$(db: object): Observable<RefusedWrite[]> {
  return api(db)
    .getLocal$(refusedKey)
    .pipe(map((doc) => sortWrites(doc?.get('writes') ?? {})));
}

/** The user gave up this write: it is forgotten. */
export async function discardRefusedWrite(db: object, collection: CollectionName, id: string): Promise<void> {
  await modify(db, (writes) => {
    delete writes[keyOf(collection, id)];
    return writes;
  });
}

interface Revisioned {
  id: string;
  rev: number;
  updated_at: string;
}

/**
 * Writes a refused document again, as the user corrected it (`fields`, or as it was refused): created
 * again with its id when the server never had it, else applied as an edit of the current state. It
 * is pushed with the next sync, and checked again there.
 */
export async function resendRefusedWrite<T extends Revisioned>(
  collection: RxCollection<T>,
  write: RefusedWrite,
  fields: Record<string, unknown> = write.document,
): Promise<void> {
  const data = Object.fromEntries(Object.entries(userFields({ ...fields, id: write.id })).filter(([, value]) => value !== undefined));
  const current = await collection.findOne(write.id).exec();
  if (current) {
    const patch: Record<string, unknown> = { ...data };
    delete patch['id'];
    // A field the corrected version leaves out is cleared.
    for (const field of Object.keys(userFields(current.toJSON()))) {
      if (!(field in patch) && field !== 'id') {
        patch[field] = undefined;
      }
    }
    await updateDocument(current, patch as Partial<Omit<T, 'id' | 'rev' | 'updated_at'>>);
  } else {
    await createDocument(collection, data as never);
  }
  await discardRefusedWrite(collection.database, write.collection, write.id);
}
