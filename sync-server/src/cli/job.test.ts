import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobRuns } from '../db/tables';
import { registerJobs } from '../scheduler/jobs';
import { deferred, memoryLogger, otherProcess, schedulerTest, testJob } from '../test-support/jobs';
import { runConfigCommand } from './config';
import { jobExitCodes, runJobCommand } from './job';

function jobCommand(setup: (test: ReturnType<typeof schedulerTest>) => void = () => undefined) {
  const test = schedulerTest();
  registerJobs(test.scheduler, { db: test.db, logger: memoryLogger().logger, runtime: test.runtime, now: test.clock.now });
  setup(test);
  const out: string[] = [];
  const err: string[] = [];
  const run = (...args: string[]): Promise<number> =>
    runJobCommand(args, { db: test.db, logger: memoryLogger().logger, runtime: test.runtime, scheduler: test.scheduler, now: test.clock.now, print: (line) => out.push(line), printError: (line) => err.push(line) });
  return { ...test, out, err, run };
}

describe('relais job', () => {
  it('lists the jobs with their schedule, next run and last status', async () => {
    const command = jobCommand();
    expect(await command.run('list')).toBe(0);
    expect(command.out).toEqual(['tâche\tplanification\tprochaine exécution\tdernier statut', 'housekeeping\t15 3 * * *\t28/11/2026 03:15\tjamais exécutée', 'Fuseau horaire : Europe/Paris']);
  });

  it('runs a job here, printing its progress, and exits 0 when it succeeded', async () => {
    const command = jobCommand();
    expect(await command.run('run', 'housekeeping')).toBe(jobExitCodes.succeeded);
    expect(command.out[0]).toBe('Entretien de la base : exécution lancée.');
    expect(command.out).toContain('  0/3 Sessions fermées ou expirées');
    expect(command.out.at(-1)).toBe('Exécution réussie : rien à signaler.');
    expect(command.scheduler.runs.list('housekeeping', 1)[0]).toMatchObject({ trigger: 'cli', actor: expect.stringMatching(/^console/) as string, status: 'succeeded' });
  });

  it('exits 1 when the run failed, 3 when it was aborted past its timeout, 2 for an unknown job or action', async () => {
    const command = jobCommand(({ scheduler }) => {
      scheduler.register(testJob('casse', () => Promise.reject(new Error('base WMS injoignable'))));
      scheduler.register(testJob('lente', () => deferred().promise, { timeoutMs: 30 }));
    });
    expect(await command.run('run', 'casse')).toBe(jobExitCodes.failed);
    expect(command.err).toContain('base WMS injoignable');
    expect(await command.run('run', 'lente')).toBe(jobExitCodes.aborted);
    expect(command.err).toContain('Délai dépassé (1 s) : exécution interrompue.');
    // The console gave up on the run that ignored its signal: its row is closed, not left open.
    expect(command.scheduler.runs.openRun('lente')).toBeUndefined();
    expect(await command.run('run', 'absente')).toBe(jobExitCodes.usage);
    expect(command.err.at(-1)).toMatch(/^Tâche inconnue : absente \(casse, housekeeping, lente\)/);
    expect(await command.run('lancer')).toBe(jobExitCodes.usage);
    expect(command.err.at(-1)).toContain('relais job run <tâche>');
  });

  it('exits 4 and says so while the server (another process) runs the job', async () => {
    const command = jobCommand();
    const server = otherProcess();
    try {
      const at = command.clock.now().toISOString();
      command.db.insert(jobRuns).values({ job: 'housekeeping', trigger: 'schedule', started_at: at, status: 'running', counts: {}, log_excerpt: [], owner: `${server.pid}:serveur`, heartbeat_at: at }).run();
      expect(await command.run('run', 'housekeeping')).toBe(jobExitCodes.alreadyRunning);
      expect(command.err.at(-1)).toMatch(/^La tâche « Entretien de la base » est déjà en cours depuis le 27\/11\/2026 09:00 \(lancée depuis la console ou un autre processus\)/);
    } finally {
      server.kill('SIGKILL');
    }
  });
});

describe('relais config check', () => {
  function check(content: string): { code: number; out: string[]; err: string[] } {
    const file = join(mkdtempSync(join(tmpdir(), 'relais-check-')), '.env');
    writeFileSync(file, content);
    const out: string[] = [];
    const err: string[] = [];
    const code = runConfigCommand(['check'], file, { print: (line) => out.push(line), printError: (line) => err.push(line) }, {});
    return { code, out, err };
  }

  it('exits 0 with a summary of a valid file', () => {
    const { code, out } = check('RELAIS_PORT=9000\nRELAIS_JOB_SCHEDULES=housekeeping=0 4 * * *\n');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Configuration valide/);
    expect(out.join('\n')).toContain('écoute 0.0.0.0:9000');
    expect(out.join('\n')).toContain('housekeeping=0 4 * * *');
  });

  it('exits 2 naming the key at fault', () => {
    const { code, err } = check('RELAIS_PORT=9000\nRELAIS_JOB_SCHEDULES=housekeeping=0 25 * * *\nRELAIS_SMTP_PASSWORD=\n');
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^Configuration invalide : RELAIS_JOB_SCHEDULES = « housekeeping=0 25 \* \* \* » : RELAIS_JOB_SCHEDULES\.housekeeping : expression cron invalide/);
    expect(err[1]).toBe('Clé(s) en cause : RELAIS_JOB_SCHEDULES');
    expect(check('RELAIS_PROT=8000\n')).toMatchObject({ code: 2, err: ['Configuration invalide : clé inconnue RELAIS_PROT', 'Clé(s) en cause : RELAIS_PROT'] });
  });
});
