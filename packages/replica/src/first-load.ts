import type { Checkpoint, PullResponse } from '@relais/sync-protocol';
import {
  createRevision,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  now,
  setCheckpoint,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorageInstanceReplicationState,
  type RxStorageReplicationMeta,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };
type Meta = RxStorageReplicationMeta<Doc, Checkpoint>;
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
 * same `_meta.o` marking them as written by the pull), and the master state each one assumes (the
 * server's document, with its `rev`) written in one bulk beside them, then the checkpoint. What the
 * replication keeps afterwards is exactly what its own pull path would have kept, so a later edit
 * is pushed with the server's state as its assumed master and the server detects conflicts as it
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
    const live = documents.filter((doc) => !doc._deleted);
    const size = options.slice?.documents ?? live.length;
    for (let start = 0; start < live.length; start += size) {
      if (start > 0) {
        await options.slice?.pause();
      }
      await writeSlice(internal, live.slice(start, start + size));
    }
  }

  async function writeSlice(internal: Internal, live: Doc[]): Promise<void> {
    const { forkInstance, metaInstance } = internal.input;
    const [identifierHash, checkpointKey, context] = await Promise.all([
      internal.input.hashFunction(internal.input.identifier),
      internal.checkpointKey,
      internal.downstreamBulkWriteFlag,
    ]);
    const forkRevision = createRevision(identifierHash);
    const metaRevision = createRevision(checkpointKey);
    const forkRows: BulkWriteRow<Doc>[] = [];
    const metaRows: BulkWriteRow<Meta>[] = [];
    for (const doc of live) {
      const lwt = now();
      forkRows.push({
        document: { ...doc, _attachments: {}, _rev: forkRevision, _meta: { lwt, o: { _rev: 1, hash: identifierHash } } },
      });
      const meta = {
        id: '',
        isCheckpoint: '0',
        itemId: doc.id,
        docData: doc,
        _attachments: {},
        _deleted: false,
        _rev: metaRevision,
        _meta: { lwt },
      } as RxDocumentData<Meta>;
      meta.id = getComposedPrimaryKeyOfDocumentData(metaInstance.schema, meta);
      metaRows.push({ document: meta });
    }
    // The replication's copies first: a document never stands in the collection without the state
    // it assumes, even if the tab closes between the two writes.
    const metaResult = await metaInstance.bulkWrite(metaRows, 'replication-down-write-meta');
    // Written by the upstream's own bookkeeping: the upstream takes these as pulled, not as local edits.
    const forkResult = await forkInstance.bulkWrite(forkRows, context);
    // 409: the document exists already (written meanwhile); anything else is a real failure.
    const failure = [...metaResult.error, ...forkResult.error].find((error) => error.status !== 409);
    if (failure) {
      throw new Error(`écriture de la première synchronisation refusée (${failure.status})`);
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
