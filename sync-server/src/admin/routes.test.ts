import { dashboardServerSchema, serverLogLineSchema, type ServerLogLine } from '@relais/schema';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type RelaisApp } from '../app';
import { createAuthService } from '../auth/service';
import { defaultAuthSettings } from '../auth/settings';
import { openDatabase } from '../db/client';
import { addUser, call, signIn, type SignedIn } from '../test-support/auth';
import { createLogRing } from './log-ring';

const decoder = new TextDecoder();

interface Setup {
  relais: RelaisApp;
  logger: pino.Logger;
  admin: SignedIn;
  planner: SignedIn;
}

const open: ReadableStreamDefaultReader<Uint8Array>[] = [];

afterEach(async () => {
  for (const reader of open.splice(0)) {
    await reader.cancel();
  }
});

async function setup(): Promise<Setup> {
  const db = openDatabase(':memory:');
  const ring = createLogRing();
  const logger = pino({ level: 'info', base: { service: 'relais' } }, ring);
  const auth = createAuthService({ db, logger, settings: defaultAuthSettings({ passwordHashCost: 10 }) });
  const relais = createApp({ db, logger, auth, logRing: ring });
  await addUser(auth, { username: 'ADMIN', role: 'admin' });
  await addUser(auth, { username: 'PAUL', role: 'planner', display_name: 'Paul Planif' });
  return { relais, logger, admin: await signIn(relais.app, 'ADMIN'), planner: await signIn(relais.app, 'PAUL') };
}

/** An SSE response read until `count` `line` events have come. */
async function readLines(response: Response, count: number): Promise<ServerLogLine[]> {
  const reader = response.body!.getReader();
  open.push(reader);
  let text = '';
  const lines = (): ServerLogLine[] =>
    text
      .split('\n\n')
      .filter((frame) => frame.startsWith('event: line'))
      .map((frame) => serverLogLineSchema.parse(JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? 'null')));
  while (lines().length < count) {
    const chunk = await reader.read();
    if (chunk.done) {
      break;
    }
    text += decoder.decode(chunk.value);
  }
  return lines();
}

describe('GET /admin/logs/stream', () => {
  it('sends the matching recent lines, then the new ones live, secrets masked', async () => {
    const { relais, logger, admin } = await setup();
    logger.info({ user: 'PAUL' }, 'ligne ancienne ordinaire');
    logger.warn({ job: 'backup', password: 'Secret123!' }, 'sauvegarde lente');
    logger.error('sauvegarde en échec');
    const response = await call(relais.app, 'GET', '/admin/logs/stream?level=warn&q=sauvegarde', { token: admin.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reading = readLines(response, 3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    logger.info('sauvegarde commencée');
    logger.error({ authorization: 'Bearer abc.def.ghi' }, 'sauvegarde impossible');
    const lines = await reading;
    expect(lines.map((line) => `${line.level} ${line.msg}`)).toEqual(['warn sauvegarde lente', 'error sauvegarde en échec', 'error sauvegarde impossible']);
    expect(JSON.stringify(lines)).not.toContain('Secret123!');
    expect(JSON.stringify(lines)).not.toContain('abc.def.ghi');
  });

  it('accepts the session cookie (EventSource) and refuses the other roles with detail', async () => {
    const { relais, admin, planner } = await setup();
    const byCookie = await call(relais.app, 'GET', '/admin/logs/stream', { cookie: admin.cookie });
    expect(byCookie.status).toBe(200);
    await byCookie.body?.cancel();
    const refused = await call(relais.app, 'GET', '/admin/logs/stream', { token: planner.token });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' }, detail: 'Accès refusé : il vous faut le droit « admin_access ».' });
    const invalid = await call(relais.app, 'GET', '/admin/logs/stream?level=bavard', { token: admin.token });
    expect(invalid.status).toBe(400);
  });
});

describe('GET /stats/dashboard for administrators', () => {
  it("keeps TomatoPlan's figures and adds the server's: version, database, documents, sessions, sync clients, jobs, errors", async () => {
    const { relais, logger, admin, planner } = await setup();
    logger.error('panne du jour');
    const stream = await relais.app.request('/api/replication/pull-stream?collections=missions', {
      headers: { authorization: `Bearer ${planner.token}`, 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0' },
    });
    expect(stream.status).toBe(200);
    const response = await call(relais.app, 'GET', '/stats/dashboard', { token: admin.token });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ sessions_actives: 2, missions_aujourdhui: { total: 0 } });
    const server = dashboardServerSchema.parse(body['serveur']);
    expect(server.version).toMatch(/^\d+\.\d+/);
    expect(server.database_size_bytes).toBeGreaterThan(0);
    expect(server.documents).toMatchObject({ missions: 0, chauffeurs: 0 });
    expect(server.active_sessions).toBe(2);
    expect(server.sync_clients).toEqual([expect.objectContaining({ username: 'PAUL', display_name: 'Paul Planif', collections: 1 })]);
    expect(server.jobs.map((job) => job.name)).toContain('housekeeping');
    expect(server.errors_24h.count).toBe(1);
    expect(server.errors_24h.recent[0]?.msg).toBe('panne du jour');
    await stream.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = dashboardServerSchema.parse(((await (await call(relais.app, 'GET', '/stats/dashboard', { token: admin.token })).json()) as Record<string, unknown>)['serveur']);
    expect(after.sync_clients).toEqual([]);
  });

  it('gives the server figures to administrators only', async () => {
    const { relais, planner } = await setup();
    const body = (await (await call(relais.app, 'GET', '/stats/dashboard', { token: planner.token })).json()) as Record<string, unknown>;
    expect(body['sessions_actives']).toBeTypeOf('number');
    expect(body).not.toHaveProperty('serveur');
  });
});
