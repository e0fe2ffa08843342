import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WmsConnection } from '../../../sync-server/src/connectors/wms/connections';
import { startTestSshd, type TestSshd } from '../../fixtures/sshd/sshd';
import { wmsDbUser } from '../../fixtures/wms/mariadb';

export interface WmsRig {
  sshd: TestSshd;
  backupDir: string;
  connection(overrides?: Partial<WmsConnection>): WmsConnection;
  dispose(): Promise<void>;
}

/** A real sshd in front of this machine's MariaDB, and a WMS connection to it (key authentication, host key pinned). */
export async function startWmsRig(database: string): Promise<WmsRig> {
  const sshd = await startTestSshd();
  const backupDir = mkdtempSync(join(tmpdir(), 'relais-wms-backups-'));
  const at = new Date().toISOString();
  return {
    sshd,
    backupDir,
    connection: (overrides = {}) => ({
      id: 1,
      name: 'WMS Entrepôt',
      ssh_host: sshd.host,
      ssh_port: sshd.port,
      ssh_user: sshd.username,
      ssh_auth: 'key',
      ssh_secret: sshd.privateKey,
      ssh_passphrase: null,
      host_fingerprint: sshd.fingerprint,
      db_host: '127.0.0.1',
      db_port: 3306,
      db_user: wmsDbUser.user,
      db_password: wmsDbUser.password,
      db_name: database,
      tables: ['expedition', 'reception'],
      backup_dir: backupDir,
      remote_temp_dir: sshd.remoteTempDir,
      backup_schedule: 'off',
      restore_test_schedule: 'off',
      keep_daily: 7,
      keep_weekly: 4,
      keep_monthly: 6,
      created_at: at,
      updated_at: at,
      ...overrides,
    }),
    async dispose() {
      await sshd.stop();
      rmSync(backupDir, { recursive: true, force: true });
    },
  };
}
