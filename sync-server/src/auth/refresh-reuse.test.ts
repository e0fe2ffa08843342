import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { addUser, authEventRows, authTestApp, call, refreshCookieOf, signIn } from '../test-support/auth';

interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
}

async function expectClosedForReuse(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' }, detail: 'Session fermée par sécurité : un ancien jeton de session a été réutilisé. Reconnectez-vous.' });
}

/** Reads an event stream until it ends, or answers 'still open' after `ms`. */
async function streamEnds(body: ReadableStream<Uint8Array>, ms: number): Promise<'closed' | 'still open'> {
  const reader = body.getReader();
  const ended = (async () => {
    for (;;) {
      if ((await reader.read()).done) {
        return 'closed' as const;
      }
    }
  })();
  const timeout = new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms));
  const outcome = await Promise.race([ended, timeout]);
  if (outcome === 'still open') {
    await reader.cancel();
  }
  return outcome;
}

describe('refresh token reuse (theft detection)', () => {
  it('a rotated token presented after the grace window closes the whole session, its streams included', async () => {
    const { app, auth, clock, db } = authTestApp();
    await addUser(auth, { username: 'JEAN', role: 'planner' });
    const { cookie: stolen, token } = await signIn(app, 'jean');
    const sessionId = String(decodeJwt(token)['sid']);
    const renewed = await call(app, 'POST', '/auth/refresh', { cookie: stolen });
    const current = refreshCookieOf(renewed) ?? '';
    const { access_token: currentToken } = (await renewed.json()) as TokenAnswer;

    // The rightful user's live stream, authenticated by the current cookie.
    const controller = new AbortController();
    const stream = await app.request('/api/replication/pull-stream?collections=missions', { headers: { cookie: current }, signal: controller.signal });
    expect(stream.status).toBe(200);
    const heard: string[][] = [];
    auth.onSessionsRevoked((ids) => heard.push(ids));

    clock.advance(11_000);
    await expectClosedForReuse(await call(app, 'POST', '/auth/refresh', { cookie: stolen }));
    expect(heard).toEqual([[sessionId]]);
    expect(await streamEnds(stream.body!, 2000)).toBe('closed');
    controller.abort();

    // Neither the thief nor the rightful holder keeps the session.
    expect((await call(app, 'POST', '/auth/refresh', { cookie: current })).status).toBe(401);
    expect((await call(app, 'GET', '/auth/me', { token: currentToken })).status).toBe(401);
    expect(auth.repo.sessionById(sessionId)).toMatchObject({ revoked_reason: 'refresh_token_reused' });
    expect(authEventRows(db).filter((event) => event.action === 'refresh_token_reused')).toMatchObject([{ target: 'JEAN', session_id: sessionId }]);
  });

  it('two refreshes sent at the same moment with the same cookie both succeed; only one rotates it', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { cookie } = await signIn(app, 'jean');
    const answers = await Promise.all([call(app, 'POST', '/auth/refresh', { cookie }), call(app, 'POST', '/auth/refresh', { cookie })]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const cookies = answers.map((answer) => refreshCookieOf(answer));
    expect(cookies.filter((value) => value !== undefined)).toHaveLength(1);
    const next = cookies.find((value) => value !== undefined);
    // The late one got a working access token and left the browser's cookie alone.
    for (const answer of answers) {
      const { access_token: accessToken } = (await answer.json()) as TokenAnswer;
      expect((await call(app, 'GET', '/auth/me', { token: accessToken })).status).toBe(200);
    }
    expect((await call(app, 'POST', '/auth/refresh', { cookie: next })).status).toBe(200);
  });

  it('only the token rotated last gets the grace window: an older one closes the session at once', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { cookie: oldest } = await signIn(app, 'jean');
    const second = refreshCookieOf(await call(app, 'POST', '/auth/refresh', { cookie: oldest }));
    const third = refreshCookieOf(await call(app, 'POST', '/auth/refresh', { cookie: second }));
    await expectClosedForReuse(await call(app, 'POST', '/auth/refresh', { cookie: oldest }));
    expect((await call(app, 'POST', '/auth/refresh', { cookie: third })).status).toBe(401);
  });

  it('catches reuse by clients that send the token in the body too; the grace answer carries no new refresh token', async () => {
    const { app, auth, clock } = authTestApp({ settings: { refreshGraceSeconds: 2 } });
    await addUser(auth, { username: 'JEAN' });
    const { cookie } = await signIn(app, 'jean');
    const original = cookie.split('=')[1];
    const rotated = (await (await call(app, 'POST', '/auth/refresh', { body: { refresh_token: original } })).json()) as TokenAnswer;
    expect(rotated.refresh_token).toMatch(/^[\w-]{43}$/);
    const late = await call(app, 'POST', '/auth/refresh', { body: { refresh_token: original } });
    expect(late.status).toBe(200);
    expect(await late.json()).not.toHaveProperty('refresh_token');
    clock.advance(2_001);
    await expectClosedForReuse(await call(app, 'POST', '/auth/refresh', { body: { refresh_token: original } }));
    expect((await call(app, 'POST', '/auth/refresh', { body: { refresh_token: rotated.refresh_token } })).status).toBe(401);
  });
});
