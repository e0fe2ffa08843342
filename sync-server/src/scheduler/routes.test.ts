import { jobEventSchema, jobListResponseSchema, jobRunSchema, type JobEvent } from '@relais/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { authEventRows, call } from '../test-support/auth';
import { adminAppTest, deferred, eventually, testJob, type AdminAppTest } from '../test-support/jobs';

let relais: AdminAppTest | undefined;

async function setup(): Promise<AdminAppTest> {
  relais = await adminAppTest();
  return relais;
}

afterEach(async () => {
  await relais?.scheduler.stop(100);
  relais = undefined;
});

describe('POST /admin/jobs/{name}/run', () => {
  it('answers 202 with the run id, 409 with a detail while it runs, and shows its progress in GET /admin/jobs', async () => {
    const app = await setup();
    const gate = deferred();
    app.scheduler.register(
      testJob('import', async ({ progress, count }) => {
        progress({ done: 2, total: 5, label: 'Chauffeurs' });
        count('created', 2);
        await gate.promise;
        return { lignes: 5 };
      }),
    );
    const started = await app.asAdmin('POST', '/admin/jobs/import/run');
    expect(started).toMatchObject({ status: 202, body: { job: 'import', status: 'running', run_id: expect.any(Number) as number } });
    const again = await app.asAdmin('POST', '/admin/jobs/import/run');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'ALREADY_RUNNING' }, detail: expect.stringMatching(/^La tâche « Tâche import » est déjà en cours/) as string });

    const list = jobListResponseSchema.parse((await app.asAdmin('GET', '/admin/jobs')).body);
    expect(list.timezone).toBe('Europe/Paris');
    expect(list.jobs.map((job) => job.name).filter((name) => !name.startsWith('sages-'))).toEqual(['housekeeping', 'import', 'import-ptt']);
    expect(list.jobs.find((job) => job.name === 'import')?.running).toMatchObject({ id: started.body['run_id'], status: 'running', actor: 'ADMIN', progress: { done: 2, total: 5, label: 'Chauffeurs' }, counts: { created: 2 } });
    expect(list.jobs.find((job) => job.name === 'housekeeping')).toMatchObject({ schedule: '15 3 * * *', catch_up: true, next_run: expect.any(String) as string, running: null });

    gate.resolve();
    await eventually(() => app.scheduler.job('import').running === null);
    const runs = (await app.asAdmin('GET', '/admin/jobs/import/runs?limit=10')).body['runs'] as unknown[];
    expect(runs).toHaveLength(1);
    const run = jobRunSchema.parse((await app.asAdmin('GET', `/admin/jobs/runs/${String(started.body['run_id'])}`)).body);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual', counts: { created: 2 }, result: { lignes: 5 }, ended_at: expect.any(String) as string });
    expect(authEventRows(app.db).filter((event) => event.action === 'job_run')).toMatchObject([{ actor: 'ADMIN', target: 'import', details: { run_id: run.id } }]);
  });

  it('answers 404 with a detail for an unknown job or run, and 400 for a bad limit', async () => {
    const app = await setup();
    expect((await app.asAdmin('POST', '/admin/jobs/inconnue/run')).body).toMatchObject({ error: { code: 'NOT_FOUND' }, detail: 'Tâche inconnue : inconnue' });
    expect((await app.asAdmin('GET', '/admin/jobs/runs/999')).body).toMatchObject({ detail: 'Exécution introuvable : 999' });
    expect((await app.asAdmin('GET', '/admin/jobs/housekeeping/runs?limit=0')).status).toBe(400);
  });

  it('runs the housekeeping job end to end: old sessions and sign-in codes go, recent ones stay', async () => {
    const app = await setup();
    const sqlite = app.db.$client;
    const user = sqlite.prepare<[], { id: number }>(`SELECT id FROM users WHERE username = 'ADMIN'`).get();
    const old = new Date(Date.now() - 200 * 86_400_000).toISOString();
    sqlite.prepare(`INSERT INTO sessions (id, user_id, created_at, last_activity, expires_at, revoked_at, refresh_token_hash) VALUES ('vieille', ?, ?, ?, ?, ?, 'h1')`).run(user?.id, old, old, old, old);
    sqlite.prepare(`INSERT INTO mfa_challenges (id, user_id, code_hash, created_at, expires_at, used_at) VALUES ('code', ?, 'x', ?, ?, ?)`).run(user?.id, old, old, old);
    const started = await app.asAdmin('POST', '/admin/jobs/housekeeping/run');
    await eventually(() => app.scheduler.job('housekeeping').running === null);
    const run = jobRunSchema.parse((await app.asAdmin('GET', `/admin/jobs/runs/${String(started.body['run_id'])}`)).body);
    expect(run).toMatchObject({ status: 'succeeded', counts: { deleted: 2 }, result: { retention_days: 90, deleted: { sessions: 1, mfa_challenges: 1, job_runs: 0 } }, progress: { done: 3, total: 3 } });
    expect(sqlite.prepare(`SELECT count(*) AS n FROM sessions`).get()).toEqual({ n: 1 });
    // The administrator's own session is still good.
    expect((await app.asAdmin('GET', '/admin/jobs')).status).toBe(200);
  });
});

describe('PUT /admin/jobs/{name}/schedule', () => {
  it('refuses an invalid cron expression with a detail, and reschedules the next run on a valid one', async () => {
    const app = await setup();
    app.scheduler.start();
    const bad = await app.asAdmin('PUT', '/admin/jobs/housekeeping/schedule', { schedule: '61 * * * *' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' }, detail: expect.stringContaining('schedule — expression cron invalide') as string });
    const before = app.scheduler.job('housekeeping').next_run;
    const changed = await app.asAdmin('PUT', '/admin/jobs/housekeeping/schedule', { schedule: '*/5 * * * *' });
    expect(changed.body).toMatchObject({ schedule: '*/5 * * * *', default_schedule: '15 3 * * *' });
    expect(changed.body['next_run']).not.toBe(before);
    expect(Date.parse(String(changed.body['next_run'])) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(authEventRows(app.db).filter((event) => event.action === 'config_changed')).toMatchObject([
      { actor: 'ADMIN', target: 'job_schedules', details: { changes: [{ name: 'job_schedules', before: {}, after: { housekeeping: '*/5 * * * *' } }] } },
    ]);
    const off = await app.asAdmin('PUT', '/admin/jobs/housekeeping/schedule', { schedule: 'off' });
    expect(off.body).toMatchObject({ schedule: 'off', next_run: null });
    const back = await app.asAdmin('PUT', '/admin/jobs/housekeeping/schedule', { schedule: null });
    expect(back.body).toMatchObject({ schedule: '15 3 * * *' });
  });
});

/** Reads server-sent events from a streamed response until `count` events came. */
async function readEvents(response: Response, count: number): Promise<JobEvent[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: JobEvent[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    text += decoder.decode(value, { stream: true });
    const blocks = text.split('\n\n');
    text = blocks.pop() ?? '';
    for (const block of blocks) {
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (data) {
        events.push(jobEventSchema.parse(JSON.parse(data.slice(6))));
      }
    }
  }
  await reader.cancel();
  return events;
}

describe('GET /admin/jobs/events', () => {
  it('streams, with the session cookie alone (EventSource), a resync then the run started, its progress and its end', async () => {
    const app = await setup();
    const gate = deferred();
    app.scheduler.register(
      testJob('flux', async ({ progress }) => {
        progress({ done: 1, total: 2, label: 'Moitié' });
        await gate.promise;
      }),
    );
    const response = await call(app.app, 'GET', '/admin/jobs/events', { cookie: app.admin.cookie });
    expect(response.status).toBe(200);
    const reading = readEvents(response, 4);
    await new Promise((resolve) => setTimeout(resolve, 20));
    app.scheduler.run('flux', { trigger: 'manual', actor: 'ADMIN' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate.resolve();
    const events = await reading;
    expect(events.map((event) => event.type)).toEqual(['resync', 'run-started', 'run-progress', 'run-finished']);
    expect(events[2]).toMatchObject({ run: { job: 'flux', progress: { done: 1, total: 2, label: 'Moitié' } } });
    expect(events[3]).toMatchObject({ run: { job: 'flux', status: 'succeeded' } });
  });
});

describe('GET /admin/jobs/events: a slow reader', () => {
  it('drops what a reader did not take past the queue limit, for one resync', async () => {
    const app = await setup();
    app.scheduler.register(testJob('vite', () => Promise.resolve(null)));
    const response = await call(app.app, 'GET', '/admin/jobs/events', { token: app.admin.token });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain('event: resync');
    // 80 runs: 160 events, while nobody reads the stream.
    let last = 0;
    for (let run = 0; run < 80; run += 1) {
      const started = app.scheduler.run('vite', { trigger: 'manual', actor: null });
      last = started.runId;
      await started.finished;
      await eventually(() => app.scheduler.job('vite').running === null);
    }
    text = '';
    while (!text.includes(`"type":"run-finished","run":{"id":${last},`)) {
      text += decoder.decode((await reader.read()).value, { stream: true });
    }
    await reader.cancel();
    expect(text).toContain('event: resync');
    expect(text.split('event: ').length - 1).toBeLessThan(160);
  });
});
