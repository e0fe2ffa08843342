import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, authTestApp, call, signIn } from '../../test-support/auth';
import type { ImportReport } from './report';
import { pttFixture } from './test-helpers';

/** The fixture folder as a browser would send it: every readable JSON file, parsed. */
function fixtureBody(): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of readdirSync(pttFixture).filter((file) => file.endsWith('.json'))) {
    try {
      body[name] = JSON.parse(readFileSync(join(pttFixture, name), 'utf8')) as unknown;
    } catch {
      // The broken announcement_config.json: a browser could not parse it either.
    }
  }
  return body;
}

/** The whole app, where app.ts mounts the import routes under /admin/import. */
async function setup() {
  const relais = authTestApp();
  await addUser(relais.auth, { username: 'ADMIN1', role: 'admin' });
  await addUser(relais.auth, { username: 'PLANIF', role: 'planner' });
  const app = relais.app;
  const admin = (await signIn(relais.app, 'ADMIN1')).token;
  const planner = (await signIn(relais.app, 'PLANIF')).token;
  return { relais, app, admin, planner };
}

describe('POST /admin/import/ptt', () => {
  it('dry-runs then imports for an administrator, under their name', async () => {
    const { relais, app, admin } = await setup();
    const dry = await call(app, 'POST', '/admin/import/ptt?dry_run=true', { token: admin, body: fixtureBody() });
    expect(dry.status).toBe(200);
    const dryReport = (await dry.json()) as ImportReport;
    expect(dryReport.dryRun).toBe(true);
    expect(dryReport.collections.missions.created).toBe(5);
    expect(dryReport.collections.missions.rejected.map((item) => item.entry)).toEqual(['#4 (id 104)', '#5 (id 105)', '#7 (id 107)', '#8']);
    expect(relais.store.currentSequence()).toBe(0);

    const real = await call(app, 'POST', '/admin/import/ptt', { token: admin, body: fixtureBody() });
    const report = (await real.json()) as ImportReport;
    expect(report.collections.missions.created).toBe(5);
    expect(relais.store.currentSequence()).toBe(19);
    const actors = relais.db.$client.prepare("SELECT DISTINCT actor, source FROM activity_log WHERE collection = 'missions'").all();
    expect(actors).toEqual([{ actor: 'ADMIN1', source: 'import' }]);
  });

  it('refuses users without manage_rights or admin_access, and a body without data files', async () => {
    const { app, admin, planner } = await setup();
    expect((await call(app, 'POST', '/admin/import/ptt?dry_run=true', { token: planner, body: fixtureBody() })).status).toBe(403);
    expect((await call(app, 'POST', '/admin/import/ptt?dry_run=true', { body: fixtureBody() })).status).toBe(401);
    const empty = await call(app, 'POST', '/admin/import/ptt?dry_run=true', { token: admin, body: { 'notes.json': {} } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });
});
