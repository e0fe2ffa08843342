import type { SyncController } from '@relais/replica';

/**
 * « Relais est prêt à fonctionner hors ligne » is only true once both halves are on this PC: the app
 * (the service worker has cached it) and the user's data (the replica's first sync is complete).
 * The service worker is registered before sign-in, the replica after it: each half is noted where it
 * is known and the toast shows when both are.
 */
export interface OfflineNoticeState {
  /** The service worker has cached the app for offline use. */
  appCached: boolean;
  /** The user closed the toast, or it timed out. */
  closed: boolean;
}

export interface OfflineNotice {
  getState: () => OfflineNoticeState;
  subscribe: (listener: () => void) => () => void;
  noteAppCached: () => void;
  close: () => void;
}

export function createOfflineNotice(): OfflineNotice {
  let state: OfflineNoticeState = { appCached: false, closed: false };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<OfflineNoticeState>): void => {
    state = { ...state, ...patch };
    for (const listener of listeners) {
      listener();
    }
  };
  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    noteAppCached: () => set({ appCached: true }),
    close: () => set({ closed: true }),
  };
}

/** The page's notice: the update banner notes the cached app, the workspace shows the toast. */
export const offlineNotice = createOfflineNotice();

/** Whether the toast shows: the app cached, this user's first sync complete, not closed yet. */
export function offlineToastShown(state: OfflineNoticeState, firstSyncDone: boolean): boolean {
  return state.appCached && firstSyncDone && !state.closed;
}

/**
 * Resolves once every replicated collection has completed its first pull and push of this run: a new
 * PC then holds the user's data. Never resolves offline, nor in a tab that does not replicate (another
 * tab leads), where nothing says the data is complete.
 */
export async function whenFirstSyncDone(sync: Pick<SyncController, 'states'>): Promise<void> {
  await Promise.all(Object.values(sync.states).map((state) => state.awaitInitialReplication()));
}
