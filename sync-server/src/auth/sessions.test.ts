import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { ApiError, sendError } from '../http/errors';
import { addUser, authTestApp, call, minutes, refreshCookieOf, signIn, strongPassword } from '../test-support/auth';
import { authMiddleware, type AuthEnv } from './middleware';
import type { AuthService } from './service';

const day = 24 * 60 * 60_000;

async function expectUnauthenticated(response: Response, detail?: string): Promise<void> {
  expect(response.status).toBe(401);
  const body = (await response.json()) as { error: { code: string }; detail: string };
  expect(body.error.code).toBe('UNAUTHENTICATED');
  if (detail !== undefined) {
    expect(body.detail).toBe(detail);
  }
}

/** A stand-in for a replication stream: authenticated by Bearer or by the refresh cookie. */
function streamApp(auth: AuthService): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.onError((error, c) => (error instanceof ApiError ? sendError(c, error.code, error.message, error.details) : sendError(c, 'INTERNAL', error.message)));
  app.get('/stream', authMiddleware(auth).requireAuth({ cookie: true }), (c) => c.json({ user: c.get('auth').user.username }));
  app.get('/no-cookie', authMiddleware(auth).requireAuth(), (c) => c.json({ ok: true }));
  return app;
}

describe('access tokens and sessions', () => {
  it('GET /auth/me answers the signed-in user and refuses anonymous requests', async () => {
    const { app, auth } = authTestApp();
    const user = await addUser(auth, { username: 'ANNE', display_name: 'Anne', email: 'anne@relais.test', role: 'finance' });
    const { token } = await signIn(app, 'anne');
    const me = await call(app, 'GET', '/auth/me', { token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: user.id, username: 'ANNE', display_name: 'Anne', role: 'finance', is_system_admin: false, permissions: { view_finance: true, edit_planning: false } });
    await expectUnauthenticated(await call(app, 'GET', '/auth/me'), 'Authentification requise : connectez-vous.');
    await expectUnauthenticated(await call(app, 'GET', '/auth/me', { headers: { authorization: 'Basic YWJjOmRlZg==' } }));
  });

  it('refuses tampered tokens: altered payload, wrong key, alg none', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'VIEWER' });
    const { token } = await signIn(app, 'viewer');
    const claims = decodeJwt(token);
    const [header, payload, signature] = token.split('.');
    const altered = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = [header, Buffer.from(JSON.stringify({ ...altered, role: 'admin' })).toString('base64url'), signature].join('.');
    const otherKey = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(randomBytes(64));
    const none = new UnsecuredJWT({ ...claims }).encode();
    for (const bad of [forged, otherKey, none, `${token}x`]) {
      await expectUnauthenticated(await call(app, 'GET', '/auth/me', { token: bad }), 'Jeton invalide : reconnectez-vous.');
    }
    expect((await call(app, 'GET', '/auth/me', { token })).status).toBe(200);
  });

  it('refuses an expired access token; the refresh cookie gives a new one', async () => {
    const { app, auth, clock } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { token, cookie } = await signIn(app, 'jean');
    clock.advance(minutes(61));
    await expectUnauthenticated(await call(app, 'GET', '/auth/me', { token }), 'Jeton expiré : renouvelez-le ou reconnectez-vous.');
    const refreshed = await call(app, 'POST', '/auth/refresh', { cookie });
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as { access_token: string; refresh_token?: string };
    expect(body.refresh_token).toBeUndefined();
    expect((await call(app, 'GET', '/auth/me', { token: body.access_token })).status).toBe(200);
  });

  it('rotates the refresh token: the new one works, the old one only during the grace window', async () => {
    const { app, auth, clock } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { cookie } = await signIn(app, 'jean');
    const first = await call(app, 'POST', '/auth/refresh', { cookie });
    const rotated = refreshCookieOf(first);
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(cookie);
    clock.advance(11_000);
    await expectUnauthenticated(await call(app, 'POST', '/auth/refresh', { cookie }));
    const relogged = await signIn(app, 'jean');
    expect((await call(app, 'POST', '/auth/refresh', { cookie: relogged.cookie })).status).toBe(200);

    // Clients without cookies send the token in the body and get the rotated one back in the body.
    const second = await signIn(app, 'jean');
    const bodyToken = second.cookie.split('=')[1];
    const byBody = await call(app, 'POST', '/auth/refresh', { body: { refresh_token: bodyToken } });
    expect(byBody.status).toBe(200);
    const answered = (await byBody.json()) as { refresh_token: string };
    expect(answered.refresh_token).toMatch(/^[\w-]{43}$/);
    expect((await call(app, 'POST', '/auth/refresh', { body: { refresh_token: answered.refresh_token } })).status).toBe(200);
    await expectUnauthenticated(await call(app, 'POST', '/auth/refresh'), 'Aucune session à renouveler : connectez-vous.');
  });

  it('ends a session after RELAIS_SESSION_DAYS without renewal', async () => {
    const { app, auth, clock } = authTestApp({ settings: { sessionDays: 2 } });
    await addUser(auth, { username: 'JEAN' });
    const { cookie } = await signIn(app, 'jean');
    clock.advance(day * 2 + 1000);
    await expectUnauthenticated(await call(app, 'POST', '/auth/refresh', { cookie }), 'Session expirée : reconnectez-vous.');
  });

  it('logout revokes the session: its token and its cookie stop working', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { token, cookie } = await signIn(app, 'jean');
    const other = await signIn(app, 'jean');
    const logout = await call(app, 'POST', '/auth/logout', { token, cookie });
    expect(logout.status).toBe(200);
    expect(await logout.json()).toEqual({ success: true, message: 'Déconnexion réussie' });
    expect(logout.headers.get('set-cookie')).toMatch(/relais_refresh=;.*Max-Age=0/);
    await expectUnauthenticated(await call(app, 'GET', '/auth/me', { token }), 'Session fermée : reconnectez-vous.');
    await expectUnauthenticated(await call(app, 'POST', '/auth/refresh', { cookie }));
    expect((await call(app, 'GET', '/auth/me', { token: other.token })).status).toBe(200);
    // With only the cookie (an expired access token), logout still closes the session.
    expect((await call(app, 'POST', '/auth/logout', { cookie: other.cookie })).status).toBe(200);
    await expectUnauthenticated(await call(app, 'GET', '/auth/me', { token: other.token }));
  });

  it('a revoked session fails on its next request and its listeners hear of it', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { token, cookie } = await signIn(app, 'jean');
    const heard: string[][] = [];
    auth.onSessionsRevoked((ids) => heard.push(ids));
    const sessionId = String(decodeJwt(token)['sid']);
    auth.revoke({ sessionId }, 'kick');
    expect(heard).toEqual([[sessionId]]);
    await expectUnauthenticated(await call(app, 'GET', '/auth/me', { token }), 'Session fermée : reconnectez-vous.');
    const stream = streamApp(auth);
    await expectUnauthenticated(await stream.request('/stream', { headers: { cookie } }));
  });

  it('authenticates EventSource-style requests by the refresh cookie only where allowed', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { cookie, token } = await signIn(app, 'jean');
    const stream = streamApp(auth);
    const byCookie = await stream.request('/stream', { headers: { cookie } });
    expect(byCookie.status).toBe(200);
    expect(await byCookie.json()).toEqual({ user: 'JEAN' });
    expect((await stream.request('/stream', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await expectUnauthenticated(await stream.request('/no-cookie', { headers: { cookie } }));
    await expectUnauthenticated(await stream.request('/stream'));
  });
});

describe('POST /auth/change-password', () => {
  it('changes the password, keeps this session and closes the others', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const current = await signIn(app, 'jean');
    const elsewhere = await signIn(app, 'jean');
    const changed = await call(app, 'POST', '/auth/change-password', { token: current.token, body: { current_password: strongPassword, new_password: 'Nouveau-2027' } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ success: true });
    expect((await call(app, 'GET', '/auth/me', { token: current.token })).status).toBe(200);
    await expectUnauthenticated(await call(app, 'GET', '/auth/me', { token: elsewhere.token }));
    expect((await call(app, 'POST', '/auth/login', { body: { username: 'jean', password: strongPassword } })).status).toBe(401);
    expect((await call(app, 'POST', '/auth/login', { body: { username: 'jean', password: 'Nouveau-2027' } })).status).toBe(200);
  });

  it('refuses a wrong current password and a weak new one, in French', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { token } = await signIn(app, 'jean');
    const wrong = await call(app, 'POST', '/auth/change-password', { token, body: { current_password: 'Autre-2026', new_password: 'Nouveau-2027' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' }, detail: 'Mot de passe actuel incorrect.' });
    const weak = await call(app, 'POST', '/auth/change-password', { token, body: { current_password: strongPassword, new_password: 'nouveau' } });
    expect(weak.status).toBe(400);
    const body = (await weak.json()) as { error: { code: string; details: { issues: string[] } }; detail: string };
    expect(body.error.code).toBe('WEAK_PASSWORD');
    expect(body.error.details.issues).toEqual([
      'Le mot de passe doit contenir au moins 8 caractères.',
      'Le mot de passe doit contenir au moins une majuscule.',
      'Le mot de passe doit contenir au moins un chiffre.',
    ]);
    expect(body.detail).toContain('au moins 8 caractères');
    const same = await call(app, 'POST', '/auth/change-password', { token, body: { current_password: strongPassword, new_password: strongPassword } });
    expect(((await same.json()) as { detail: string }).detail).toBe("Le nouveau mot de passe doit être différent de l'actuel.");
  });

  it('a one-time password only opens me, logout and the password change', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'NOUVEAU', role: 'admin', must_change_password: true });
    const { token, body } = await signIn(app, 'nouveau');
    expect(body.must_change_password).toBe(true);
    expect((await call(app, 'GET', '/auth/me', { token })).status).toBe(200);
    const blocked = await call(app, 'GET', '/admin/users', { token });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ error: { code: 'PASSWORD_CHANGE_REQUIRED' }, detail: 'Changez votre mot de passe provisoire avant de continuer.' });
    expect((await call(app, 'POST', '/auth/change-password', { token, body: { current_password: strongPassword, new_password: 'Nouveau-2027' } })).status).toBe(200);
    expect((await call(app, 'GET', '/admin/users', { token })).status).toBe(200);
  });
});
