import { sameValue, type Checkpoint, type PullResponse } from '@relais/sync-protocol';
import {
  categorizeBulkWriteRows,
  createRevision,
  getChangedDocumentsSince,
  now,
  setCheckpoint,
  type BulkWriteRow,
  type EventBulk,
  type RxDocumentData,
  type RxStorageChangeEvent,
  type RxStorageInstance,
  type RxStorageInstanceReplicationState,
  type WrappedRxStorageInstance,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { fromStorageToDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { isPulledState, serverState } from './lazy-meta';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };
type Internal = RxStorageInstanceReplicationState<Doc>;
type Storage = RxStorageInstance<Doc, unknown, unknown, unknown>;
/** The Dexie storage's own change stream (private in its type): what its `bulkWrite` emits to. */
type ChangeSink = { next(bulk: EventBulk<RxStorageChangeEvent<RxDocumentData<Doc>>, unknown>): void };

export interface FirstLoadOptions {
  /** Pulls one page of at most `limit` documents (after `checkpoint`; from the start when undefined). */
  pull(checkpoint: Checkpoint | undefined, limit: number): Promise<PullResponse<unknown>>;
  /** Documents per page: a shorter page is the last one. */
  pageSize: number;
  /**
   * Documents of the first page asked for (at most `pageSize`, which it is when unset): a short
   * first page reaches the replica sooner (the server reads and encodes it, the browser parses it),
   * and the full pages after it travel while it is written.
   */
  firstPageSize?: number;
  /** Called before the first page is asked for, then after each page written, then once done. */
  onStart(): void;
  onPage(documents: number): void;
  onDone(): void;
  /**
   * Writes a page in slices of `documents` (read before each slice), awaiting `pause` between two:
   * a screen open during the first sync (the browser) then never waits for a whole page's write.
   * One write per page when unset.
   */
  slice?: { documents: number; pause(): Promise<void> };
}

/**
 * The first load of an EMPTY collection. RxDB's pull path looks up, for every pulled document, the
 * local copy and the replication's copy of the master state (four IndexedDB reads with those of the
 * storage's own write, all misses on a new PC) before writing both. Here each page is added straight
 * to the storage (`insertNew`): the documents as RxDB's pull would write them (same revision, same
 * `_meta.o` marking them as written by the pull), then the checkpoint. The replication's copy of the
 * master state each document assumes is not written: RxDB's downstream reads a document marked as
 * pulled as such without it, and `installLazyMeta` makes the copy from the stored pulled state before
 * the first local edit of a document, so that edit is pushed with the server's state as its assumed
 * master and the server detects conflicts as it always does. A tombstone of a document the replica
 * lacks is skipped (nothing to delete); a page with a document the replica holds already goes to
 * RxDB's own pull, which goes on from there.
 */
export function createFirstLoad(replication: () => RxReplicationState<unknown, Checkpoint>, options: FirstLoadOptions) {
  /** Decided at the first pull of this start: loading from empty, or RxDB's own pull. */
  let mode: 'undecided' | 'loading' | 'done' = 'undecided';
  /** Where the load got to, so a retry after a failed page goes on from there. */
  let reached: Checkpoint | undefined;
  let started = false;
  /** The pull's mark and the replication's write context: the same for every page. */
  let marks: Promise<[string, string]> | undefined;

  function internalState(): Internal {
    const internal = replication().internalReplicationState as Internal | undefined;
    if (!internal) {
      throw new Error('réplication non démarrée');
    }
    return internal;
  }

  async function isEmpty(internal: Internal): Promise<boolean> {
    const changed = await getChangedDocumentsSince(internal.input.forkInstance, 1);
    return changed.documents.length === 0;
  }

  /**
   * Writes a page; answers false, having written what it could, when the replica holds a document
   * of it already (written meanwhile: a newer state of a document pulled earlier in this load, an
   * edit in this or another tab). Such a page is RxDB's own pull's to write: it alone knows how
   * to update a pulled state or leave a local edit to the upstream's conflict detection.
   */
  async function writePage(internal: Internal, documents: Doc[]): Promise<boolean> {
    marks ??= Promise.all([internal.input.hashFunction(internal.input.identifier), internal.downstreamBulkWriteFlag]);
    const [identifierHash, context] = await marks;
    // One revision for the page: each document is at its first revision, marked as written by the pull.
    const revision = createRevision(identifierHash);
    const lwt = now();
    const rows: BulkWriteRow<Doc>[] = [];
    const tombstones: string[] = [];
    for (const doc of documents) {
      if (doc._deleted) {
        tombstones.push(doc.id);
      } else {
        rows.push({ document: Object.assign(doc, { _attachments: {}, _rev: revision, _meta: { lwt, o: { _rev: 1, hash: identifierHash } } }) });
      }
    }
    // Straight to the storage under RxDB's wrapper: the wrapper gives an inserted document a new
    // `_meta` and revision of this database, dropping the pull's mark (`_meta.o`) by which RxDB's
    // downstream, and `installLazyMeta`, know a document without a meta copy as pulled. (The
    // database's lock is the one the wrapper takes.) With the replication's flag as context: the
    // upstream takes these as pulled, not as local edits.
    const fork = internal.input.forkInstance as WrappedRxStorageInstance<Doc, unknown, unknown>;
    const storage: Storage = fork.originalStorageInstance ?? fork;
    // A tombstone of a document the replica lacks has nothing to delete; one it holds is an update.
    if (tombstones.length > 0 && (await storage.findDocumentsById(tombstones, true)).length > 0) {
      return false;
    }
    const held: Doc[] = [];
    // Two slices in flight: IndexedDB takes a slice's documents while it commits the one before.
    const writes: Promise<void>[] = [];
    for (let first = 0; first < rows.length; ) {
      if (first > 0) {
        await options.slice?.pause();
      }
      await writes[writes.length - 2];
      // Read for each slice: the caller may size it by how long the slices before held the thread.
      const slice = rows.slice(first, first + Math.max(1, options.slice?.documents ?? rows.length));
      first += slice.length;
      const previous = writes[writes.length - 1] ?? Promise.resolve();
      const write = replication()
        .collection.database.lockedRun(() => insertNew(storage, slice, context, previous))
        .then((documents) => {
          held.push(...documents);
        });
      // Awaited below (or above, two slices on): a failure is thrown there.
      write.catch(() => undefined);
      writes.push(write);
    }
    await Promise.all(writes);
    if (held.length === 0) {
      return true;
    }
    // Held as this load wrote them (a page written again after a failed write): nothing to update.
    const stored = await storage.findDocumentsById(held.map((doc) => doc.id), true);
    const wanted = new Map(held.map((doc) => [doc.id, serverState(doc as RxDocumentData<Doc>)]));
    return stored.every((doc) => isPulledState(doc, identifierHash) && sameValue(serverState(doc), wanted.get(doc.id)));
  }

  /**
   * Answers the page's documents, restored to the server's state, and the checkpoint after it, for
   * RxDB's own pull to write; it goes on from there with its own pulls.
   */
  function handOver(documents: Doc[], checkpoint: Checkpoint): PullResponse<unknown> {
    mode = 'done';
    options.onDone();
    return { documents: documents.map((doc) => serverState(doc as RxDocumentData<Doc>)), checkpoint };
  }

  /**
   * Loads the collection when this is its first sync; answers the empty page RxDB's pull then
   * stops at, with the checkpoint reached. Undefined when RxDB's own pull should run.
   */
  async function run(checkpoint: Checkpoint | undefined): Promise<PullResponse<unknown> | undefined> {
    if (mode === 'done') {
      return undefined;
    }
    const internal = internalState();
    if (mode === 'undecided') {
      mode = checkpoint === undefined && (await isEmpty(internal)) ? 'loading' : 'done';
      if (mode === 'done') {
        return undefined;
      }
    }
    if (!started) {
      options.onStart();
      started = true;
    }
    let asked = Math.min(options.firstPageSize ?? options.pageSize, options.pageSize);
    let next = options.pull(reached, asked);
    // The checkpoint of the page written last, saved while the next page is written (RxDB writes
    // checkpoints one after the other, in order, its own pull's behind these): awaited before the
    // load ends, hands over or fails, so a failure to save one surfaces.
    let saving: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const page = await next;
        const more = page.documents.length >= asked;
        if (more) {
          // The next page travels while this one is written.
          asked = options.pageSize;
          next = options.pull(page.checkpoint, asked);
          next.catch(() => undefined);
        }
        if (!(await writePage(internal, page.documents as Doc[]))) {
          await saving;
          return handOver(page.documents as Doc[], page.checkpoint);
        }
        const checkpoint = page.checkpoint;
        saving = saving.then(() => setCheckpoint(internal, 'down', checkpoint)).then(() => {
          reached = checkpoint;
        });
        // Awaited at the end (or in `finally`): a failure is thrown there.
        saving.catch(() => undefined);
        options.onPage(page.documents.length);
        if (!more) {
          await saving;
          mode = 'done';
          options.onDone();
          return { documents: [], checkpoint };
        }
      }
    } finally {
      // A page that failed: the retry goes on from the last checkpoint saved.
      await saving.catch(() => undefined);
    }
  }

  return { run };
}

/**
 * Inserts rows the storage should not hold yet, after `previous` (the write of the slice before,
 * whose change event goes first); answers the documents it held (left as they are). On RxDB's Dexie storage, the rows are added in one transaction and the storage's
 * change event emitted as its `bulkWrite` does, without that write's per-document lookups (reads
 * that all miss on an empty replica) nor its deep copy for the validator: a document the store
 * holds fails its add, atomically, whoever wrote it. Server documents are the server's verdict
 * already (the same zod contract). On any other storage, its own `bulkWrite`.
 */
async function insertNew(storage: Storage, rows: BulkWriteRow<Doc>[], context: string, previous: Promise<unknown>): Promise<Doc[]> {
  const changes = (storage as unknown as { changes$?: ChangeSink }).changes$;
  if (!(storage instanceof RxStorageInstanceDexie) || typeof changes?.next !== 'function') {
    await previous;
    const result = await storage.bulkWrite(rows, context);
    const failure = result.error.find((error) => error.status !== 409);
    if (failure) {
      throw new Error(`écriture de la première synchronisation refusée (${failure.status})`);
    }
    return result.error.map((error) => error.writeRow.document);
  }
  const { dexieDb, dexieTable, booleanIndexes } = await storage.internals;
  const records = rows.map((row) => fromStorageToDexie(booleanIndexes, row.document) as unknown);
  const held = await addNew(dexieDb.backendDB(), dexieTable.name, records);
  const added = held.size === 0 ? rows : rows.filter((_, position) => !held.has(position));
  // In order, and whether the slice before was written or not: these documents are.
  await previous.catch(() => undefined);
  if (added.length > 0) {
    // The very event the storage's own write emits: the collection, its queries and the other tabs learn of the documents.
    const { eventBulk, newestRow } = categorizeBulkWriteRows(storage, 'id', new Map(), added, context);
    const newest = (newestRow ?? added[added.length - 1]!).document;
    eventBulk.checkpoint = { id: newest.id, lwt: newest._meta.lwt };
    changes.next(eventBulk);
  }
  return rows.filter((_, position) => held.has(position)).map((row) => row.document);
}

/**
 * Adds `records` to the object store `store` in one transaction, straight on IndexedDB: Dexie's
 * `bulkAdd` places the same requests, then reads every request's result back for its middlewares
 * (0.4 s of main thread for 20 000 documents in a CDP profile, beside 1.5 s in the adds themselves),
 * which nothing here uses. Answers the positions of the records the store held already: their add
 * fails alone, the others stay.
 */
function addNew(db: IDBDatabase, store: string, records: unknown[]): Promise<Set<number>> {
  return new Promise((resolve, reject) => {
    const held = new Set<number>();
    const transaction = db.transaction(store, 'readwrite');
    const objectStore = transaction.objectStore(store);
    records.forEach((record, position) => {
      const request = objectStore.add(record);
      request.onerror = (event) => {
        if (request.error?.name === 'ConstraintError') {
          // Handled: the transaction goes on with the other adds.
          event.preventDefault();
          event.stopPropagation();
          held.add(position);
        }
      };
    });
    transaction.oncomplete = () => resolve(held);
    transaction.onabort = () => reject(transaction.error ?? new Error('écriture de la première synchronisation interrompue'));
  });
}
