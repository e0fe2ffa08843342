import { describe, expect, it } from 'vitest';
import { addUser, authEventRows, authTestApp, call, strongPassword } from '../test-support/auth';

interface ErrorAnswer {
  error: { code: string; message: string; details?: Record<string, unknown> };
  detail: string;
}

/** Limits high enough that only the account lock is at work. */
const noLimits = { windowSeconds: 900, perAddress: 10_000, perUsername: 10_000 };

type App = ReturnType<typeof authTestApp>['app'];

function login(app: App, username: string, password: string, ip = '10.0.0.9'): Promise<Response> {
  return call(app, 'POST', '/auth/login', { body: { username, password }, ip });
}

async function burst(app: App, username: string, count: number, ip = '10.0.0.9'): Promise<number[]> {
  const answers = await Promise.all(Array.from({ length: count }, () => login(app, username, 'Mauvais-123', ip)));
  return answers.map((answer) => answer.status);
}

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) {
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

describe('the account lock under parallel guesses', () => {
  it('counts every parallel failure: after 3 bursts of 20 wrong passwords the right one is refused', async () => {
    const { app, auth, db } = authTestApp({ settings: { signInLimits: noLimits } });
    await addUser(auth, { username: 'JEAN' });
    const statuses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      statuses.push(...(await burst(app, 'jean', 20)));
    }
    // Only five passwords were ever checked: four plain refusals, the fifth locked; the rest met the lock.
    expect(tally(statuses)).toEqual({ 401: 4, 423: 56 });
    const right = await login(app, 'jean', strongPassword);
    expect(right.status).toBe(423);
    expect(((await right.json()) as ErrorAnswer).error.code).toBe('ACCOUNT_LOCKED');
    const events = authEventRows(db).map((event) => event.action);
    expect(events.filter((action) => action === 'login_failed')).toHaveLength(5);
    expect(events.filter((action) => action === 'account_locked')).toHaveLength(1);
    expect(auth.repo.userByUsername('JEAN')?.locked_until).not.toBeNull();
  });

  it('with the default limits the same bursts are refused too (lock, then 429), and so is the right password', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    const statuses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      statuses.push(...(await burst(app, 'jean', 20)));
    }
    const counts = tally(statuses);
    expect(counts[200]).toBeUndefined();
    expect(counts[401]).toBe(4);
    expect((counts[423] ?? 0) + (counts[429] ?? 0)).toBe(56);
    expect([423, 429]).toContain((await login(app, 'jean', strongPassword)).status);
  });
});

describe('unknown usernames and wrong passwords', () => {
  it('get the same status and body at every step, the lock included, and no attempts-left figure', async () => {
    const { app, auth } = authTestApp({ settings: { signInLimits: noLimits } });
    await addUser(auth, { username: 'JEAN' });
    const seen: { status: number; body: ErrorAnswer }[][] = [[], []];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      for (const [index, username] of ['jean', 'personne'].entries()) {
        const answer = await login(app, username, 'Mauvais-123');
        seen[index]?.push({ status: answer.status, body: (await answer.json()) as ErrorAnswer });
      }
    }
    const [real, unknown] = seen;
    expect(real?.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(unknown).toEqual(real);
    expect(real?.[0]?.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Identifiant ou mot de passe incorrect.' }, detail: 'Identifiant ou mot de passe incorrect.' });
    expect(JSON.stringify(real)).not.toMatch(/essai|attempts/);
  });
});

describe('the system administrator', () => {
  it('is never locked from afar: the failing address waits, another address signs in, the failing one again after its delay', async () => {
    const { app, auth, clock } = authTestApp();
    await addUser(auth, { username: 'ADMIN', role: 'admin', is_system_admin: true });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await login(app, 'admin', 'Mauvais-123', '203.0.113.5')).status).toBe(401);
    }
    const held = await login(app, 'admin', strongPassword, '203.0.113.5');
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('30');
    expect(await held.json()).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS', details: { retry_after_seconds: 30 } }, detail: 'Trop d’échecs de connexion depuis cette adresse : réessayez dans 30 secondes.' });

    expect((await login(app, 'admin', strongPassword, '10.0.0.2')).status).toBe(200);
    expect(auth.repo.userByUsername('ADMIN')).toMatchObject({ locked_until: null });

    clock.advance(30_000);
    expect((await login(app, 'admin', strongPassword, '203.0.113.5')).status).toBe(200);
  });

  it('is protected against parallel guesses from one address too: only five passwords are checked, then the address waits longer and longer', async () => {
    const { app, auth, clock, db } = authTestApp({ settings: { signInLimits: noLimits } });
    await addUser(auth, { username: 'ADMIN', role: 'admin', is_system_admin: true });
    expect(tally(await burst(app, 'admin', 20, '203.0.113.5'))).toEqual({ 401: 5, 429: 15 });
    expect(authEventRows(db).filter((event) => event.action === 'login_failed')).toHaveLength(5);
    clock.advance(30_000);
    expect((await login(app, 'admin', 'Mauvais-123', '203.0.113.5')).status).toBe(401);
    const longer = await login(app, 'admin', strongPassword, '203.0.113.5');
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('60');
  });
});

describe('rate limits on sign-in', () => {
  it('per client address: 429 with Retry-After once the failures fill the window; other addresses and later attempts pass', async () => {
    const { app, auth, clock, db } = authTestApp({ settings: { signInLimits: { windowSeconds: 900, perAddress: 3, perUsername: 100 } } });
    await addUser(auth, { username: 'JEAN' });
    for (const username of ['anne', 'paul', 'luc']) {
      expect((await login(app, username, 'Mauvais-123', '198.51.100.7')).status).toBe(401);
    }
    clock.advance(60_000);
    const held = await login(app, 'jean', strongPassword, '198.51.100.7');
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('840');
    expect(await held.json()).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS', details: { retry_after_seconds: 840 } }, detail: 'Trop de tentatives de connexion : réessayez dans 14 minutes.' });
    // Held-back requests are logged once, not one row each.
    await login(app, 'jean', strongPassword, '198.51.100.7');
    expect(authEventRows(db).filter((event) => event.action === 'login_throttled')).toHaveLength(1);

    expect((await login(app, 'jean', strongPassword, '198.51.100.8')).status).toBe(200);
    clock.advance(840_000);
    expect((await login(app, 'jean', strongPassword, '198.51.100.7')).status).toBe(200);
  });

  it('per username, from any address, unknown usernames included; attempts in flight count', async () => {
    const { app, auth } = authTestApp({ settings: { signInLimits: { windowSeconds: 900, perAddress: 100, perUsername: 3 } } });
    await addUser(auth, { username: 'JEAN' });
    const addresses = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5', '192.0.2.6', '192.0.2.7', '192.0.2.8'];
    const parallel = await Promise.all(addresses.map((ip) => login(app, 'personne', 'Mauvais-123', ip)));
    expect(tally(parallel.map((answer) => answer.status))).toEqual({ 401: 3, 429: 5 });
    const held = parallel.find((answer) => answer.status === 429);
    expect(Number(held?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another username is not held back.
    expect((await login(app, 'jean', strongPassword, '192.0.2.1')).status).toBe(200);
  });

  it('counts failures only: a whole office signing in from one address is never held back', async () => {
    const { app, auth } = authTestApp({ settings: { signInLimits: { windowSeconds: 900, perAddress: 3, perUsername: 3 } } });
    for (let index = 0; index < 12; index += 1) {
      await addUser(auth, { username: `AGENT${index}` });
    }
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      statuses.push((await login(app, `agent${index}`, strongPassword, '198.51.100.7')).status);
    }
    expect(statuses).toEqual(Array.from({ length: 12 }, () => 200));
  });

  it('behind the trusted proxy, counts each forwarded client address, not the proxy’s', async () => {
    const { app } = authTestApp({ settings: { trustedProxyAddresses: ['10.0.0.2'], signInLimits: { windowSeconds: 900, perAddress: 2, perUsername: 100 } } });
    const through = (client: string, username: string) =>
      call(app, 'POST', '/auth/login', { body: { username, password: 'Mauvais-123' }, ip: '10.0.0.2', headers: { 'x-forwarded-for': client } });
    expect((await through('192.168.1.20', 'a')).status).toBe(401);
    expect((await through('192.168.1.20', 'b')).status).toBe(401);
    expect((await through('192.168.1.20', 'c')).status).toBe(429);
    expect((await through('192.168.1.21', 'd')).status).toBe(401);
    // A forged X-Forwarded-For from anyone else does not dodge the limit of its real address.
    const forged = (fake: string, username: string) => call(app, 'POST', '/auth/login', { body: { username, password: 'Mauvais-123' }, ip: '198.51.100.9', headers: { 'x-forwarded-for': fake } });
    expect((await forged('1.1.1.1', 'e')).status).toBe(401);
    expect((await forged('1.1.1.2', 'f')).status).toBe(401);
    expect((await forged('1.1.1.3', 'g')).status).toBe(429);
  });

  it('spares a system administrator’s known addresses from the per-username limit, so a spray on his name cannot keep him out', async () => {
    const { app, auth } = authTestApp({ settings: { signInLimits: { windowSeconds: 900, perAddress: 100, perUsername: 3 } } });
    await addUser(auth, { username: 'ADMIN', role: 'admin', is_system_admin: true });
    expect((await login(app, 'admin', strongPassword, '10.0.0.2')).status).toBe(200);
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect((await login(app, 'admin', 'Mauvais-123', ip)).status).toBe(401);
    }
    expect((await login(app, 'admin', strongPassword, '203.0.113.9')).status).toBe(429);
    expect((await login(app, 'admin', strongPassword, '10.0.0.2')).status).toBe(200);
  });
});
