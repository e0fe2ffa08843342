import { sessionUserSchema } from '@relais/schema';
import type { RememberedSession } from './session-logic';

/** Where the session store keeps what must survive a reload; `localStorage` in the browser. */
export interface SessionPersistence {
  read(): RememberedSession | null;
  write(session: RememberedSession | null): void;
  logoutPending(): boolean;
  setLogoutPending(pending: boolean): void;
}

/** The localStorage key of the remembered user (other tabs watch it). */
export const rememberedSessionKey = 'relais-session';
const logoutPendingKey = 'relais-deconnexion-en-attente';

function parse(text: string | null): RememberedSession | null {
  if (text === null) {
    return null;
  }
  try {
    const value = JSON.parse(text) as { user?: unknown; signedIn?: unknown };
    const user = sessionUserSchema.safeParse(value.user);
    return user.success ? { user: user.data, signedIn: value.signedIn === true } : null;
  } catch {
    return null;
  }
}

/** The profile only (id, name, role, permissions): never a token or a password. */
export function localSessionPersistence(storage: Storage | undefined = globalThis.localStorage): SessionPersistence {
  const attempt = (write: () => void): void => {
    try {
      write();
    } catch {
      // Private browsing may forbid storage: the session then lasts as long as the tab.
    }
  };
  return {
    read() {
      try {
        return parse(storage?.getItem(rememberedSessionKey) ?? null);
      } catch {
        return null;
      }
    },
    write(session) {
      attempt(() => (session === null ? storage?.removeItem(rememberedSessionKey) : storage?.setItem(rememberedSessionKey, JSON.stringify(session))));
    },
    logoutPending() {
      try {
        return storage?.getItem(logoutPendingKey) === '1';
      } catch {
        return false;
      }
    },
    setLogoutPending(pending) {
      attempt(() => (pending ? storage?.setItem(logoutPendingKey, '1') : storage?.removeItem(logoutPendingKey)));
    },
  };
}
