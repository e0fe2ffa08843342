import { collectionNames, type CollectionName } from '@relais/schema';
import type { Checkpoint, TaggedPullResponse, WireDocument } from '@relais/sync-protocol';
import { BehaviorSubject, Subject, type Subscription } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { ConflictReport } from './conflicts';
import { conflictsOf, noteAdjustments, noteRefusals, type RelaisDatabase } from './database';
import { replicationErrorCode, replicationErrorMessage } from './error-code';
import { createFirstLoad, type FirstLoadOptions } from './first-load';
import { installLazyMeta, withoutPulledStates } from './lazy-meta';
import { clearPending, readPending } from './pending';
import { advanceProgress, startProgress, type FirstSyncProgress } from './progress';
import { noteRefusedWrites } from './refused';
import { streamRetryDelay } from './stream-retry';
import { createTransport, type EventSourceLike, type TransportOptions } from './transport';

export interface SyncStatus {
  /** The last request reached the server. */
  online: boolean;
  /** Local writes not yet acknowledged by the server. */
  pending: number;
  /** Last successful exchange with the server (ISO). */
  lastSyncAt: string | null;
  /** Last replication error, cleared by the next success. */
  error: string | null;
  /** Its code (a server error code, `NETWORK`, or `UNKNOWN`), for the UI to translate. */
  errorCode: string | null;
  /** Conflicts resolved since start, newest first, until dismissed. */
  conflicts: ConflictReport[];
  /** The collections in their first sync, with what is loaded of what the server counted. */
  firstSync: FirstSyncProgress;
}

export interface SyncOptions extends TransportOptions {
  pullBatchSize?: number;
  pushBatchSize?: number;
  /** Milliseconds before a failed request is retried. */
  retryTime?: number;
  /** Only the leader tab replicates (browser); Node tests replicate at once. */
  waitForLeadership?: boolean;
  /** The collections to replicate (those the user may read); all by default. */
  collections?: readonly CollectionName[];
  /** Loads an empty collection straight through the storage (default); false keeps RxDB's own pull path. */
  firstLoad?: boolean;
  /** The first load's page written in slices with a pause between them (see `FirstLoadOptions.slice`). */
  firstLoadSlice?: FirstLoadOptions['slice'];
  /**
   * What the server counted of collections this PC never loaded, asked before the replica started
   * (at sign-in on a new PC): their first sync shows 0 / N as soon as it answers, not after the
   * leader election, the replications' start and the first load's own count (0.5–0.8 s later on the
   * loaded 2-core machine). A collection found not empty after all shows no progress.
   */
  counted?: Partial<Record<CollectionName, Promise<number>>>;
}

/**
 * Documents per pull page: the server allows 5 000; 2 000 keeps a page's write short enough for the
 * screens to stay responsive while a first sync streams in, and the progress moving.
 */
export const pullPageSize = 2000;

/**
 * Documents of a first load's first page: written while the full page after it travels, rather
 * than waited for (a page of 2 000 took 200–240 ms to reach the replica on the loaded 2-core
 * machine, the pages after it 2–3 ms, being asked for while the one before was written).
 */
const firstLoadFirstPage = 200;

export interface SyncController {
  /** One replication per replicated collection. */
  states: Partial<Record<CollectionName, RxReplicationState<unknown, Checkpoint>>>;
  status$: BehaviorSubject<SyncStatus>;
  /** Resolves when every collection has pushed its local writes and pulled the server's. */
  awaitInSync(): Promise<void>;
  /** Reopens the live streams and pulls again (after the network comes back). */
  reconnect(): void;
  /** Closes the live streams (the network went away). */
  disconnect(): void;
  dismissConflicts(): void;
  cancel(): Promise<void>;
}

const maxConflictsKept = 50;
/** `EventSource.CLOSED`: the stream gave up and will not reconnect by itself. */
const closedState = 2;


/** Starts live replication of every collection with the sync server. */
export function startSync(db: RelaisDatabase, options: SyncOptions): SyncController {
  const transport = createTransport(options);
  const status$ = new BehaviorSubject<SyncStatus>({
    online: true,
    pending: 0,
    lastSyncAt: null,
    error: null,
    errorCode: null,
    conflicts: [],
    firstSync: {},
  });
  const update = (patch: Partial<SyncStatus>): void => status$.next({ ...status$.getValue(), ...patch });
  // Set by `disconnect` (the network went away): a request that was already under way may still
  // succeed, but the client stays offline until `reconnect`.
  let disconnected = false;
  const succeeded = (): void =>
    update({ online: !disconnected, error: null, errorCode: null, lastSyncAt: new Date().toISOString() });
  const failed = (error: unknown): void => {
    const code = replicationErrorCode(error);
    if (code === 'NETWORK') {
      update({ online: false, error: null, errorCode: null });
    } else {
      update({ error: replicationErrorMessage(error), errorCode: code });
    }
  };

  let stream: EventSourceLike | undefined;
  /** Set while a refused stream waits to be opened again. */
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  /** Refusals in a row, reset when a stream opens. */
  let streamFailures = 0;
  const subjects = new Map<CollectionName, Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>>();
  /**
   * The server database each collection last pulled from. A restore gives the server database a new
   * identity: a live batch from another one would move the checkpoint past everything the restore
   * changed, so the collection pulls instead (and the server answers its old checkpoint from the
   * start). The replication keeps its identifier: the states the client last saw stay the base of
   * the three-way merge of its pending edits.
   */
  const pulledFrom = new Map<CollectionName, string>();
  const subscriptions: Subscription[] = [];

  /** Opens the one live stream of every replicated collection and routes its batches. */
  function openStream(): void {
    const source = transport.stream([...subjects.keys()]);
    if (!source) {
      return;
    }
    source.onopen = () => {
      streamFailures = 0;
      update({ online: !disconnected });
    };
    source.onmessage = (event) => {
      if (event.data === 'RESYNC') {
        for (const subject of subjects.values()) {
          subject.next('RESYNC');
        }
        return;
      }
      const { collection, ...batch } = JSON.parse(event.data) as TaggedPullResponse<unknown>;
      const name = collection as CollectionName;
      const database = batch.checkpoint.db;
      subjects.get(name)?.next(database !== undefined && database !== pulledFrom.get(name) ? 'RESYNC' : batch);
    };
    source.onerror = () => {
      update({ online: false });
      // EventSource reconnects by itself after a lost connection, but gives up for good when the
      // server answers with an error (429 when it holds too many streams, 401, 503): open it again
      // later, each time later, so a refused client neither hammers the server nor stays deaf.
      if (source.readyState === closedState && stream === source) {
        scheduleReopen();
      }
    };
    stream = source;
  }

  function scheduleReopen(): void {
    if (reopenTimer !== undefined) {
      return;
    }
    const delay = streamRetryDelay(streamFailures, options.retryTime ?? 5000);
    streamFailures += 1;
    reopenTimer = setTimeout(() => {
      reopenTimer = undefined;
      if (!disconnected) {
        closeStream();
        openStream();
      }
    }, delay);
  }

  function closeStream(): void {
    clearTimeout(reopenTimer);
    reopenTimer = undefined;
    stream?.close();
    stream = undefined;
  }

  const refreshPending = async (): Promise<void> => {
    const pending = await readPending(db);
    update({ pending: Object.keys(pending.docs).length });
  };

  const replicated = options.collections ?? collectionNames;
  const states: Partial<Record<CollectionName, RxReplicationState<unknown, Checkpoint>>> = {};
  for (const name of replicated) {
    const subject = new Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>();
    subjects.set(name, subject);
    const pullBatchSize = options.pullBatchSize ?? pullPageSize;
    const pullPage = async (checkpoint: Checkpoint | undefined, limit = pullBatchSize) => {
      const response = await transport.pull<unknown>(name, checkpoint, limit);
      if (response.checkpoint.db !== undefined) {
        pulledFrom.set(name, response.checkpoint.db);
      }
      succeeded();
      return response;
    };
    const setProgress = (progress: FirstSyncProgress[CollectionName]): void => {
      const firstSync = { ...status$.getValue().firstSync };
      if (progress) {
        firstSync[name] = progress;
      } else {
        delete firstSync[name];
      }
      update({ firstSync });
    };
    /**
     * Documents the first load wrote, and what the server counted (once it answered); `expected`
     * while a count given at sign-in stands for a first load not started yet.
     */
    const counted = options.firstLoad === false ? undefined : options.counted?.[name];
    const loading = { active: false, expected: counted !== undefined, loaded: 0, total: undefined as number | undefined };
    const showProgress = (): void => {
      const shown = (loading.active || loading.expected) && loading.total !== undefined;
      setProgress(shown ? advanceProgress(startProgress(loading.total ?? 0), loading.loaded) : undefined);
    };
    const count = (): Promise<number> => counted?.catch(() => transport.count(name, undefined)) ?? transport.count(name, undefined);
    counted?.then(
      (total) => {
        loading.total ??= total;
        showProgress();
      },
      () => undefined,
    );
    const firstLoad =
      options.firstLoad === false
        ? undefined
        : createFirstLoad(() => states[name] as RxReplicationState<unknown, Checkpoint>, {
            pull: pullPage,
            pageSize: pullBatchSize,
            firstPageSize: firstLoadFirstPage,
            slice: options.firstLoadSlice,
            // Asked beside the first page; without an answer (an older server) the load goes on unshown.
            onStart: () => {
              loading.active = true;
              loading.expected = false;
              // From the start of an empty collection: the count given at sign-in, if any, is this one.
              count().then(
                (total) => {
                  loading.total = total;
                  showProgress();
                },
                () => undefined,
              );
            },
            onPage: (documents) => {
              loading.loaded += documents;
              showProgress();
            },
            onDone: () => {
              loading.active = false;
              showProgress();
            },
          });
    const state: RxReplicationState<unknown, Checkpoint> = replicateRxCollection<unknown, Checkpoint>({
      replicationIdentifier: `relais-${name}-${options.baseUrl || 'origin'}`,
      collection: db.collections[name] as never,
      live: true,
      retryTime: options.retryTime ?? 5000,
      waitForLeadership: options.waitForLeadership ?? false,
      autoStart: true,
      pull: {
        batchSize: pullBatchSize,
        stream$: subject.asObservable(),
        handler: async (checkpoint) => {
          const loaded = await firstLoad?.run(checkpoint);
          if (loaded) {
            return loaded;
          }
          if (loading.expected) {
            // Not a first load after all (the replica held documents): no progress to show.
            loading.expected = false;
            showProgress();
          }
          return pullPage(checkpoint);
        },
      },
      push: {
        batchSize: options.pushBatchSize ?? 100,
        handler: async (pushedRows) => {
          const rows = await withoutPulledStates(state, pushedRows);
          if (rows.length === 0) {
            return [];
          }
          const { conflicts, refusals, adjusted = [] } = await transport.push<unknown>(name, rows);
          succeeded();
          noteRefusals(db, name, refusals);
          noteAdjustments(db, name, adjusted);
          // Kept before the conflict handler reverts them: what the user wrote stays on this PC.
          await noteRefusedWrites(db, name, rows, refusals);
          // Written, or refused for good (the document goes back to the server's state): either
          // way nothing is left to push. A conflict that merges is pushed again, as a new write.
          // Stored with the server's own fields: written too.
          const refused = new Set([...refusals.map((refusal) => refusal.id), ...adjusted.map((adjustment) => adjustment.id)]);
          const conflicting = new Set(conflicts.map((doc) => (doc as unknown as { id: string }).id));
          const accepted = rows
            .map((row) => row.newDocumentState as WireDocument<{ id: string; rev: number }>)
            .filter((doc) => !conflicting.has(doc.id) || refused.has(doc.id))
            .map((doc) => ({ id: doc.id, rev: doc.rev }));
          await clearPending(db, name, accepted);
          await refreshPending();
          return conflicts;
        },
      },
    });
    subscriptions.push(state.error$.subscribe(failed));
    installLazyMeta(db.collections[name] as never, state);
    states[name] = state;
  }
  openStream();

  const pendingSubscription = (db as unknown as { getLocal$(id: string): { subscribe(fn: () => void): Subscription } })
    .getLocal$('relais-pending')
    .subscribe(() => void refreshPending());
  subscriptions.push(pendingSubscription);
  subscriptions.push(
    conflictsOf(db).subscribe((report) =>
      update({ conflicts: [report, ...status$.getValue().conflicts].slice(0, maxConflictsKept) }),
    ),
  );

  return {
    states,
    status$,
    async awaitInSync() {
      await Promise.all(Object.values(states).map((state) => state.awaitInSync()));
      await refreshPending();
    },
    reconnect() {
      disconnected = false;
      streamFailures = 0;
      closeStream();
      openStream();
      for (const name of replicated) {
        states[name]?.reSync();
      }
    },
    disconnect() {
      disconnected = true;
      closeStream();
      update({ online: false });
    },
    dismissConflicts() {
      update({ conflicts: [] });
    },
    async cancel() {
      for (const subscription of subscriptions) {
        subscription.unsubscribe();
      }
      closeStream();
      for (const subject of subjects.values()) {
        subject.complete();
      }
      await Promise.all(Object.values(states).map((state) => state.cancel()));
    },
  };
}
