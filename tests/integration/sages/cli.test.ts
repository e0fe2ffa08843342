import { execFile } from 'node:child_process';
import { hkdfSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSagesConnector, createSecretBox, openDatabase } from '@relais/sync-server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverCli } from '../../support/server';
import { insertChantier, startBatiSimplyStandIn, startSqlTarget, type BatiSimplyStandIn, type SqlTarget } from './support';

const run = promisify(execFile);
const secretKey = 'sages-cli-test-secret-key-0123456789abcdef';

/** The key `resolveSecretKey` derives from RELAIS_SECRET_KEY (HKDF-SHA-256), so the test seals as the CLI opens. */
function derivedKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, 'relais', 'relais-secrets-v1', 32));
}

/** `relais sages` from the console against the TDS test server and the BatiSimply stand-in. */
describe('relais sages', () => {
  let target: SqlTarget;
  let bs: BatiSimplyStandIn;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    target = await startSqlTarget('tds');
    bs = await startBatiSimplyStandIn();
    dir = mkdtempSync(join(tmpdir(), 'relais-sages-'));
    const databasePath = join(dir, 'relais.db');
    const db = openDatabase(databasePath);
    const connector = createSagesConnector({ db, logger: pino({ level: 'silent' }), secrets: createSecretBox(derivedKey()) });
    connector.config.update(
      {
        sqlServer: { ...target.settings, encrypt: false },
        batisimply: { tokenUrl: bs.tokenUrl, apiUrl: bs.url, clientId: bs.clientId, clientSecret: bs.clientSecret, username: bs.username, password: bs.password },
      },
      'test',
    );
    db.$client.close();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RELAIS_')));
    env = { ...clean, RELAIS_DATABASE_PATH: databasePath, RELAIS_SECRET_KEY: secretKey, RELAIS_LOG_FILE: join(dir, 'relais.log') };
    await insertChantier(target.pool, 'CH100', 'Halle du marché');
  });

  afterAll(async () => {
    await bs.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const relais = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [serverCli, 'sages', ...args], { env, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('tests both connections step by step, and names the table whose permission is refused', async () => {
    const ok = await relais('test');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('table SuiviMO lisible');
    expect(ok.stdout).toContain('jeton obtenu');
    target.tds?.engine.denied.set(target.settings.user.toLowerCase(), new Set(['SuiviMO']));
    const refused = await relais('test');
    target.tds?.engine.denied.clear();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("ÉCHEC Table SuiviMO : droit refusé (The SELECT permission was denied on the object 'SuiviMO'");
  });

  it('dry-runs a job without writing, then runs it (exit 0) and records the run', async () => {
    const dry = await relais('chantiers-import', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Essai à blanc : 1 création(s)');
    expect(dry.stdout).toContain('création : CH100 Halle du marché');
    const done = await relais('chantiers-import');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Exécution réussie : created 1');
    const db = openDatabase(env['RELAIS_DATABASE_PATH'] ?? '');
    try {
      expect(db.$client.prepare("SELECT job, status FROM job_runs WHERE job LIKE 'sages-%'").all()).toEqual([{ job: 'sages-chantiers-import', status: 'succeeded' }]);
      expect(db.$client.prepare('SELECT code FROM sages_chantiers').all()).toEqual([{ code: 'CH100' }]);
    } finally {
      db.$client.close();
    }
    expect((await relais('inconnue')).code).toBe(2);
  });

  it('never prints a secret', async () => {
    const outputs = [await relais('test'), await relais('heures-import', '--dry-run')];
    for (const output of outputs) {
      expect(output.stdout + output.stderr).not.toContain(bs.clientSecret);
      expect(output.stdout + output.stderr).not.toContain(target.settings.password);
    }
  });
});
