import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openDatabase, startServer, type RunningServer } from '@relais/sync-server';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { serverCli } from '../support/server';

const dirs: string[] = [];
const opened: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

interface JobRunRow {
  id: number;
  trigger: string;
  status: string;
  scheduled_for: string | null;
  error: string | null;
}

function runsOf(databasePath: string): JobRunRow[] {
  const db = openDatabase(databasePath);
  try {
    return db.$client.prepare<[], JobRunRow>(`SELECT id, trigger, status, scheduled_for, error FROM job_runs WHERE job = 'housekeeping' ORDER BY id`).all();
  } finally {
    db.$client.close();
  }
}

/** The built `relais` command with only the given RELAIS_* settings. */
function relais(args: string[], env: Record<string, string>, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RELAIS_')));
  const result = spawnSync(process.execPath, [serverCli, ...args], { cwd, env: { ...clean, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) {
      throw new Error('condition jamais remplie');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('scheduled jobs across server restarts and the console', () => {
  it('runs on schedule, records the fires missed while stopped at the next start and catches up; relais job runs it from the console', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-jobs-'));
    dirs.push(dir);
    const env = {
      RELAIS_HOST: '127.0.0.1',
      RELAIS_DATABASE_PATH: join(dir, 'relais.db'),
      RELAIS_LOG_FILE: join(dir, 'server.log'),
      // Every second, so that a short stop misses some fires.
      RELAIS_JOB_SCHEDULES: 'housekeeping=* * * * * *',
    };
    const start = async (): Promise<RunningServer> => {
      const server = await startServer({ ...loadConfig(env, join(dir, '.env')), RELAIS_PORT: 0 }, pino({ level: 'silent' }));
      opened.push(server);
      return server;
    };

    const first = await start();
    await until(() => runsOf(env.RELAIS_DATABASE_PATH).some((run) => run.trigger === 'schedule' && run.status === 'succeeded'), 5000);
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const beforeStop = runsOf(env.RELAIS_DATABASE_PATH).length;
    await new Promise((resolve) => setTimeout(resolve, 2500));

    // From the console, while the server is down: the same database, exit code 0.
    const run = relais(['job', 'run', 'housekeeping'], env, dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Entretien de la base : exécution lancée.');
    expect(run.stdout).toContain('Exécution réussie');
    const list = relais(['job', 'list'], env, dir);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/housekeeping\t\* \* \* \* \* \*\t.*\tréussie/);

    await start();
    const after = runsOf(env.RELAIS_DATABASE_PATH).slice(beforeStop);
    const missed = after.filter((row) => row.status === 'missed');
    expect(missed.length).toBeGreaterThanOrEqual(2);
    expect(missed[0]).toMatchObject({ trigger: 'schedule', error: "Non lancée : le serveur était arrêté à l'heure prévue.", scheduled_for: expect.stringMatching(/\.000Z$/) as string });
    expect(after.some((row) => row.trigger === 'cli' && row.status === 'succeeded')).toBe(true);
    await until(() => runsOf(env.RELAIS_DATABASE_PATH).some((row) => row.trigger === 'startup-catch-up' && row.status === 'succeeded'), 5000);
  });

  it('relais config check exits 2 naming the key, relais job --help answers in French', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-check-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'serveur.env'), 'RELAIS_PORT=8000\nRELAIS_MFA_REQUIRED_ROLES=admin,chef\n');
    const bad = relais(['config', 'check', '--env-file', join(dir, 'serveur.env')], {}, dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('RELAIS_MFA_REQUIRED_ROLES');
    writeFileSync(join(dir, 'serveur.env'), 'RELAIS_PORT=8100\n');
    const good = relais(['config', 'check', '--env-file', join(dir, 'serveur.env')], {}, dir);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('écoute 0.0.0.0:8100');
    const help = relais(['job', '--help'], {}, dir);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('relais job run <tâche>');
  });
});
