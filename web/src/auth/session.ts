import { createAuthApi } from './auth-api';
import { localSessionPersistence, rememberedSessionKey } from './remembered-session';
import { createSessionStore, type SessionStore } from './session-store';

const lockName = 'relais-session-refresh';

/** One renewal at a time across this origin's tabs: each one rotates the shared refresh cookie. */
function withBrowserLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request(lockName, task) : task();
}

/** The PWA's session: the access token in memory, the last user's profile in localStorage. */
export const session: SessionStore = createSessionStore({
  api: createAuthApi(),
  persistence: localSessionPersistence(),
  withLock: withBrowserLock,
});

let watching = false;

/** Starts the session once: remembered user, first renewal, network and other tabs watched. */
export function startSession(): Promise<void> {
  if (!watching && typeof window !== 'undefined') {
    watching = true;
    window.addEventListener('online', () => session.networkBack());
    window.addEventListener('storage', (event) => {
      if (event.key === rememberedSessionKey || event.key === null) {
        session.rememberedChanged();
      }
    });
  }
  return session.start();
}
