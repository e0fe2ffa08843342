import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupTestApp, type BackupTestApp } from '../test-support/backup';
import { ensurePrivateDirectory } from '../files/private-file';
import { manifestNameOf, type BackupManifest, type BackupTrigger } from './files';
import { expiredBackups } from './retention';

const now = new Date('2026-12-06T12:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

function manifest(daysAgo: number, trigger: BackupTrigger, index: number): BackupManifest {
  const at = new Date(now.getTime() - daysAgo * day);
  return {
    format: 1,
    filename: `backup_${at.toISOString().slice(0, 10).replaceAll('-', '')}_0200${String(index).padStart(2, '0')}.db.gz`,
    created_at: at.toISOString(),
    size_bytes: 10,
    sha256: 'a'.repeat(64),
    uncompressed_bytes: 20,
    description: '',
    trigger,
    created_by: null,
    schema_version: 6,
    schema_migration: null,
    relais_version: '0.1.0',
  };
}

/** Twelve daily automatic backups aged 5 to 60 days, plus old manual and safety ones. */
function history(): BackupManifest[] {
  const automatic = Array.from({ length: 12 }, (_, index) => manifest(5 * (index + 1), 'schedule', index));
  return [...automatic, manifest(90, 'manual', 20), manifest(120, 'safety', 21), manifest(1, 'manual', 22)];
}

describe('retention', () => {
  it('deletes the automatic backups older than the retention, beyond the newest ones it always keeps', () => {
    const expired = expiredBackups(history(), { retentionDays: 30, minKeep: 7 }, now);
    // Aged 35…60 days: beyond 30 days, and not among the 7 newest automatic ones (5…35 days).
    expect(expired.map((entry) => Math.round((now.getTime() - Date.parse(entry.created_at)) / day)).sort((a, b) => a - b)).toEqual([40, 45, 50, 55, 60]);
    expect(expired.every((entry) => entry.trigger === 'schedule')).toBe(true);
  });

  it('keeps the minimum even when every automatic backup is expired (a server stopped for months)', () => {
    const old = Array.from({ length: 10 }, (_, index) => manifest(200 + index, 'schedule', index));
    const expired = expiredBackups(old, { retentionDays: 30, minKeep: 7 }, now);
    expect(expired.map((entry) => entry.filename)).toEqual(old.slice(7).map((entry) => entry.filename));
  });

  it('never deletes manual or safety backups', () => {
    const expired = expiredBackups(history(), { retentionDays: 1, minKeep: 0 }, now);
    expect(expired).toHaveLength(12);
    expect(expired.some((entry) => entry.trigger !== 'schedule')).toBe(false);
  });
});

describe('cleanup in the backup folder', () => {
  let relais: BackupTestApp;
  afterEach(() => relais.dispose());

  it('deletes exactly the expired automatic backups, both files of each', async () => {
    relais = backupTestApp();
    ensurePrivateDirectory(relais.backupDir);
    const all = history();
    for (const entry of all) {
      writeFileSync(join(relais.backupDir, entry.filename), 'gz');
      writeFileSync(join(relais.backupDir, manifestNameOf(entry.filename)), JSON.stringify(entry));
    }
    const expected = expiredBackups(all, { retentionDays: 30, minKeep: 7 }, new Date()).map((entry) => entry.filename);
    expect(expected.length).toBeGreaterThan(0);
    const deleted = await relais.backups.cleanup({ retentionDays: 30 });
    expect(deleted.sort()).toEqual(expected.sort());
    const left = readdirSync(relais.backupDir);
    for (const entry of all) {
      const gone = expected.includes(entry.filename);
      expect(left.includes(entry.filename), entry.filename).toBe(!gone);
      expect(left.includes(manifestNameOf(entry.filename)), entry.filename).toBe(!gone);
    }
  });

  it('the automatic run (the scheduled job) takes a backup, then applies retention counting it among the newest', async () => {
    relais = backupTestApp({ retention: { retentionDays: 30, minKeep: 3 } });
    ensurePrivateDirectory(relais.backupDir);
    const old = Array.from({ length: 5 }, (_, index) => manifest(40 + index, 'schedule', index));
    for (const entry of old) {
      writeFileSync(join(relais.backupDir, entry.filename), 'gz');
      writeFileSync(join(relais.backupDir, manifestNameOf(entry.filename)), JSON.stringify(entry));
    }
    const steps: string[] = [];
    const { backup, deleted } = await relais.backups.runAutomatic({ progress: ({ label }) => steps.push(label) });
    expect(backup.manifest).toMatchObject({ trigger: 'schedule', description: 'Sauvegarde automatique', created_by: null });
    expect(steps).toContain('compression');
    // Kept: the new one and the 2 newest old ones (3 in all); the 3 oldest go.
    expect(deleted.sort()).toEqual(old.slice(2).map((entry) => entry.filename).sort());
    expect((await relais.backups.list()).map((entry) => entry.manifest.filename)).toEqual([backup.manifest.filename, old[0]!.filename, old[1]!.filename]);
  });
});
