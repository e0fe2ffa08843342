import type { SyncController } from '@relais/replica';

/**
 * « Relais est prêt à fonctionner hors ligne » is only true once both halves are on this PC: the app
 * (the service worker has cached it) and the user's data (the replica's first sync is complete).
 * The service worker is registered before sign-in, the replica after it: each half is noted where it
 * is known and the notice shows when both are.
 */
export interface OfflineNoticeState {
  /** The service worker has cached the app for offline use. */
  appCached: boolean;
  /** The user closed the notice, or it timed out. */
  closed: boolean;
  /**
   * Screens still showing the server's read-only copies of a first sync (the board, until it
   * switches to the replica's): the notice waits for them, so it never shows beside those blocks.
   */
  previews: number;
}

export interface OfflineNotice {
  getState: () => OfflineNoticeState;
  subscribe: (listener: () => void) => () => void;
  noteAppCached: () => void;
  close: () => void;
  /** Notes a screen showing the server's read-only copies, until the returned function is called. */
  showPreview: () => () => void;
}

export function createOfflineNotice(): OfflineNotice {
  let state: OfflineNoticeState = { appCached: false, closed: false, previews: 0 };
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
    showPreview: () => {
      set({ previews: state.previews + 1 });
      let shown = true;
      return () => {
        if (shown) {
          shown = false;
          set({ previews: state.previews - 1 });
        }
      };
    },
  };
}

/** The page's notice: the update banner notes the cached app, the header shows the notice. */
export const offlineNotice = createOfflineNotice();

/** Whether the notice shows: the app cached, this user's first sync complete and shown, not closed yet. */
export function offlineToastShown(state: OfflineNoticeState, firstSyncDone: boolean): boolean {
  return state.appCached && firstSyncDone && !state.closed && state.previews === 0;
}

/**
 * Resolves once every replicated collection has completed its first pull and push of this run: a new
 * PC then holds the user's data. Never resolves offline, nor in a tab that does not replicate (another
 * tab leads), where nothing says the data is complete.
 */
export async function whenFirstSyncDone(sync: Pick<SyncController, 'states'>): Promise<void> {
  await Promise.all(Object.values(sync.states).map((state) => state.awaitInitialReplication()));
}
