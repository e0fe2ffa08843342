import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSshd, type TestSshd } from '../fixtures/sshd/sshd';
import { createWmsDatabase, dropWmsDatabase, wmsDbUser } from '../fixtures/wms/mariadb';
import { serverCli } from '../support/server';

const database = 'ntl_wms_cli';

function relais(args: string[], env: Record<string, string>, cwd: string, input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [serverCli, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('relais wms (built command line)', () => {
  let sshd: TestSshd;
  let dir: string;
  let env: Record<string, string>;
  const run = (args: string[], input?: string) => relais(['wms', ...args], env, dir, input);

  beforeAll(async () => {
    [sshd] = await Promise.all([startTestSshd(), createWmsDatabase(database, { expeditions: 300, receptions: 50 })]);
    dir = mkdtempSync(join(tmpdir(), 'relais-wms-cli-'));
    env = { RELAIS_DATABASE_PATH: join(dir, 'data', 'relais.db'), RELAIS_LOG_FILE: '', RELAIS_LOG_LEVEL: 'debug' };
  });

  afterAll(async () => {
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
    await dropWmsDatabase('ntl_wms_cli_copy');
    await dropWmsDatabase(database);
  });

  it('imports the old Configuration.json, pins the host key, tests, backs up, exports and refuses a wrong confirmation', async () => {
    const password = sshd.password;
    if (!password) {
      return; // The old file holds an SSH password: only sshd running as root checks passwords.
    }
    writeFileSync(
      join(dir, 'Configuration.json'),
      JSON.stringify({
        ssh: { host: sshd.host, port: sshd.port, user: sshd.username, pass: password },
        db: { user: wmsDbUser.user, pass: wmsDbUser.password, name: database },
        paths: { local_backup_dir: './backups' },
      }),
    );
    const imported = await run(['import-config', 'Configuration.json', '--name', 'Entrepôt']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/relais wms fingerprint --connection "Entrepôt" --pin/);

    const unpinned = await run(['test']);
    expect(unpinned.code).toBe(1);
    expect(unpinned.stdout).toMatch(/ÉCHEC host_key/);

    const pinned = await run(['fingerprint', '--pin']);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(pinned.stdout).toContain(sshd.fingerprint);

    const tested = await run(['test', '--connection', 'Entrepôt']);
    expect(tested.code, tested.stdout).toBe(0);

    const backup = await run(['backup']);
    expect(backup.code, backup.stderr).toBe(0);
    const [file] = readdirSync(join(dir, 'backups', 'Entrepot')).filter((name) => name.endsWith('.sql.gz'));
    expect(file).toMatch(/^ntl_wms_cli_\d{8}-\d{6}\.sql\.gz$/);

    const exported = await run(['export', 'reception', '--output', 'reception.csv', '--separator', ',', '--format', 'iso']);
    expect(exported.code, exported.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'reception.csv'), 'utf8');
    expect(csv.startsWith('\ufeffid,bon,fournisseur,quantite,date_reception,photo,remarques\r\n')).toBe(true);
    expect(csv).toContain('2025-12-02');

    const refused = await run(['restore', file ?? '', '--target', 'ntl_wms_cli_copy', '--confirm', 'ntl_wms']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Confirmation refusée/);
    expect((await run(['restore', file ?? ''])).code).toBe(2);

    // The menu, as the old tool's: 4 (test), then 0 (quit).
    const menu = await run([], '4\n0\n');
    expect(menu.code, menu.stderr).toBe(0);
    expect(menu.stdout).toMatch(/Tester la connexion/);
    expect(menu.stdout).toMatch(/OK {4}database/);

    const stored = readFileSync(env['RELAIS_DATABASE_PATH'] ?? '').toString('latin1');
    for (const secret of [password, wmsDbUser.password]) {
      expect(stored.includes(secret)).toBe(false);
      expect(`${imported.stdout}${backup.stdout}${menu.stdout}`.includes(secret)).toBe(false);
    }
  });
});
