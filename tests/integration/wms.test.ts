import { readFileSync, readdirSync, writeFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { JobRun, WmsBackupManifest, WmsConnectionView, WmsTestReport } from '@relais/schema';
import { loadConfig, startServer, type RunningServer } from '@relais/sync-server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWmsDatabase, dropWmsDatabase, rootConnection, tableChecksums, wmsDbUser } from '../fixtures/wms/mariadb';
import { startTestSshd, type TestSshd } from '../fixtures/sshd/sshd';
import { signIn } from './support/harness';

const database = 'ntl_wms_test';
const copy = 'ntl_wms_test_copy';

interface Rig {
  server: RunningServer;
  dir: string;
  backupDir: string;
  log: () => string;
}

async function startRig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-wms-it-'));
  const databasePath = join(dir, 'relais.db');
  let log = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      log += chunk.toString();
      callback();
    },
  });
  const config = loadConfig({ RELAIS_HOST: '127.0.0.1', RELAIS_PORT: '1', RELAIS_DATABASE_PATH: databasePath, RELAIS_LOG_FILE: '' }, join(dir, 'absent.env'));
  const server = await startServer({ ...config, RELAIS_PORT: 0, RELAIS_WEB_DIST: join(dir, 'no-web') }, pino({ level: 'debug' }, sink));
  return { server, dir, backupDir: join(dir, 'wms-backups'), log: () => log };
}

async function call<T>(rig: Rig, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${rig.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function finishedRun(rig: Rig, token: string, runId: number): Promise<JobRun> {
  for (;;) {
    const { body } = await call<{ run: JobRun } | JobRun>(rig, token, 'GET', `/admin/jobs/runs/${runId}`);
    const run = 'run' in body ? body.run : body;
    if (run.status !== 'running') {
      return run;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('WMS connector against a real sshd and MariaDB', () => {
  let sshd: TestSshd;
  let rig: Rig;
  let admin: string;
  let system: string;
  let connection: WmsConnectionView;

  beforeAll(async () => {
    [sshd] = await Promise.all([startTestSshd(), createWmsDatabase(database)]);
    rig = await startRig();
    admin = (await signIn(rig.server, 'admin')).token;
    system = (await signIn(rig.server, 'admin', { systemAdmin: true })).token;
  });

  afterAll(async () => {
    await rig?.server.close();
    await sshd?.stop();
    rmSync(rig?.dir ?? '/nonexistent', { recursive: true, force: true });
    await dropWmsDatabase(copy, 'ntl_wms_test_restore_test');
  });

  it('creates a connection with sealed secrets, shows the host fingerprint to pin, and tests every step', async () => {
    const created = await call<WmsConnectionView>(rig, admin, 'POST', '/admin/wms/connections', {
      name: 'WMS Entrepôt Orléans',
      ssh_host: sshd.host,
      ssh_port: sshd.port,
      ssh_user: sshd.username,
      ssh_auth: 'key',
      ssh_secret: sshd.privateKey,
      db_user: wmsDbUser.user,
      db_password: wmsDbUser.password,
      db_name: database,
      backup_dir: rig.backupDir,
      remote_temp_dir: sshd.remoteTempDir,
    });
    expect(created.status).toBe(201);
    connection = created.body;
    expect(connection.ssh_secret).toBe('********');
    expect(connection.db_password).toBe('********');
    expect(connection.host_fingerprint).toBeNull();

    // Not pinned yet: refused before authenticating.
    const unpinned = await call<WmsTestReport>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/test`);
    expect(unpinned.body.failed_step).toBe('host_key');

    const fetched = await call<{ fingerprint: string }>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/fingerprint`);
    expect(fetched.body.fingerprint).toBe(sshd.fingerprint);
    const pinned = await call<WmsConnectionView>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/pin`, { fingerprint: fetched.body.fingerprint });
    expect(pinned.body.host_fingerprint).toBe(sshd.fingerprint);

    const report = await call<WmsTestReport>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/test`);
    expect(report.body).toMatchObject({ ok: true, failed_step: null });
    expect(report.body.steps.map((step) => [step.step, step.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['host_key', true],
      ['ssh_auth', true],
      ['sftp', true],
      ['database', true],
    ]);
  });

  it('backs up, verifies, and restores into another database with identical rows, table by table', async () => {
    const started = await call<{ run_id: number }>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/backup`);
    expect(started.status).toBe(202);
    const run = await finishedRun(rig, admin, started.body.run_id);
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect(run.counts.created).toBe(1);

    const points = await call<WmsBackupManifest[]>(rig, admin, 'GET', `/admin/wms/connections/${connection.id}/restore-points`);
    const [manifest] = points.body;
    expect(manifest?.file).toMatch(/^ntl_wms_test_\d{8}-\d{6}\.sql\.gz$/);
    expect(manifest?.tables).toEqual([
      { name: 'expedition', rows: 2000 },
      { name: 'reception', rows: 500 },
    ]);
    expect(run.progress).toMatchObject({ done: manifest?.size_bytes, total: manifest?.size_bytes });
    const folder = join(rig.backupDir, 'WMS-Entrepot-Orleans');
    expect(readdirSync(folder).sort()).toEqual([manifest?.file, `${manifest?.file}.json`]);
    expect(sshd.remoteFiles()).toEqual([]);

    const preview = await call<{ tables: unknown[] }>(rig, admin, 'GET', `/admin/wms/connections/${connection.id}/restore-points/${manifest?.file}/preview?target=${copy}`);
    expect(preview.body.tables).toEqual([
      { name: 'expedition', rows_now: null, rows_backup: 2000 },
      { name: 'reception', rows_now: null, rows_backup: 500 },
    ]);
    const path = `/admin/wms/connections/${connection.id}/restore-points/${manifest?.file}/restore`;
    expect((await call(rig, admin, 'POST', path, { confirm: copy, target: copy })).status).toBe(403);
    expect((await call(rig, system, 'POST', path, { confirm: 'ntl_wms', target: copy })).status).toBe(400);
    const restored = await call<{ ok: boolean; tables: unknown[] }>(rig, system, 'POST', path, { confirm: copy, target: copy });
    expect(restored.body.ok).toBe(true);
    expect(await tableChecksums(copy)).toEqual(await tableChecksums(database));
    expect(sshd.remoteFiles()).toEqual([]);

    // The restore test job: scratch database created, checked, dropped.
    const test = await call<{ run_id: number }>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/restore-test`);
    const testRun = await finishedRun(rig, admin, test.body.run_id);
    expect(testRun.status, testRun.error ?? '').toBe('succeeded');
    const root = await rootConnection();
    const [scratch] = await root.query("SHOW DATABASES LIKE 'ntl_wms_test_restore_test'");
    await root.end();
    expect(scratch).toEqual([]);
  });

  it('two triggers of the same backup at once: the second answers "already running"', async () => {
    const first = call<{ run_id: number }>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/backup`);
    const second = call<{ error: { code: string } }>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/backup`);
    const [a, b] = await Promise.all([first, second]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([202, 409]);
    const refused = a.status === 409 ? a : b;
    expect((refused.body as unknown as { error: { code: string } }).error.code).toBe('ALREADY_RUNNING');
    const accepted = (a.status === 202 ? a : b).body as { run_id: number };
    expect((await finishedRun(rig, admin, accepted.run_id)).status).toBe('succeeded');
  });

  it('restore refuses a backup whose checksum fails, and takes the safety backup before writing', async () => {
    const points = (await call<WmsBackupManifest[]>(rig, admin, 'GET', `/admin/wms/connections/${connection.id}/restore-points`)).body;
    const good = points.find((point) => point.kind === 'backup');
    if (!good) throw new Error('pas de sauvegarde');
    const folder = join(rig.backupDir, 'WMS-Entrepot-Orleans');
    const original = await tableChecksums(database);

    // Production changes after the backup: the safety backup must hold this state.
    const root = await rootConnection(database);
    await root.query('DELETE FROM reception WHERE id > 400');
    await root.end();
    const changed = await tableChecksums(database);

    // A corrupted copy (same size, one byte changed) is refused before anything is written.
    const corrupted = good.file.replace('.sql.gz', '-9.sql.gz');
    copyFileSync(join(folder, good.file), join(folder, corrupted));
    const bytes = readFileSync(join(folder, corrupted));
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0xff;
    writeFileSync(join(folder, corrupted), bytes);
    writeFileSync(join(folder, `${corrupted}.json`), JSON.stringify({ ...good, file: corrupted }));
    const refused = await call<{ error: { code: string; message: string } }>(rig, system, 'POST', `/admin/wms/connections/${connection.id}/restore-points/${corrupted}/restore`, { confirm: database });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/SHA-256/);
    expect(await tableChecksums(database)).toEqual(changed);

    const restored = await call<{ ok: boolean; safety_backup: string; loaded_at: string }>(rig, system, 'POST', `/admin/wms/connections/${connection.id}/restore-points/${good.file}/restore`, { confirm: database });
    expect(restored.body.ok).toBe(true);
    expect(await tableChecksums(database)).toEqual(original);
    const safety = JSON.parse(readFileSync(join(folder, `${restored.body.safety_backup}.json`), 'utf8')) as WmsBackupManifest;
    expect(safety.kind).toBe('safety');
    expect(safety.tables).toEqual([
      { name: 'expedition', rows: 2000 },
      { name: 'reception', rows: 400 },
    ]);
    expect(safety.finished_at < restored.body.loaded_at).toBe(true);
    expect(sshd.remoteFiles()).toEqual([]);
  });

  it('refuses a different host key, and says which step failed for a wrong SSH or database password', async () => {
    const base = { ...connection, ssh_secret: undefined, db_password: undefined, ssh_passphrase: undefined };
    const put = async (changes: Record<string, unknown>) => {
      const updated = await call<WmsConnectionView>(rig, admin, 'PUT', `/admin/wms/connections/${connection.id}`, { ...base, ...changes });
      expect(updated.status).toBe(200);
      return (await call<WmsTestReport>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/test`)).body;
    };
    const mismatch = await put({ host_fingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(mismatch.failed_step).toBe('host_key');
    expect(mismatch.steps.find((step) => step.step === 'host_key')?.message).toMatch(/différente de celle épinglée/);
    const refusedBackup = await call<{ run_id: number }>(rig, admin, 'POST', `/admin/wms/connections/${connection.id}/backup`);
    const refusedRun = await finishedRun(rig, admin, refusedBackup.body.run_id);
    expect(refusedRun.status).toBe('failed');
    expect(refusedRun.error).toMatch(/Clé d'hôte SSH différente/);

    if (sshd.password) {
      const wrongSsh = await put({ host_fingerprint: sshd.fingerprint, ssh_auth: 'password', ssh_secret: 'pas-le-bon' });
      expect(wrongSsh.failed_step).toBe('ssh_auth');
      expect(wrongSsh.steps.find((step) => step.step === 'ssh_auth')?.message).toMatch(/Authentification SSH refusée/);
      expect((await put({ ssh_auth: 'password', ssh_secret: sshd.password, host_fingerprint: sshd.fingerprint })).ok).toBe(true);
    }
    const wrongDb = await put({ host_fingerprint: sshd.fingerprint, ssh_auth: 'key', ssh_secret: sshd.privateKey, db_password: 'mauvais' });
    expect(wrongDb.failed_step).toBe('database');
    expect(wrongDb.steps.find((step) => step.step === 'database')?.message).toMatch(/Access denied/);
    expect(wrongDb.steps.filter((step) => step.ok).map((step) => step.step)).toEqual(['dns', 'tcp', 'host_key', 'ssh_auth', 'sftp']);
    expect((await put({ host_fingerprint: sshd.fingerprint, db_password: wmsDbUser.password })).ok).toBe(true);
  });

  it('keeps every secret out of the stored configuration, the answers and the logs', async () => {
    const secrets = [wmsDbUser.password, sshd.privateKey.split('\n')[1] ?? sshd.privateKey, ...(sshd.password ? [sshd.password] : [])];
    const answers = JSON.stringify([(await call(rig, admin, 'GET', '/admin/wms/connections')).body, (await call(rig, admin, 'GET', `/admin/wms/connections/${connection.id}`)).body]);
    const stored = JSON.stringify(rig.server.db.$client.prepare('SELECT * FROM wms_connections').all());
    const activity = JSON.stringify(rig.server.db.$client.prepare('SELECT * FROM activity_log').all());
    const sqliteFile = readFileSync(rig.server.db.$client.name).toString('latin1');
    for (const secret of secrets) {
      for (const [where, text] of Object.entries({ answers, stored, activity, log: rig.log(), sqliteFile })) {
        expect(text.includes(secret), `${where} contient un secret`).toBe(false);
      }
    }
    expect(stored).toMatch(/"db_password_sealed":"v1:/);
    expect(answers).toContain('********');
  });
});
