import { afterEach, describe, expect, it } from 'vitest';
import { jobRuns } from '../db/tables';
import { ApiError } from '../http/errors';
import { deferred, eventually, otherProcess, schedulerTest, testJob, type SchedulerTest } from '../test-support/jobs';
import { logExcerptLines } from './context';
import { missedRowLimit } from './scheduler';

let current: SchedulerTest | undefined;

function setup(start?: string): SchedulerTest {
  current = schedulerTest(undefined, start);
  return current;
}

afterEach(async () => {
  await current?.scheduler.stop(100);
  current = undefined;
});

function refusal(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiError) {
      return error;
    }
    throw error;
  }
  throw new Error('pas de refus');
}

describe('scheduler: one run at a time', () => {
  it('refuses a second run while the first goes on, with a French detail, then runs again once it ended', async () => {
    const { scheduler } = setup();
    const gate = deferred();
    let calls = 0;
    scheduler.register(testJob('import', async () => {
      calls += 1;
      await gate.promise;
      return { ok: true };
    }));
    const first = scheduler.run('import', { trigger: 'manual', actor: 'ADMIN' });
    const refused = refusal(() => scheduler.run('import', { trigger: 'manual', actor: 'ADMIN' }));
    expect(refused.code).toBe('ALREADY_RUNNING');
    expect(refused.message).toMatch(/^La tâche « Tâche import » est déjà en cours depuis le .* : attendez la fin de son exécution\.$/);
    expect(refused.details).toEqual({ job: 'import', run_id: first.runId });
    gate.resolve();
    expect(await first.finished).toMatchObject({ id: first.runId, status: 'succeeded', trigger: 'manual', actor: 'ADMIN', result: { ok: true } });
    await eventually(() => scheduler.job('import').running === null);
    const second = scheduler.run('import', { trigger: 'manual', actor: 'ADMIN' });
    expect((await second.finished).status).toBe('succeeded');
    expect(calls).toBe(2);
  });

  it('refuses while another live process holds an open run of the job, and takes over a dead one', async () => {
    const { scheduler, db, clock } = setup();
    scheduler.register(testJob('import', () => Promise.resolve('fait')));
    const other = otherProcess();
    try {
      const at = clock.now().toISOString();
      const held = db.insert(jobRuns).values({ job: 'import', trigger: 'cli', actor: 'console:root', started_at: at, status: 'running', counts: {}, log_excerpt: [], owner: `${other.pid}:x`, heartbeat_at: at }).returning().get();
      const refused = refusal(() => scheduler.run('import', { trigger: 'manual', actor: 'ADMIN' }));
      expect(refused.code).toBe('ALREADY_RUNNING');
      expect(refused.message).toContain('lancée depuis la console ou un autre processus');
      expect(scheduler.job('import').running).toMatchObject({ id: held.id, status: 'running', trigger: 'cli' });
      // Its owner dies: the next run closes the orphan as failed and goes ahead.
      other.kill('SIGKILL');
      await eventually(() => other.exitCode !== null || other.signalCode !== null);
      const run = scheduler.run('import', { trigger: 'manual', actor: 'ADMIN' });
      expect((await run.finished).status).toBe('succeeded');
      expect(scheduler.runs.byId(held.id)).toMatchObject({ status: 'failed', error: expect.stringContaining("s'est arrêté pendant l'exécution") as string });
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('scheduler: timeout', () => {
  it('aborts the run past its timeout through its signal and records it aborted', async () => {
    const { scheduler } = setup();
    let reason: unknown;
    scheduler.register(
      testJob('lent', ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            reject(new Error('interrompu'));
          });
        }),
      { timeoutMs: 50 },
    ));
    const run = scheduler.run('lent', { trigger: 'manual', actor: 'ADMIN' });
    const finished = await run.finished;
    expect(finished).toMatchObject({ status: 'aborted', error: 'Délai dépassé (1 s) : exécution interrompue.' });
    expect(String(reason)).toContain('Délai dépassé');
    await eventually(() => scheduler.runs.byId(run.runId)?.ended_at !== null);
    expect(scheduler.runs.byId(run.runId)).toMatchObject({ status: 'aborted' });
    expect(finished.log_excerpt.at(-1)).toMatch(/WARN Délai dépassé/);
  });

  it('records a run that ignores its signal aborted at once, and refuses a new run until its work has stopped', async () => {
    const { scheduler } = setup();
    const gate = deferred();
    scheduler.register(testJob('sourd', () => gate.promise, { timeoutMs: 50 }));
    const run = scheduler.run('sourd', { trigger: 'manual', actor: 'ADMIN' });
    expect(await run.finished).toMatchObject({ status: 'aborted', ended_at: null });
    expect(scheduler.runs.byId(run.runId)).toMatchObject({ status: 'aborted', ended_at: null });
    expect(refusal(() => scheduler.run('sourd', { trigger: 'manual', actor: 'ADMIN' })).code).toBe('ALREADY_RUNNING');
    gate.resolve();
    await eventually(() => scheduler.runs.byId(run.runId)?.ended_at !== null);
    // Its late success does not turn the run into a success.
    expect(scheduler.runs.byId(run.runId)?.status).toBe('aborted');
    // Now a new run may start (its gate is open: it ends at once).
    expect((await scheduler.run('sourd', { trigger: 'manual', actor: 'ADMIN' }).finished).status).toBe('succeeded');
  });
});

describe('scheduler: what a run records', () => {
  it('keeps the progress, the counts, the result and the last lines of its own log', async () => {
    const { scheduler } = setup();
    scheduler.register(
      testJob('compte', ({ progress, count, log }) => {
        for (let line = 1; line <= logExcerptLines + 10; line += 1) {
          log.info(`ligne ${line}`);
        }
        progress({ done: 3, total: 4, label: 'Étape trois' });
        count('created', 2);
        count('updated');
        count('skipped', 5);
        count('failed');
        return Promise.resolve({ fichiers: 3 });
      }),
    );
    const run = await scheduler.run('compte', { trigger: 'cli', actor: 'console:root' }).finished;
    const stored = scheduler.runs.byId(run.id);
    expect(stored).toMatchObject({ status: 'succeeded', progress_done: 3, progress_total: 4, progress_label: 'Étape trois', counts: { created: 2, updated: 1, deleted: 0, skipped: 5, failed: 1 }, result: { fichiers: 3 } });
    expect(stored?.log_excerpt).toHaveLength(logExcerptLines);
    expect(stored?.log_excerpt.at(-1)).toMatch(/INFO ligne 60$/);
    expect(stored?.log_excerpt[0]).toMatch(/INFO ligne 11$/);
  });

  it('records a thrown error as failed, with its message', async () => {
    const { scheduler } = setup();
    scheduler.register(testJob('casse', () => Promise.reject(new Error('connexion refusée par le WMS'))));
    expect(await scheduler.run('casse', { trigger: 'manual', actor: null }).finished).toMatchObject({ status: 'failed', error: 'connexion refusée par le WMS' });
  });
});

describe('scheduler: missed runs and crashes at start', () => {
  it('records each fire missed while the server was down, and catches up once when the job says so', async () => {
    // Last handled fire: Monday 2026-11-23 03:15 in Paris (02:15Z); back on Thursday at 09:00Z.
    const { scheduler, clock } = setup('2026-11-26T09:00:00.000Z');
    scheduler.runs.setLastFire('rattrape', '2026-11-23T02:15:00.000Z');
    scheduler.runs.setLastFire('sans-rattrapage', '2026-11-23T02:15:00.000Z');
    const runs: string[] = [];
    scheduler.register(testJob('rattrape', ({ trigger }) => Promise.resolve(runs.push(trigger)), { defaultSchedule: '15 3 * * *', catchUp: true }));
    scheduler.register(testJob('sans-rattrapage', () => Promise.resolve(runs.push('non')), { defaultSchedule: '15 3 * * *' }));
    scheduler.start();
    for (const job of ['rattrape', 'sans-rattrapage']) {
      const missed = scheduler.runs.list(job, 10).filter((run) => run.status === 'missed');
      expect(missed.map((run) => run.scheduled_for).sort()).toEqual(['2026-11-24T02:15:00.000Z', '2026-11-25T02:15:00.000Z', '2026-11-26T02:15:00.000Z']);
      expect(missed[0]).toMatchObject({ trigger: 'schedule', error: "Non lancée : le serveur était arrêté à l'heure prévue.", ended_at: clock.now().toISOString() });
    }
    await eventually(() => runs.length > 0 && scheduler.job('rattrape').running === null);
    expect(runs).toEqual(['startup-catch-up']);
    expect(scheduler.runs.list('rattrape', 1)[0]).toMatchObject({ trigger: 'startup-catch-up', status: 'succeeded' });
    expect(scheduler.runs.lastFire('rattrape')).toBe(clock.now().toISOString());
  });

  it('bounds the rows of a frequent job down for long, saying how many more were missed', () => {
    const { scheduler } = setup('2026-11-27T09:00:00.000Z');
    scheduler.runs.setLastFire('minute', '2026-11-27T08:00:00.000Z');
    scheduler.register(testJob('minute', () => Promise.resolve(null), { defaultSchedule: '* * * * *' }));
    scheduler.start();
    const missed = scheduler.runs.list('minute', 100);
    expect(missed).toHaveLength(missedRowLimit + 1);
    expect(missed[0]?.error).toMatch(/40 autres déclenchements manqués jusqu'au 27\/11\/2026 10:00/);
  });

  it('records nothing for a job seen for the first time', () => {
    const { scheduler } = setup();
    scheduler.register(testJob('nouvelle', () => Promise.resolve(null), { defaultSchedule: '* * * * *', catchUp: true }));
    scheduler.start();
    expect(scheduler.runs.list('nouvelle', 10)).toEqual([]);
  });

  it('closes as failed a run a crash left running, and leaves a live process\'s run alone', () => {
    const { scheduler, db, clock } = setup();
    const other = otherProcess();
    try {
      const at = clock.now().toISOString();
      const row = { job: 'x', trigger: 'schedule', started_at: at, status: 'running', counts: {}, log_excerpt: ['08:00:00 INFO démarrée'], heartbeat_at: at };
      const crashed = db.insert(jobRuns).values({ ...row, owner: `${process.pid}:ancien-processus` }).returning().get();
      const alive = db.insert(jobRuns).values({ ...row, job: 'y', owner: `${other.pid}:console` }).returning().get();
      scheduler.start();
      expect(scheduler.runs.byId(crashed.id)).toMatchObject({
        status: 'failed',
        ended_at: at,
        error: "Le serveur (ou la commande relais job run) s'est arrêté pendant l'exécution : exécution interrompue.",
        log_excerpt: ['08:00:00 INFO démarrée'],
      });
      expect(scheduler.runs.byId(alive.id)).toMatchObject({ status: 'running', ended_at: null });
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('scheduler: croner timers', () => {
  it('fires on schedule, and records a fire that finds the job still running as missed', async () => {
    const { scheduler } = setup();
    const gate = deferred();
    scheduler.register(testJob('seconde', () => gate.promise, { defaultSchedule: '* * * * * *' }));
    scheduler.start();
    await eventually(() => scheduler.runs.list('seconde', 10).some((run) => run.status === 'missed'), 3500);
    const rows = scheduler.runs.list('seconde', 10);
    expect(rows.find((run) => run.status === 'running')).toMatchObject({ trigger: 'schedule', scheduled_for: expect.stringMatching(/:\d\d\.000Z$/) as string });
    expect(rows.find((run) => run.status === 'missed')?.error).toMatch(/^Non lancée : La tâche « Tâche seconde » est déjà en cours/);
    gate.resolve();
  });

  it('follows a new schedule from the configuration at once', () => {
    const { scheduler, runtime } = setup('2026-11-27T08:00:00.000Z');
    scheduler.register(testJob('nuit', () => Promise.resolve(null), { defaultSchedule: '0 2 * * *' }));
    runtime.onChange(() => scheduler.reschedule());
    scheduler.start();
    expect(scheduler.job('nuit')).toMatchObject({ schedule: '0 2 * * *', next_run: '2026-11-28T01:00:00.000Z', timezone: 'Europe/Paris' });
    runtime.update({ job_schedules: { nuit: '30 22 * * *' } }, 'ADMIN');
    expect(scheduler.job('nuit')).toMatchObject({ schedule: '30 22 * * *', next_run: '2026-11-27T21:30:00.000Z' });
    runtime.update({ jobs_timezone: 'UTC' }, 'ADMIN');
    expect(scheduler.job('nuit').next_run).toBe('2026-11-27T22:30:00.000Z');
  });
});
