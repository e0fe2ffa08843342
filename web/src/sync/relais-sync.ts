import {
  createReplicaDatabase,
  replicationErrorCode,
  startSync,
  type RelaisDatabase,
  type SyncController,
  type SyncStatus,
} from '@relais/replica';
import { collectionNames } from '@relais/schema';
import { BehaviorSubject, type Subscription } from 'rxjs';
import { logger } from '../ui/logger';

export interface RelaisRuntime {
  db: RelaisDatabase;
  sync: SyncController;
  status$: BehaviorSubject<SyncStatus>;
  stop(): Promise<void>;
}

let started: Promise<RelaisRuntime> | undefined;

const lastSyncKey = 'relais-derniere-synchro';

/** The replica forgets its last sync time on reload; this device remembers it (shown while offline). */
function rememberLastSync(lastSyncAt: string | null): string | null {
  try {
    if (lastSyncAt !== null) {
      localStorage.setItem(lastSyncKey, lastSyncAt);
      return lastSyncAt;
    }
    return localStorage.getItem(lastSyncKey);
  } catch {
    return lastSyncAt;
  }
}

async function open(): Promise<RelaisRuntime> {
  const db = await createReplicaDatabase({ name: 'relais', devMode: import.meta.env.DEV });
  const sync = startSync(db, {
    baseUrl: '',
    createEventSource: (url) => new EventSource(url, { withCredentials: true }),
    waitForLeadership: true,
    retryTime: 3000,
  });

  const current = (): SyncStatus => {
    const status = sync.status$.getValue();
    return { ...status, lastSyncAt: rememberLastSync(status.lastSyncAt) };
  };
  const status$ = new BehaviorSubject<SyncStatus>(current());
  const subscriptions: Subscription[] = collectionNames.map((name) =>
    sync.states[name].error$.subscribe((error) => {
      const code = replicationErrorCode(error);
      if (code === 'NETWORK') {
        logger.debug(`synchronisation de ${name} : serveur injoignable`);
      } else {
        logger.warn(`synchronisation de ${name} en échec (${code})`, error);
      }
    }),
  );
  subscriptions.push(sync.status$.subscribe(() => status$.next(current())));

  const onOnline = (): void => {
    logger.info('réseau revenu, reconnexion');
    sync.reconnect();
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

  return {
    db,
    sync,
    status$,
    async stop() {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      for (const subscription of subscriptions) {
        subscription.unsubscribe();
      }
      await sync.cancel();
      await db.close();
      started = undefined;
    },
  };
}

/** Opens the local database `relais` and starts replicating it; the same runtime for every caller. */
export function startRelais(): Promise<RelaisRuntime> {
  started ??= open().catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}
