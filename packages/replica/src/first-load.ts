import type { Checkpoint, PullResponse } from '@relais/sync-protocol';
import {
  createRevision,
  getChangedDocumentsSince,
  now,
  setCheckpoint,
  type BulkWriteRow,
  type RxStorageInstanceReplicationState,
  type WrappedRxStorageInstance,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };
type Internal = RxStorageInstanceReplicationState<Doc>;

export interface FirstLoadOptions {
  /** Pulls one page from the server (after `checkpoint`; from the start when undefined). */
  pull(checkpoint: Checkpoint | undefined): Promise<PullResponse<unknown>>;
  /** Documents per page: a shorter page is the last one. */
  pageSize: number;
  /** Called before the first page is asked for, then after each page written, then once done. */
  onStart(): void;
  onPage(documents: number): void;
  onDone(): void;
  /**
   * Writes a page in slices of this many documents, awaiting `pause` between two: a screen open
   * during the first sync (the browser) then never waits for a whole page's write. One write per
   * page when unset.
   */
  slice?: { documents: number; pause(): Promise<void> };
}

/**
 * The first load of an EMPTY collection. RxDB's pull path looks up, for every pulled document, the
 * local copy and the replication's copy of the master state (four IndexedDB reads with those of the
 * storage's own write, all misses on a new PC) before writing both. Here each page goes straight
 * through the storage's `bulkWrite`: the documents as RxDB's pull would write them (same revision,
 * same `_meta.o` marking them as written by the pull), then the checkpoint. The replication's copy
 * of the master state each document assumes is not written: RxDB's downstream reads a document
 * marked as pulled as such without it, and `installLazyMeta` makes the copy from the stored pulled
 * state before the first local edit of a document, so that edit is pushed with the server's state as
 * its assumed master and the server detects conflicts as it
 * always does. Tombstones are skipped: an empty replica has nothing to delete.
 */
export function createFirstLoad(replication: () => RxReplicationState<unknown, Checkpoint>, options: FirstLoadOptions) {
  /** Decided at the first pull of this start: loading from empty, or RxDB's own pull. */
  let mode: 'undecided' | 'loading' | 'done' = 'undecided';
  /** Where the load got to, so a retry after a failed page goes on from there. */
  let reached: Checkpoint | undefined;
  let started = false;

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

  async function writePage(internal: Internal, documents: Doc[]): Promise<void> {
    const [identifierHash, context] = await Promise.all([internal.input.hashFunction(internal.input.identifier), internal.downstreamBulkWriteFlag]);
    // One revision for the page: each document is at its first revision, marked as written by the pull.
    const revision = createRevision(identifierHash);
    const lwt = now();
    const rows: BulkWriteRow<Doc>[] = [];
    for (const doc of documents) {
      if (!doc._deleted) {
        rows.push({ document: Object.assign(doc, { _attachments: {}, _rev: revision, _meta: { lwt, o: { _rev: 1, hash: identifierHash } } }) });
      }
    }
    // Straight to the storage under RxDB's wrapper: the wrapper gives an inserted document a new
    // `_meta` and revision of this database, dropping the pull's mark (`_meta.o`) by which RxDB's
    // downstream, and `installLazyMeta`, know a document without a meta copy as pulled. (The
    // database's lock is the one the wrapper takes.) With the replication's flag as context: the
    // upstream takes these as pulled, not as local edits.
    const fork = internal.input.forkInstance as WrappedRxStorageInstance<Doc, unknown, unknown>;
    const storage = fork.originalStorageInstance ?? fork;
    const size = options.slice?.documents ?? rows.length;
    for (let first = 0; first < rows.length; first += size) {
      if (first > 0) {
        await options.slice?.pause();
      }
      const slice = rows.slice(first, first + size);
      const result = await replication().collection.database.lockedRun(() => storage.bulkWrite(slice, context));
      // 409: the document exists already (written meanwhile); anything else is a real failure.
      const failure = result.error.find((error) => error.status !== 409);
      if (failure) {
        throw new Error(`écriture de la première synchronisation refusée (${failure.status})`);
      }
    }
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
    let next = options.pull(reached);
    for (;;) {
      const page = await next;
      const more = page.documents.length >= options.pageSize;
      if (more) {
        // The next page travels while this one is written.
        next = options.pull(page.checkpoint);
        next.catch(() => undefined);
      }
      await writePage(internal, page.documents as Doc[]);
      await setCheckpoint(internal, 'down', page.checkpoint);
      reached = page.checkpoint;
      options.onPage(page.documents.length);
      if (!more) {
        mode = 'done';
        options.onDone();
        return { documents: [], checkpoint: page.checkpoint };
      }
    }
  }

  return { run };
}
