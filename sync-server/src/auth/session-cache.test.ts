import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeJwt } from 'jose';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../app';
import { openDatabase } from '../db/client';
import { addUser, authTestApp, call, manualClock, minutes, signIn } from '../test-support/auth';
import { createAuthService } from './service';
import { defaultAuthSettings } from './settings';

async function detailOf(response: Response): Promise<string> {
  return ((await response.json()) as { detail: string }).detail;
}

describe('session check cache', () => {
  it('checks a token once, then answers from the cache while nothing changed', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { token } = await signIn(app, 'jean');
    const reads = vi.spyOn(auth.repo, 'sessionById');
    for (let request = 0; request < 3; request += 1) {
      expect((await call(app, 'GET', '/auth/me', { token })).status).toBe(200);
    }
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('refuses a cached session at once when it is revoked, and only that one', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const kicked = await signIn(app, 'jean');
    const kept = await signIn(app, 'jean');
    expect((await call(app, 'GET', '/auth/me', { token: kicked.token })).status).toBe(200);
    expect((await call(app, 'GET', '/auth/me', { token: kept.token })).status).toBe(200);
    auth.revoke({ sessionId: String(decodeJwt(kicked.token)['sid']) }, 'kick');
    const refused = await call(app, 'GET', '/auth/me', { token: kicked.token });
    expect(refused.status).toBe(401);
    expect(await detailOf(refused)).toBe('Session fermée : reconnectez-vous.');
    expect((await call(app, 'GET', '/auth/me', { token: kept.token })).status).toBe(200);
  });

  it('sees a role change and a deactivation on the next request', async () => {
    const { app, auth } = authTestApp();
    const user = await addUser(auth, { username: 'JEAN', role: 'viewer' });
    const { token } = await signIn(app, 'jean');
    const before = (await (await call(app, 'GET', '/auth/me', { token })).json()) as { role: string };
    expect(before.role).toBe('viewer');
    auth.repo.updateUser(user.id, { role: 'finance' });
    const after = (await (await call(app, 'GET', '/auth/me', { token })).json()) as { role: string };
    expect(after.role).toBe('finance');
    auth.repo.updateUser(user.id, { is_active: false });
    expect((await call(app, 'GET', '/auth/me', { token })).status).toBe(401);
  });

  it('keeps a verdict no longer than the token lives', async () => {
    const { app, auth, clock } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const { token } = await signIn(app, 'jean');
    expect((await call(app, 'GET', '/auth/me', { token })).status).toBe(200);
    clock.advance(minutes(61));
    const expired = await call(app, 'GET', '/auth/me', { token });
    expect(expired.status).toBe(401);
    expect(await detailOf(expired)).toBe('Jeton expiré : renouvelez-le ou reconnectez-vous.');
  });

  it('refuses at once a session revoked by another process on the same database file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'relais-session-cache-'));
    const path = join(folder, 'relais.db');
    const db = openDatabase(path);
    const other = new Database(path);
    try {
      const logger = pino({ level: 'silent' });
      const clock = manualClock();
      const auth = createAuthService({ db, logger, clock, settings: defaultAuthSettings({ passwordHashCost: 10 }) });
      const { app } = createApp({ db, logger, auth, now: () => new Date(clock.now()) });
      await addUser(auth, { username: 'JEAN' });
      const { token } = await signIn(app, 'jean');
      expect((await call(app, 'GET', '/auth/me', { token })).status).toBe(200);
      // As `relais user disable` would, from its own process: a write the server's connection did not make.
      other.prepare("UPDATE sessions SET revoked_at = '2026-11-27T08:01:00.000Z', revoked_reason = 'cli'").run();
      const refused = await call(app, 'GET', '/auth/me', { token });
      expect(refused.status).toBe(401);
      expect(await detailOf(refused)).toBe('Session fermée : reconnectez-vous.');
    } finally {
      other.close();
      db.$client.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
