import type { SessionUser, TokenResponse } from '@relais/schema';
import type { AuthApi } from './auth-api';
import type { SessionPersistence } from './remembered-session';
import {
  isTokenUsable,
  refreshDelayMs,
  refreshFailureKind,
  retryDelayMs,
  startPlan,
  tokenFrom,
  type AccessToken,
} from './session-logic';
import { RequestError } from '../ui/json-client';

export type SessionState =
  /** The first renewal is under way and nobody is remembered on this device. */
  | { status: 'starting' }
  /** The sign-in page; `reason` is the error code that ended the previous session, if any. */
  | { status: 'signed-out'; reason: string | null; lastUsername: string | null }
  /** The app, on `user`'s data; `hasToken` is false while offline or until the token is renewed. */
  | { status: 'signed-in'; user: SessionUser; mustChangePassword: boolean; hasToken: boolean };

export type RefreshOutcome = 'ok' | 'signed-out' | 'unreachable';
export type LoginOutcome = { kind: 'signed-in' } | { kind: 'mfa'; challengeId: string };

export interface SessionStoreDeps {
  api: AuthApi;
  persistence: SessionPersistence;
  now?: () => number;
  /** Runs one renewal at a time across the tabs (they share the rotating refresh cookie). */
  withLock?: <T>(task: () => Promise<T>) => Promise<T>;
}

export interface SessionStore {
  /** Properties, not methods: handed as they are to `useSyncExternalStore`. */
  getState: () => SessionState;
  subscribe: (listener: () => void) => () => void;
  /** Reads the remembered user and renews the token; once per store. */
  start(): Promise<void>;
  login(username: string, password: string): Promise<LoginOutcome>;
  completeMfa(challengeId: string, code: string): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Renews the access token with the refresh cookie; concurrent calls share one request. */
  refresh(): Promise<RefreshOutcome>;
  /**
   * A request sent with `usedToken` was refused with 401, or is about to go without a token
   * (`undefined`): the token to send it with (renewed once, unless another request already did), or
   * `undefined` when the session is over or the server unreachable.
   */
  renewAfterUnauthorized(usedToken: string | undefined): Promise<string | undefined>;
  /** The server asks for a password change before anything else (an administrator reset it). */
  requirePasswordChange(): void;
  /** The current access token, unless missing or about to expire. */
  accessToken(): string | undefined;
  authHeaders(): Record<string, string>;
  /** Called after each new access token (to reopen the replication streams). */
  onTokenRenewed(listener: () => void): () => void;
  /** Ends the session here and on the server (later, if it cannot be reached now). */
  signOut(options: { forget: boolean }): Promise<void>;
  /** The network is back: renew a missing token, finish a pending sign-out. */
  networkBack(): void;
  /** Another tab changed the remembered session. */
  rememberedChanged(): void;
  dispose(): void;
}

const unreachableQuietMs = 10_000;

const runAlone = <T>(task: () => Promise<T>): Promise<T> => task();

export function createSessionStore({ api, persistence, now = Date.now, withLock = runAlone }: SessionStoreDeps): SessionStore {
  let state: SessionState = { status: 'starting' };
  let token: AccessToken | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: Promise<RefreshOutcome> | undefined;
  let started: Promise<void> | undefined;
  /** The token obtained by renewing after a 401: if it is refused too, the session is over. */
  let renewedAfter401: string | undefined;
  /** When a renewal last failed to reach the server (requests without a token then do not retry it at once). */
  let unreachableAt = Number.NEGATIVE_INFINITY;
  /** Bumped by each sign-out: a renewal answered after it must not sign the user back in. */
  let generation = 0;
  const listeners = new Set<() => void>();
  const renewedListeners = new Set<() => void>();

  function setState(next: SessionState): void {
    state = next;
    for (const listener of [...listeners]) {
      listener();
    }
  }

  function clearTimer(): void {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  }

  function schedule(delayMs: number): void {
    clearTimer();
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, delayMs);
  }

  /** Drops the token; the remembered user stays (for the next sign-in) unless `forget`. */
  function signedOut(reason: string | null, forget = false): void {
    clearTimer();
    token = null;
    const remembered = persistence.read();
    persistence.write(forget || !remembered ? null : { ...remembered, signedIn: false });
    const lastUsername = forget ? null : state.status === 'signed-in' ? state.user.username : (remembered?.user.username ?? null);
    setState({ status: 'signed-out', reason, lastUsername });
  }

  function applyTokens(response: TokenResponse): void {
    token = tokenFrom(response, now());
    persistence.setLogoutPending(false);
    // Until a one-time password is changed, the app must not open offline on this user.
    persistence.write({ user: response.user, signedIn: !response.must_change_password });
    setState({ status: 'signed-in', user: response.user, mustChangePassword: response.must_change_password, hasToken: true });
    schedule(refreshDelayMs(token, now()));
    for (const listener of [...renewedListeners]) {
      listener();
    }
  }

  function refresh(): Promise<RefreshOutcome> {
    const startedIn = generation;
    inflight ??= withLock(async (): Promise<RefreshOutcome> => {
      try {
        const response = await api.refresh();
        if (startedIn !== generation) {
          return 'signed-out';
        }
        applyTokens(response);
        return 'ok';
      } catch (error) {
        if (refreshFailureKind(error) === 'signed-out') {
          const wasSignedIn = state.status === 'signed-in';
          signedOut(wasSignedIn && error instanceof RequestError ? error.code : null);
          return 'signed-out';
        }
        unreachableAt = now();
        if (state.status === 'signed-in') {
          schedule(retryDelayMs);
          if (state.hasToken && accessToken() === undefined) {
            setState({ ...state, hasToken: false });
          }
        }
        return 'unreachable';
      }
    }).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  function accessToken(): string | undefined {
    return isTokenUsable(token, now()) ? token.value : undefined;
  }

  /** Tells the server the session is over; until it has heard it, `logoutPending` stays set. */
  async function tellServerSignedOut(accessTokenValue: string | undefined): Promise<void> {
    try {
      await api.logout(accessTokenValue);
      persistence.setLogoutPending(false);
    } catch (error) {
      // Unreachable: the next start or the network's return tries again. Refused: nothing left to close.
      if (error instanceof RequestError && error.status !== 0 && error.status < 500) {
        persistence.setLogoutPending(false);
      }
    }
  }

  async function start(): Promise<void> {
    const remembered = persistence.read();
    const plan = startPlan(remembered, persistence.logoutPending());
    switch (plan.kind) {
      case 'finish-logout':
        setState({ status: 'signed-out', reason: null, lastUsername: remembered?.user.username ?? null });
        await tellServerSignedOut(undefined);
        return;
      case 'resume':
        setState({ status: 'signed-in', user: plan.user, mustChangePassword: false, hasToken: false });
        await refresh();
        return;
      case 'refresh':
        if ((await refresh()) === 'unreachable' && state.status === 'starting') {
          setState({ status: 'signed-out', reason: null, lastUsername: remembered?.user.username ?? null });
        }
        return;
    }
  }

  async function tokenForChange(): Promise<string> {
    const current = accessToken();
    if (current !== undefined) {
      return current;
    }
    if ((await refresh()) === 'ok') {
      const renewed = accessToken();
      if (renewed !== undefined) {
        return renewed;
      }
    }
    throw new RequestError('UNAUTHENTICATED', 401, 'session expirée');
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      started ??= start();
      return started;
    },
    async login(username, password) {
      const response = await api.login(username, password);
      if ('mfa_required' in response) {
        return { kind: 'mfa', challengeId: response.challenge_id };
      }
      applyTokens(response);
      return { kind: 'signed-in' };
    },
    async completeMfa(challengeId, code) {
      applyTokens(await api.completeMfa(challengeId, code));
    },
    async changePassword(currentPassword, newPassword) {
      await api.changePassword(await tokenForChange(), currentPassword, newPassword);
      if (state.status === 'signed-in') {
        persistence.write({ user: state.user, signedIn: true });
        setState({ ...state, mustChangePassword: false });
      }
    },
    refresh,
    async renewAfterUnauthorized(usedToken) {
      if (state.status !== 'signed-in') {
        return undefined;
      }
      const current = accessToken();
      if (current !== undefined && current !== usedToken) {
        return current;
      }
      if (usedToken !== undefined && usedToken === renewedAfter401) {
        signedOut('UNAUTHENTICATED');
        return undefined;
      }
      // A renewal under way (the network just came back) is waited for, even right after a failed one.
      if (usedToken === undefined && now() - unreachableAt < unreachableQuietMs && inflight === undefined) {
        // Offline: the replication retries every few seconds; the network's return renews at once.
        return undefined;
      }
      if ((await refresh()) !== 'ok') {
        return undefined;
      }
      renewedAfter401 = accessToken();
      return renewedAfter401;
    },
    requirePasswordChange() {
      if (state.status === 'signed-in' && !state.mustChangePassword) {
        persistence.write({ user: state.user, signedIn: false });
        setState({ ...state, mustChangePassword: true });
      }
    },
    accessToken,
    authHeaders(): Record<string, string> {
      const current = accessToken();
      return current === undefined ? {} : { authorization: `Bearer ${current}` };
    },
    onTokenRenewed(listener) {
      renewedListeners.add(listener);
      return () => renewedListeners.delete(listener);
    },
    async signOut({ forget }) {
      const current = token?.value;
      // Recorded first: if the server cannot be told now, the next start does it before anything else.
      persistence.setLogoutPending(true);
      generation += 1;
      signedOut(null, forget);
      await tellServerSignedOut(current);
    },
    networkBack() {
      if (persistence.logoutPending()) {
        void tellServerSignedOut(undefined);
      } else if (state.status === 'signed-in' && accessToken() === undefined) {
        void refresh();
      }
    },
    rememberedChanged() {
      const remembered = persistence.read();
      if (state.status === 'signed-in' && !remembered?.signedIn && !state.mustChangePassword) {
        // Signed out in another tab: this one follows, without telling the server again.
        signedOut(null);
      } else if (remembered?.signedIn && (state.status !== 'signed-in' || state.user.id !== remembered.user.id)) {
        // Signed in (maybe as someone else) in another tab: the shared cookie says who.
        void refresh();
      }
    },
    dispose() {
      clearTimer();
      listeners.clear();
      renewedListeners.clear();
    },
  };
}
