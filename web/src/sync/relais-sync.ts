import {
  createReplicaDatabase,
  replicationErrorCode,
  startSync,
  type RelaisDatabase,
  type SyncController,
  type SyncStatus,
} from '@relais/replica';
import { canRead } from '@relais/domain';
import { collectionNames, type CollectionName } from '@relais/schema';
import { BehaviorSubject, type Subscription } from 'rxjs';
import { toPermissionMap } from '../auth/permissions';
import { createReplicationFetch } from '../auth/replication-fetch';
import { session } from '../auth/session';
import { logger } from '../ui/logger';
import { createSliceBudget, watchLongTasks } from './first-load-slices';
import { takeFirstSyncCounts } from './first-sync-count';
import { lastSyncKey, rememberDatabase, removeLocalData } from './local-data';

export interface RelaisRuntime {
  /** The user whose local replica this is. */
  userId: number;
  db: RelaisDatabase;
  sync: SyncController;
  status$: BehaviorSubject<SyncStatus>;
  /** Stops replicating and closes the database; `wipe` deletes it from this device. */
  stop(options?: { wipe?: boolean }): Promise<void>;
}

/**
 * A first sync's page (2 000 documents) written at once holds the main thread about half a second:
 * written a slice at a time with a task boundary between, a screen open meanwhile keeps answering
 * (issue 16: no frame over 200 ms while pages stream in). A slice's write (IndexedDB puts with their
 * structured clones, change events) is sized by how long the page went without answering (the
 * pause's wait and the page's long tasks), about 40 ms at most: 200 documents (fewer transactions,
 * a faster load) while the page is idle, down to 50 while the machine or a screen is busy (the
 * week's blocks drawn meanwhile), whether a screen is open or not. No more than 200: slices of up to
 * 1 000 gave frames of 300–600 ms in IndexedDB's completion on the loaded 2-core machine.
 */
const firstLoadSlice = createSliceBudget({ budgetMs: 40, initial: 100, min: 50, max: 200 }, undefined, undefined, watchLongTasks());

let current: { userId: number; runtime: Promise<RelaisRuntime> } | undefined;

/** One local replica per user: another user of a shared PC never sees fields or data they may not read. */
export function databaseName(userId: number): string {
  return `relais-u${userId}`;
}

/** The replica forgets its last sync time on reload; this device remembers it (shown while offline). */
function rememberLastSync(key: string, lastSyncAt: string | null): string | null {
  try {
    if (lastSyncAt !== null) {
      localStorage.setItem(key, lastSyncAt);
      return lastSyncAt;
    }
    return localStorage.getItem(key);
  } catch {
    return lastSyncAt;
  }
}

async function open(userId: number): Promise<RelaisRuntime> {
  const name = databaseName(userId);
  rememberDatabase(name);
  const db = await createReplicaDatabase({ name, devMode: import.meta.env.DEV });
  const mayRead = (collection: CollectionName): boolean => {
    const state = session.getState();
    return state.status === 'signed-in' && canRead(collection, toPermissionMap(state.user.permissions));
  };
  // Started signed in, or offline on the remembered user: requests fail until the token is renewed.
  // Only what the role may read is replicated (the server refuses the rest with 403).
  const readable = collectionNames.filter(mayRead);
  const sync = startSync(db, {
    baseUrl: '',
    collections: readable,
    headers: () => session.authHeaders(),
    fetch: createReplicationFetch({ session }),
    // EventSource sends no headers: the httpOnly refresh cookie authenticates the stream. It opens once
    // the session is renewed (reconnect below): opened meanwhile, it would carry the cookie being rotated.
    createEventSource: (url) => {
      const collection = collectionNames.find((name) => url.includes(`/api/replication/${name}/`));
      const wanted = session.accessToken() !== undefined && (collection === undefined || mayRead(collection));
      return wanted ? new EventSource(url, { withCredentials: true }) : undefined;
    },
    waitForLeadership: true,
    retryTime: 3000,
    firstLoadSlice,
    counted: takeFirstSyncCounts(userId),
  });
  const lastSync = lastSyncKey(userId);

  const current = (): SyncStatus => {
    const status = sync.status$.getValue();
    return { ...status, lastSyncAt: rememberLastSync(lastSync, status.lastSyncAt) };
  };
  const status$ = new BehaviorSubject<SyncStatus>(current());
  const subscriptions: Subscription[] = readable.map((name) =>
    sync.states[name]!.error$.subscribe((error) => {
      const code = replicationErrorCode(error);
      if (code === 'NETWORK') {
        logger.debug(`synchronisation de ${name} : serveur injoignable`);
      } else {
        logger.warn(`synchronisation de ${name} en échec (${code})`, error);
      }
    }),
  );
  subscriptions.push(sync.status$.subscribe(() => status$.next(current())));

  // Set while the network's return renews the session itself, then reconnects.
  let renewingOnline = false;
  const onOnline = (): void => {
    logger.info('réseau revenu, reconnexion');
    renewingOnline = true;
    // Renewed first: the streams then open with the rotated refresh cookie, not the one being replaced.
    void session
      .refresh()
      .finally(() => {
        renewingOnline = false;
        sync.reconnect();
      });
  };
  const onOffline = (): void => {
    logger.info('réseau perdu, déconnexion');
    sync.disconnect();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  if (!navigator.onLine) {
    sync.disconnect();
  }
  // Opened offline or before the first renewal (a stream opened with the cookie being rotated is
  // refused), or failing since: the renewed session reopens the streams and pulls again.
  let needsReconnect = session.accessToken() === undefined;
  const stopWatchingToken = session.onTokenRenewed(() => {
    const status = sync.status$.getValue();
    if (!renewingOnline && (needsReconnect || !status.online || status.errorCode !== null) && navigator.onLine) {
      logger.info('session renouvelée, reconnexion');
      sync.reconnect();
    }
    needsReconnect = false;
  });

  let stopped: Promise<void> | undefined;
  return {
    userId,
    db,
    sync,
    status$,
    stop({ wipe = false } = {}) {
      stopped ??= (async () => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        stopWatchingToken();
        for (const subscription of subscriptions) {
          subscription.unsubscribe();
        }
        await sync.cancel();
        if (wipe) {
          await db.remove();
          await removeLocalData(name);
        } else {
          await db.close();
        }
      })();
      return stopped;
    },
  };
}

/**
 * Opens the user's local database and starts replicating it; the same runtime for every caller until
 * stopped. Another user's runtime is stopped first.
 */
export async function startRelais(userId: number): Promise<RelaisRuntime> {
  if (current && current.userId !== userId) {
    await stopRelais();
  }
  if (!current) {
    const entry: { userId: number; runtime: Promise<RelaisRuntime> } = {
      userId,
      runtime: open(userId).catch((error: unknown) => {
        if (current === entry) {
          current = undefined;
        }
        throw error;
      }),
    };
    current = entry;
  }
  return current.runtime;
}

/** Stops the running replica, if any (sign-out, session ended); `wipe` deletes its data from this device. */
export async function stopRelais(options: { wipe?: boolean } = {}): Promise<void> {
  const entry = current;
  if (!entry) {
    return;
  }
  current = undefined;
  let runtime: RelaisRuntime;
  try {
    runtime = await entry.runtime;
  } catch {
    return;
  }
  await runtime.stop(options);
}
