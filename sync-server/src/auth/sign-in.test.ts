import { permissionsOf } from '@relais/domain';
import { describe, expect, it } from 'vitest';
import { addUser, authEventRows, authTestApp, call, minutes, refreshCookieOf, strongPassword } from '../test-support/auth';

interface ErrorAnswer {
  error: { code: string; message: string };
  detail: string;
}

describe('POST /auth/login', () => {
  it('signs in with any spelling of the Windows name and answers TomatoPlan’s shape with a strict refresh cookie', async () => {
    const { app, auth, clock } = authTestApp();
    const user = await addUser(auth, { username: 'JEAN.DUPONT', display_name: 'Jean Dupont', role: 'planner' });
    for (const username of ['DOMAIN\\jean.dupont', 'DOMAIN/jean.dupont', 'jean.dupont']) {
      const response = await call(app, 'POST', '/auth/login', { body: { username, password: strongPassword, hostname: 'PC-COMPTA-2' }, ip: '10.0.0.7', headers: { 'user-agent': 'TomatoPlan/3.2' } });
      expect(response.status, username).toBe(200);
      expect(await response.json()).toEqual({
        access_token: expect.any(String) as string,
        token_type: 'bearer',
        expires_at: new Date(clock.now() + minutes(60)).toISOString(),
        expires_in: 3600,
        must_change_password: false,
        user: { id: user.id, username: 'JEAN.DUPONT', display_name: 'Jean Dupont', role: 'planner', permissions: permissionsOf('planner') },
      });
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^relais_refresh=[\w-]{43};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).toMatch(/Max-Age=2592000/);
      expect(cookie).not.toMatch(/Secure/);
    }
    const sessions = auth.repo.listSessions(auth.iso(), false);
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({ username: 'JEAN.DUPONT', hostname: 'PC-COMPTA-2', ip: '10.0.0.7', user_agent: 'TomatoPlan/3.2', revoked_at: null });
    expect(auth.repo.userById(user.id)?.last_login).toBe(auth.iso());
  });

  it('marks the cookie Secure over HTTPS', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const response = await app.request('https://relais.local/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'jean', password: strongPassword }) });
    expect(response.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('marks the cookie Secure behind the trusted proxy when the browser spoke HTTPS, believing X-Forwarded-Proto from the proxy only', async () => {
    const { app, auth } = authTestApp({ settings: { trustedProxyAddresses: ['10.0.0.2'] } });
    await addUser(auth, { username: 'JEAN' });
    const login = (ip: string, headers: Record<string, string> = {}) => call(app, 'POST', '/auth/login', { body: { username: 'jean', password: strongPassword }, ip, headers });
    const proxied = await login('10.0.0.2', { 'x-forwarded-proto': 'https' });
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
    expect(proxied.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    // The same header from any other address is a forgery; the proxy itself over plain HTTP is not HTTPS.
    for (const [ip, headers] of [['10.0.0.7', { 'x-forwarded-proto': 'https' }], ['::ffff:10.0.0.7', { 'x-forwarded-proto': 'https' }], ['10.0.0.2', { 'x-forwarded-proto': 'http' }], ['10.0.0.2', {}]] as const) {
      const response = await login(ip, headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie'), `${ip} ${JSON.stringify(headers)}`).not.toMatch(/Secure/);
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
    // Renewed and signed-out cookies follow the same rule.
    const cookie = refreshCookieOf(proxied) ?? '';
    const refreshed = await call(app, 'POST', '/auth/refresh', { cookie, ip: '10.0.0.2', headers: { 'x-forwarded-proto': 'https' } });
    expect(refreshed.headers.get('set-cookie')).toMatch(/; Secure/);
    const loggedOut = await call(app, 'POST', '/auth/logout', { cookie: refreshCookieOf(refreshed), ip: '10.0.0.2', headers: { 'x-forwarded-proto': 'https' } });
    expect(loggedOut.headers.get('set-cookie')).toMatch(/Max-Age=0.*Secure|Secure.*Max-Age=0/);
  });

  it('refuses a wrong password or an unknown user with 401 and a French detail, logging the attempt without the password', async () => {
    const { app, auth, db } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const wrong = await call(app, 'POST', '/auth/login', { body: { username: 'jean', password: 'Mauvais-123', hostname: 'PC-1' }, ip: '10.0.0.9' });
    expect(wrong.status).toBe(401);
    const body = (await wrong.json()) as ErrorAnswer;
    expect(body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect(body.detail).toBe('Identifiant ou mot de passe incorrect.');
    expect(body.error).not.toHaveProperty('details');
    const unknown = await call(app, 'POST', '/auth/login', { body: { username: 'personne', password: 'Mauvais-123' } });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' }, detail: 'Identifiant ou mot de passe incorrect.' });
    const log = JSON.stringify(authEventRows(db));
    expect(log).toContain('login_failed');
    expect(log).toContain('10.0.0.9');
    expect(log).toContain('PC-1');
    expect(log).not.toContain('Mauvais-123');
  });

  it('refuses a malformed body with VALIDATION_FAILED', async () => {
    const { app } = authTestApp();
    const response = await call(app, 'POST', '/auth/login', { body: { username: 'jean' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' }, detail: expect.stringContaining('password') as string });
  });

  it('locks the account for 15 minutes after 5 failures, then lets the right password in', async () => {
    const { app, auth, clock, db } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const attempt = (password: string) => call(app, 'POST', '/auth/login', { body: { username: 'jean', password } });
    for (let i = 1; i <= 4; i += 1) {
      expect((await attempt('Mauvais-123')).status).toBe(401);
    }
    const fifth = await attempt('Mauvais-123');
    expect(fifth.status).toBe(423);
    expect(await fifth.json()).toMatchObject({ error: { code: 'ACCOUNT_LOCKED' }, detail: 'Compte verrouillé pour 15 minutes après 5 échecs de connexion.' });

    // Locked: even the right password is refused, and the message says how long is left.
    clock.advance(minutes(10));
    const early = await attempt(strongPassword);
    expect(early.status).toBe(423);
    expect(((await early.json()) as ErrorAnswer).detail).toBe('Compte verrouillé pour 5 minutes après 5 échecs de connexion.');

    clock.advance(minutes(5));
    expect((await attempt(strongPassword)).status).toBe(200);
    const user = auth.repo.userByUsername('JEAN');
    expect(user).toMatchObject({ failed_attempts: 0, locked_until: null });
    const actions = authEventRows(db).map((event) => event.action);
    expect(actions.filter((action) => action === 'login_failed')).toHaveLength(5);
    expect(actions).toContain('account_locked');
    expect(actions).toContain('login_locked');
  });

  it('refuses a deactivated account', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN', is_active: false });
    const response = await call(app, 'POST', '/auth/login', { body: { username: 'jean', password: strongPassword } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'ACCOUNT_DISABLED' }, detail: expect.stringContaining('désactivé') as string });
  });
});
