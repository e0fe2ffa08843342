import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { JobRun } from '@relais/schema';
import type { Hono } from 'hono';
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

interface Started {
  run_id: number;
  job: string;
  dry_run: boolean;
  status_url: string;
}

/** Sends the folder, then follows the run the route started until it ends, as the PWA would. */
async function importThroughJob(app: Hono, token: string, path: string): Promise<{ started: Started; run: JobRun }> {
  const response = await call(app, 'POST', path, { token, body: fixtureBody() });
  expect(response.status).toBe(202);
  const started = (await response.json()) as Started;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const run = (await (await call(app, 'GET', started.status_url, { token })).json()) as JobRun;
    if (run.status !== 'running') {
      return { started, run };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('import still running after 2 s');
}

describe('POST /admin/import/ptt', () => {
  it('dry-runs then imports for an administrator, under their name', async () => {
    const { relais, app, admin } = await setup();
    const dry = await importThroughJob(app, admin, '/admin/import/ptt?dry_run=true');
    expect(dry.started).toMatchObject({ job: 'import-ptt', dry_run: true });
    expect(dry.run).toMatchObject({ status: 'succeeded', trigger: 'manual', actor: 'ADMIN1' });
    const dryReport = dry.run.result as ImportReport;
    expect(dryReport.dryRun).toBe(true);
    expect(dryReport.collections.missions.created).toBe(5);
    expect(dryReport.collections.missions.rejected.map((item) => item.entry)).toEqual(['#4 (id 104)', '#5 (id 105)', '#7 (id 107)', '#8']);
    expect(relais.store.currentSequence()).toBe(0);

    const real = await importThroughJob(app, admin, '/admin/import/ptt');
    const report = real.run.result as ImportReport;
    expect(report.collections.missions.created).toBe(5);
    // The run's counts sum the report: 19 written, 12 rejected (sst 4, chauffeurs 2, voyages 1, revenus 1, missions 4).
    expect(real.run.counts).toMatchObject({ created: 19, updated: 0, skipped: 0, failed: 12 });
    expect(relais.store.currentSequence()).toBe(19);
    const actors = relais.db.$client.prepare("SELECT DISTINCT actor, source FROM activity_log WHERE collection = 'missions'").all();
    expect(actors).toEqual([{ actor: 'ADMIN1', source: 'import' }]);
  });

  it('answers 409 ALREADY_RUNNING to a second folder while an import runs, and /health meanwhile', async () => {
    const { app, admin } = await setup();
    // Years of missions: the run yields to the server between batches, so the next requests are answered meanwhile.
    const big = fixtureBody();
    const [model] = big['missions.json'] as Record<string, unknown>[];
    big['missions.json'] = Array.from({ length: 3000 }, (_, index) => ({ ...model, id: 10_000 + index, numero: `CMD-${index}` }));
    const first = await call(app, 'POST', '/admin/import/ptt', { token: admin, body: big });
    expect(first.status).toBe(202);
    const { status_url: statusUrl } = (await first.json()) as Started;
    const second = await call(app, 'POST', '/admin/import/ptt', { token: admin, body: fixtureBody() });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('ALREADY_RUNNING');
    expect((await call(app, 'GET', '/health')).status).toBe(200);
    const during = (await (await call(app, 'GET', statusUrl, { token: admin })).json()) as JobRun;
    expect(during.status).toBe('running');
    // The live run, with its progress, as the jobs screen shows it (once the run has read the folder and starts writing).
    await vi.waitFor(
      async () => {
        const { jobs } = (await (await call(app, 'GET', '/admin/jobs', { token: admin })).json()) as { jobs: { name: string; running: JobRun | null }[] };
        expect(jobs.find((job) => job.name === 'import-ptt')?.running?.progress).toMatchObject({ label: 'Import : comparaison et écriture', total: expect.any(Number) as number });
      },
      { timeout: 20_000, interval: 5 },
    );
  });

  it('fails a run started without a folder, saying where to send one', async () => {
    const { app, admin } = await setup();
    const started = await call(app, 'POST', '/admin/jobs/import-ptt/run', { token: admin });
    expect(started.status).toBe(202);
    const { run_id: runId } = (await started.json()) as { run_id: number };
    let run: JobRun | undefined;
    for (let attempt = 0; attempt < 100 && run?.status !== 'failed'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      run = (await (await call(app, 'GET', `/admin/jobs/runs/${runId}`, { token: admin })).json()) as JobRun;
    }
    expect(run?.status).toBe('failed');
    expect(run?.error).toContain('Aucun dossier à importer');
    // French typography in what the console shows: the apostrophe is ’, as in the web app's texts.
    expect(run?.error).not.toContain("'");
    const { jobs } = (await (await call(app, 'GET', '/admin/jobs', { token: admin })).json()) as { jobs: { name: string; label: string; description: string | null }[] };
    expect(jobs.find((job) => job.name === 'import-ptt')).toBeDefined();
    for (const job of jobs) {
      expect(`${job.label} ${job.description ?? ''}`, job.name).not.toContain("'");
    }
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
