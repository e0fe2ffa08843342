import type { LoginResponse, SessionUser, TokenResponse } from '@relais/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthApi } from './auth-api';
import type { SessionPersistence } from './remembered-session';
import type { RememberedSession } from './session-logic';
import { createSessionStore, type SessionStore } from './session-store';
import { RequestError } from '../ui/json-client';

const planner: SessionUser = { id: 7, username: 'JEAN.DUPONT', display_name: 'Jean Dupont', role: 'planner', permissions: { view_planning: true, edit_planning: true } };

let issued = 0;
function tokens(options: { mustChange?: boolean; expiresIn?: number; user?: SessionUser } = {}): TokenResponse {
  issued += 1;
  return {
    access_token: `jeton-${issued}`,
    token_type: 'bearer',
    expires_at: new Date(Date.now() + (options.expiresIn ?? 3600) * 1000).toISOString(),
    expires_in: options.expiresIn ?? 3600,
    must_change_password: options.mustChange ?? false,
    user: options.user ?? planner,
  };
}

const unauthenticated = (): RequestError => new RequestError('UNAUTHENTICATED', 401, 'Session fermée : reconnectez-vous.');
const unreachable = (): RequestError => new RequestError('NETWORK', 0, 'Failed to fetch');

/** A server stand-in: each call answers with the next scripted result. */
function fakeApi() {
  const script = { refresh: [] as (TokenResponse | Error)[], logout: [] as (Error | undefined)[] };
  const next = <T,>(queue: (T | Error)[], fallback: () => T | Error): T => {
    const value = queue.length > 0 ? queue.shift() : fallback();
    if (value instanceof Error) {
      throw value;
    }
    return value as T;
  };
  const api = {
    login: vi.fn<(username: string, password: string) => Promise<LoginResponse>>(() => Promise.resolve(tokens())),
    completeMfa: vi.fn<(challengeId: string, code: string) => Promise<TokenResponse>>(() => Promise.resolve(tokens())),
    refresh: vi.fn<() => Promise<TokenResponse>>(() => Promise.resolve().then(() => next(script.refresh, unauthenticated))),
    changePassword: vi.fn<(token: string, current: string, next: string) => Promise<void>>(() => Promise.resolve()),
    logout: vi.fn<(token: string | undefined) => Promise<void>>(() => Promise.resolve().then(() => void next(script.logout, () => undefined))),
  } satisfies AuthApi;
  return { api, script };
}

function memoryPersistence(initial: RememberedSession | null = null, pending = false): SessionPersistence & { saved: RememberedSession | null; pending: boolean } {
  const store = {
    saved: initial,
    pending,
    read: () => store.saved,
    write: (session: RememberedSession | null) => {
      store.saved = session;
    },
    logoutPending: () => store.pending,
    setLogoutPending: (value: boolean) => {
      store.pending = value;
    },
  };
  return store;
}

let store: SessionStore | undefined;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2031-03-14T08:00:00Z') });
});

afterEach(() => {
  store?.dispose();
  store = undefined;
  vi.useRealTimers();
});

describe('session store', () => {
  it('shows the sign-in page on a first visit without a session', async () => {
    const { api } = fakeApi();
    store = createSessionStore({ api, persistence: memoryPersistence() });
    expect(store.getState()).toEqual({ status: 'starting' });
    await store.start();
    expect(store.getState()).toEqual({ status: 'signed-out', reason: null, lastUsername: null });
    expect(store.accessToken()).toBeUndefined();
  });

  it('opens offline on the remembered user, then renews the token when the network is back', async () => {
    const { api, script } = fakeApi();
    const persistence = memoryPersistence({ user: planner, signedIn: true });
    store = createSessionStore({ api, persistence });
    script.refresh.push(unreachable());
    const starting = store.start();
    // At once, before the server answers: the app opens on the local data.
    expect(store.getState()).toEqual({ status: 'signed-in', user: planner, mustChangePassword: false, hasToken: false });
    await starting;
    expect(store.getState()).toMatchObject({ status: 'signed-in', hasToken: false });
    expect(store.authHeaders()).toEqual({});

    // Still offline 30 s later: tried again, nothing changes.
    script.refresh.push(unreachable());
    await vi.advanceTimersByTimeAsync(30_000);
    expect(api.refresh).toHaveBeenCalledTimes(2);
    expect(store.getState()).toMatchObject({ status: 'signed-in', hasToken: false });

    const renewed = vi.fn();
    store.onTokenRenewed(renewed);
    script.refresh.push(tokens());
    store.networkBack();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState()).toMatchObject({ status: 'signed-in', hasToken: true });
    expect(store.authHeaders()).toEqual({ authorization: `Bearer jeton-${issued}` });
    expect(renewed).toHaveBeenCalledTimes(1);
  });

  it('sends back to the sign-in page when the server ended the session, keeping who it was', async () => {
    const { api } = fakeApi();
    const persistence = memoryPersistence({ user: planner, signedIn: true });
    store = createSessionStore({ api, persistence });
    await store.start();
    expect(store.getState()).toEqual({ status: 'signed-out', reason: 'UNAUTHENTICATED', lastUsername: 'JEAN.DUPONT' });
    expect(persistence.saved).toEqual({ user: planner, signedIn: false });
  });

  it('renews the token before it expires, and stops sending it once expired', async () => {
    const { api, script } = fakeApi();
    store = createSessionStore({ api, persistence: memoryPersistence() });
    await store.start();
    await store.login('jean.dupont', 'Secret-123');
    const first = store.accessToken();
    expect(first).toBeDefined();

    script.refresh.push(tokens());
    await vi.advanceTimersByTimeAsync(54 * 60_000);
    expect(api.refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.refresh).toHaveBeenCalledTimes(2);
    expect(store.accessToken()).not.toBe(first);

    // The next renewal cannot reach the server: the token is not sent past its expiry.
    script.refresh.push(...Array.from({ length: 20 }, unreachable));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(store.accessToken()).toBeUndefined();
    expect(store.getState()).toMatchObject({ status: 'signed-in', hasToken: false });
  });

  it('renews once for many requests refused together, and gives up when the renewed token is refused too', async () => {
    const { api, script } = fakeApi();
    store = createSessionStore({ api, persistence: memoryPersistence() });
    await store.start();
    await store.login('jean.dupont', 'Secret-123');
    const refused = store.accessToken();
    api.refresh.mockClear();

    script.refresh.push(tokens());
    const retried = await Promise.all([store.renewAfterUnauthorized(refused), store.renewAfterUnauthorized(refused), store.renewAfterUnauthorized(refused)]);
    expect(api.refresh).toHaveBeenCalledTimes(1);
    const renewed = store.accessToken();
    expect(renewed).toBeDefined();
    expect(retried).toEqual([renewed, renewed, renewed]);
    // A request that had been sent with the old token retries with the new one, without renewing again.
    expect(await store.renewAfterUnauthorized(refused)).toBe(renewed);
    expect(api.refresh).toHaveBeenCalledTimes(1);

    expect(await store.renewAfterUnauthorized(renewed)).toBeUndefined();
    expect(api.refresh).toHaveBeenCalledTimes(1);
    expect(store.getState()).toEqual({ status: 'signed-out', reason: 'UNAUTHENTICATED', lastUsername: 'JEAN.DUPONT' });
  });

  it('renews a missing token when a request is refused (opened offline, back online)', async () => {
    const { api, script } = fakeApi();
    store = createSessionStore({ api, persistence: memoryPersistence({ user: planner, signedIn: true }) });
    script.refresh.push(unreachable());
    await store.start();
    // Just failed: requests without a token do not try again at once.
    expect(await store.renewAfterUnauthorized(undefined)).toBeUndefined();
    expect(api.refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    script.refresh.push(tokens());
    const token = await store.renewAfterUnauthorized(undefined);
    expect(token).toBe(`jeton-${issued}`);
  });

  it('waits for the renewal the network’s return started, even right after a failed one, instead of letting requests go without a token', async () => {
    const { api, script } = fakeApi();
    store = createSessionStore({ api, persistence: memoryPersistence({ user: planner, signedIn: true }) });
    script.refresh.push(unreachable());
    await store.start();
    // The network is back: the app renews (one request), and the replication's requests wait for it.
    script.refresh.push(tokens());
    const renewal = store.refresh();
    const waiting = await Promise.all([store.renewAfterUnauthorized(undefined), store.renewAfterUnauthorized(undefined)]);
    expect(await renewal).toBe('ok');
    expect(waiting).toEqual([`jeton-${issued}`, `jeton-${issued}`]);
    expect(api.refresh).toHaveBeenCalledTimes(2);
  });

  it('keeps a one-time password user off the app, online and offline, until the password is changed', async () => {
    const { api } = fakeApi();
    const persistence = memoryPersistence();
    store = createSessionStore({ api, persistence });
    await store.start();
    api.login.mockResolvedValueOnce(tokens({ mustChange: true }));
    await store.login('admin', 'Provisoire1');
    expect(store.getState()).toMatchObject({ status: 'signed-in', mustChangePassword: true });
    expect(persistence.saved?.signedIn).toBe(false);

    await store.changePassword('Provisoire1', 'Nouveau-123');
    expect(api.changePassword).toHaveBeenCalledWith(store.accessToken(), 'Provisoire1', 'Nouveau-123');
    expect(store.getState()).toMatchObject({ status: 'signed-in', mustChangePassword: false, hasToken: true });
    expect(persistence.saved).toEqual({ user: planner, signedIn: true });
  });

  it('asks for the e-mailed code when the server wants it', async () => {
    const { api } = fakeApi();
    store = createSessionStore({ api, persistence: memoryPersistence() });
    await store.start();
    api.login.mockResolvedValueOnce({ mfa_required: true, challenge_id: 'défi-1' });
    expect(await store.login('jean.dupont', 'Secret-123')).toEqual({ kind: 'mfa', challengeId: 'défi-1' });
    expect(store.getState().status).toBe('signed-out');
    await store.completeMfa('défi-1', '123456');
    expect(api.completeMfa).toHaveBeenCalledWith('défi-1', '123456');
    expect(store.getState()).toMatchObject({ status: 'signed-in', user: planner });
  });

  it('tells the server of a sign-out made offline at the next start, before anything else', async () => {
    const { api, script } = fakeApi();
    const persistence = memoryPersistence();
    store = createSessionStore({ api, persistence });
    await store.start();
    await store.login('jean.dupont', 'Secret-123');
    const token = store.accessToken();
    script.logout.push(unreachable());
    await store.signOut({ forget: false });
    expect(api.logout).toHaveBeenCalledWith(token);
    expect(persistence.pending).toBe(true);
    expect(persistence.saved).toEqual({ user: planner, signedIn: false });
    expect(store.getState()).toEqual({ status: 'signed-out', reason: null, lastUsername: 'JEAN.DUPONT' });
    store.dispose();

    const refreshes = api.refresh.mock.calls.length;
    store = createSessionStore({ api, persistence });
    await store.start();
    expect(api.logout).toHaveBeenLastCalledWith(undefined);
    expect(api.refresh).toHaveBeenCalledTimes(refreshes);
    expect(persistence.pending).toBe(false);
    expect(store.getState()).toEqual({ status: 'signed-out', reason: null, lastUsername: 'JEAN.DUPONT' });
  });

  it('does not sign back in with a renewal answered after the sign-out', async () => {
    const { api } = fakeApi();
    store = createSessionStore({ api, persistence: memoryPersistence() });
    await store.start();
    await store.login('jean.dupont', 'Secret-123');
    let answer: (response: TokenResponse) => void = () => undefined;
    api.refresh.mockImplementationOnce(() => new Promise<TokenResponse>((resolve) => (answer = resolve)));
    const renewing = store.refresh();
    await store.signOut({ forget: false });
    answer(tokens());
    expect(await renewing).toBe('signed-out');
    expect(store.getState().status).toBe('signed-out');
    expect(store.accessToken()).toBeUndefined();
  });

  it('forgets the user on a shared PC', async () => {
    const { api } = fakeApi();
    const persistence = memoryPersistence();
    store = createSessionStore({ api, persistence });
    await store.start();
    await store.login('jean.dupont', 'Secret-123');
    await store.signOut({ forget: true });
    expect(persistence.saved).toBeNull();
    expect(persistence.pending).toBe(false);
    expect(store.getState()).toEqual({ status: 'signed-out', reason: null, lastUsername: null });
  });

  it('follows a sign-out made in another tab', async () => {
    const { api } = fakeApi();
    const persistence = memoryPersistence();
    store = createSessionStore({ api, persistence });
    await store.start();
    await store.login('jean.dupont', 'Secret-123');
    persistence.saved = { user: planner, signedIn: false };
    store.rememberedChanged();
    expect(store.getState().status).toBe('signed-out');
    expect(store.accessToken()).toBeUndefined();
  });
});
