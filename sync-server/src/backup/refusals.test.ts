import { copyFileSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupTestApp, dumpDatabase, replaceBackupContent, rewriteBackup, type BackupTestApp } from '../test-support/backup';
import { missionDoc } from '../test-support/fixtures';
import type { BackupEntry } from './files';

let relais: BackupTestApp;
let entry: BackupEntry;

beforeEach(async () => {
  relais = backupTestApp();
  relais.store.push('missions', [{ newDocumentState: missionDoc({ destination: 'Avant' }) }], { actor: null, source: 'rest' });
  entry = await relais.backups.create({ description: 'cible', actor: null });
  relais.store.push('missions', [{ newDocumentState: missionDoc({ destination: 'Après' }) }], { actor: null, source: 'rest' });
});

afterEach(() => relais.dispose());

/** Restores `name`, expects the refusal, and checks nothing changed: live rows, identity, no safety backup. */
async function expectRefused(name: string, reason: string, code: string): Promise<void> {
  const before = dumpDatabase(relais.db.$client);
  const files = readdirSync(relais.backupDir).sort();
  await expect(relais.backups.restore(name, { actor: 'ADMIN' })).rejects.toMatchObject({ code, details: { reason } });
  expect(dumpDatabase(relais.db.$client)).toBe(before);
  expect(readdirSync(relais.backupDir).sort()).toEqual(files);
}

describe('a restore refuses, before touching live data,', () => {
  it('a truncated file', async () => {
    truncateSync(entry.path, entry.manifest.size_bytes - 20);
    await expectRefused(entry.manifest.filename, 'truncated', 'BAD_REQUEST');
  });

  it('a file whose bytes no longer match the checksum of its manifest', async () => {
    const bytes = readFileSync(entry.path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(entry.path, bytes);
    await expectRefused(entry.manifest.filename, 'checksum', 'BAD_REQUEST');
  });

  it('a manifest whose checksum is wrong', async () => {
    writeFileSync(entry.manifestPath, JSON.stringify({ ...entry.manifest, sha256: '0'.repeat(64) }));
    await expectRefused(entry.manifest.filename, 'checksum', 'BAD_REQUEST');
  });

  it('a database that fails the integrity check (checksum right)', async () => {
    const path = join(relais.dir, 'copy.db');
    await relais.db.$client.backup(path);
    const bytes = readFileSync(path);
    // Damages the pages of the missions table, past the schema page.
    const page = 4096;
    for (let offset = bytes.length - 3 * page; offset < bytes.length - page; offset += 7) {
      bytes[offset] = 0x5a;
    }
    await replaceBackupContent(entry, bytes);
    await expectRefused(entry.manifest.filename, 'integrity', 'BAD_REQUEST');
  });

  it('a file that is not an SQLite database (checksum right)', async () => {
    await replaceBackupContent(entry, Buffer.from('pas une base de données '.repeat(500)));
    await expectRefused(entry.manifest.filename, 'corrupt', 'BAD_REQUEST');
  });

  it('a backup from a newer Relais (a migration this build does not know)', async () => {
    await rewriteBackup(entry, (sqlite) => {
      sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 86_400_000);
    });
    await expectRefused(entry.manifest.filename, 'newer_schema', 'BAD_REQUEST');
  });

  it('a database that is not a Relais one', async () => {
    await rewriteBackup(entry, (sqlite) => sqlite.exec('DROP TABLE __drizzle_migrations'));
    await expectRefused(entry.manifest.filename, 'foreign', 'BAD_REQUEST');
  });

  for (const name of ['../x', '..%2fx', '%2e%2e%2f', '../backups/' + 'backup_20260101_020000.db.gz', '/etc/passwd', 'backup_20260101_020000.db.gz/../../relais.db', 'backup_20260101_020000.db', '.tmp-x.db.gz', 'backup_20260101_020000.db.gz\0']) {
    it(`a name that is not a backup name: ${JSON.stringify(name)}`, async () => {
      await expectRefused(name, 'invalid_name', 'BAD_REQUEST');
    });
  }

  it('the absolute path of a real backup', async () => {
    await expectRefused(entry.path, 'invalid_name', 'BAD_REQUEST');
  });

  it('a well-formed name that is not listed: absent, or a symlink to a real backup', async () => {
    await expectRefused('backup_20990101_000000.db.gz', 'not_found', 'NOT_FOUND');
    const linked = 'backup_20990101_000001.db.gz';
    symlinkSync(entry.path, join(relais.backupDir, linked));
    copyFileSync(entry.manifestPath, join(relais.backupDir, 'backup_20990101_000001.json'));
    writeFileSync(join(relais.backupDir, 'backup_20990101_000001.json'), JSON.stringify({ ...entry.manifest, filename: linked }));
    expect((await relais.backups.list()).map((listed) => listed.manifest.filename)).toEqual([entry.manifest.filename]);
    await expectRefused(linked, 'not_found', 'NOT_FOUND');
  });
});

describe('a restore of an older backup', () => {
  it('migrates the copy to the current schema first', async () => {
    // What the last migration that changes the schema creates (tables, columns): a backup taken
    // before it has none of them, nor the rows of the migrations after it (data only).
    const migrations = fileURLToPath(new URL('../../drizzle', import.meta.url));
    const journal = JSON.parse(readFileSync(join(migrations, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const changes = journal.entries.map(({ tag }) => {
      const sql = readFileSync(join(migrations, `${tag}.sql`), 'utf8');
      return {
        tag,
        created: [...sql.matchAll(/CREATE TABLE `([a-z_]+)`/g)].map((match) => match[1] ?? ''),
        added: [...sql.matchAll(/ALTER TABLE `([a-z_]+)` ADD `([a-z_]+)`/g)].map((match) => ({ table: match[1] ?? '', column: match[2] ?? '' })),
      };
    });
    const position = changes.findLastIndex((change) => change.created.length + change.added.length > 0);
    const { created, added } = changes[position] ?? { created: [], added: [] };
    expect(position, 'aucune migration ne crée de table ni de colonne : adaptez ce test').toBeGreaterThan(0);
    const undone = changes.length - position;
    await rewriteBackup(entry, (sqlite) => {
      for (const table of created.reverse()) {
        sqlite.exec(`DROP TABLE "${table}"`);
      }
      for (const { table, column } of added) {
        sqlite.exec(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
      }
      // Drizzle's `id` column is no rowid alias here (NULL): the rows are told apart by their time.
      sqlite.exec(`DELETE FROM __drizzle_migrations WHERE created_at IN (SELECT created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT ${undone})`);
    });
    await relais.backups.restore(entry.manifest.filename, { actor: null });
    const destinations = relais.store
      .pull('missions', { seq: 0 }, 10)
      .documents.filter((doc) => doc['_deleted'] !== true)
      .map((doc) => doc['destination']);
    expect(destinations).toEqual(['Avant']);
    expect(relais.store.databaseIdentity()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
