import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePrivateDirectory } from '../files/private-file';
import { backupTestApp, type BackupTestApp } from '../test-support/backup';
import { manifestNameOf, type BackupManifest } from './files';
import { autoBackupJobName } from './job';

const day = 24 * 60 * 60 * 1000;

function oldAutomaticBackup(daysAgo: number, index: number): BackupManifest {
  const at = new Date(Date.now() - daysAgo * day);
  return {
    format: 1,
    filename: `backup_${at.toISOString().slice(0, 10).replaceAll('-', '')}_0200${String(index).padStart(2, '0')}.db.gz`,
    created_at: at.toISOString(),
    size_bytes: 10,
    sha256: 'a'.repeat(64),
    uncompressed_bytes: 20,
    description: 'Sauvegarde automatique',
    trigger: 'schedule',
    created_by: null,
    schema_version: 8,
    schema_migration: null,
    relais_version: '0.1.0',
  };
}

let relais: BackupTestApp | undefined;
afterEach(() => {
  relais?.dispose();
  relais = undefined;
});

describe('the automatic backup job', () => {
  it('is registered on the scheduler at 02:00 by default, and a run makes a backup then applies the retention read at run time', async () => {
    relais = backupTestApp();
    const app = relais;
    expect(app.scheduler.job(autoBackupJobName)).toMatchObject({ name: 'backup', schedule: '0 2 * * *' });
    ensurePrivateDirectory(app.backupDir);
    const old = [40, 50, 60].map((daysAgo, index) => oldAutomaticBackup(daysAgo, index));
    for (const entry of old) {
      writeFileSync(join(app.backupDir, entry.filename), 'x');
      writeFileSync(join(app.backupDir, manifestNameOf(entry.filename)), JSON.stringify(entry));
    }
    // An administrator shortens the retention while the server runs; the minimum kept stays 7 by default.
    app.runtime.update({ backup_retention_days: 45 }, 'ADMIN');
    const run = await app.scheduler.run(autoBackupJobName, { trigger: 'manual', actor: 'ADMIN' }).finished;
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ created: 1 });
    const listed = (await app.backups.list()).map((entry) => entry.manifest);
    expect(listed).toHaveLength(4);
    expect(listed[0]).toMatchObject({ trigger: 'schedule', description: 'Sauvegarde automatique', created_by: 'ADMIN' });
    expect(run.result).toMatchObject({ backup_file: listed[0]?.filename, retention_days: 45, deleted: [] });
    expect(run.log_excerpt.join('\n')).toContain(`Sauvegarde ${listed[0]?.filename ?? ''} créée`);
  });

  it('deletes the expired automatic backups beyond the minimum kept, and counts them', async () => {
    relais = backupTestApp();
    const app = relais;
    app.runtime.update({ backup_retention_days: 45 }, 'ADMIN');
    ensurePrivateDirectory(app.backupDir);
    // Eight old automatic backups: with the new one, nine; the two oldest beyond 45 days go, seven stay.
    const old = [10, 20, 30, 40, 50, 60, 70, 80].map((daysAgo, index) => oldAutomaticBackup(daysAgo, index));
    for (const entry of old) {
      writeFileSync(join(app.backupDir, entry.filename), 'x');
      writeFileSync(join(app.backupDir, manifestNameOf(entry.filename)), JSON.stringify(entry));
    }
    const run = await app.scheduler.run(autoBackupJobName, { trigger: 'manual', actor: null }).finished;
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ created: 1, deleted: 2 });
    expect((run.result as { deleted: string[] }).deleted.sort()).toEqual([old[6]?.filename, old[7]?.filename].sort());
    expect(await app.backups.list()).toHaveLength(7);
  });
});
