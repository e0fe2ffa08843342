import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { collectionNames } from '@relais/schema';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { createApp, type RelaisApp } from '../app';
import { sha256OfFile, type BackupEntry, type BackupManifest } from '../backup/files';
import { createAuthService } from '../auth/service';
import { defaultAuthSettings } from '../auth/settings';
import { openDatabase, type Db } from '../db/client';

export interface BackupTestApp extends RelaisApp {
  db: Db;
  dir: string;
  backupDir: string;
  backups: NonNullable<RelaisApp['backups']>;
  dispose(): void;
}

/** The whole app on a database file in a temporary folder, backups beside it, cheap password hashes. */
export function backupTestApp({ retention = { retentionDays: 30, minKeep: 7 }, pagesPerStep }: { retention?: { retentionDays: number; minKeep: number }; pagesPerStep?: number } = {}): BackupTestApp {
  const dir = mkdtempSync(join(tmpdir(), 'relais-backup-'));
  const db = openDatabase(join(dir, 'relais.db'));
  const logger = pino({ level: 'silent' });
  const auth = createAuthService({ db, logger, settings: defaultAuthSettings({ passwordHashCost: 10 }) });
  const backupDir = join(dir, 'backups');
  const relais = createApp({ db, logger, auth, backups: { dir: backupDir, retention, ...(pagesPerStep === undefined ? {} : { pagesPerStep }) } });
  if (!relais.backups) {
    throw new Error('service de sauvegarde absent');
  }
  return {
    ...relais,
    backups: relais.backups,
    db,
    dir,
    backupDir,
    dispose: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table (SQLite's own included), in a stable order: "the database did not change". */
export function dumpDatabase(sqlite: Database.Database): string {
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
  return JSON.stringify(tables.map((table) => [table, sqlite.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all()]));
}

/** The documents every collection holds (tombstones left out), as replication serves them. */
export function liveDocuments(relais: Pick<RelaisApp, 'store'>): Record<string, unknown[]> {
  return Object.fromEntries(
    collectionNames.map((name) => [
      name,
      relais.store
        .pull(name, { seq: 0 }, 5000)
        .documents.filter((doc) => doc['_deleted'] !== true)
        .sort((a, b) => String(a['id']).localeCompare(String(b['id']))),
    ]),
  );
}

async function gunzipTo(source: string, target: string): Promise<void> {
  await pipeline(createReadStream(source), createGunzip(), createWriteStream(target));
}

/**
 * Opens the database inside a backup, lets `mutate` change it, and writes it back with a manifest
 * that matches again (size, SHA-256): only the check the test aims at can fail.
 */
export async function rewriteBackup(entry: BackupEntry, mutate: (sqlite: Database.Database) => void): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'relais-rewrite-'));
  try {
    const raw = join(work, 'copy.db');
    await gunzipTo(entry.path, raw);
    const sqlite = new Database(raw);
    mutate(sqlite);
    sqlite.close();
    await replaceBackupContent(entry, readFileSync(raw));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Puts these bytes (compressed) in the backup and makes its manifest agree with them. */
export async function replaceBackupContent(entry: BackupEntry, content: Buffer): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'relais-rewrite-'));
  try {
    const raw = join(work, 'raw');
    writeFileSync(raw, content);
    await pipeline(createReadStream(raw), createGzip(), createWriteStream(entry.path));
    const manifest: BackupManifest = {
      ...entry.manifest,
      size_bytes: statSync(entry.path).size,
      sha256: await sha256OfFile(entry.path),
      uncompressed_bytes: content.length,
    };
    writeFileSync(entry.manifestPath, JSON.stringify(manifest));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The database inside a backup, decompressed into a temporary file the caller removes. */
export async function openBackup(entry: BackupEntry): Promise<{ sqlite: Database.Database; close(): void }> {
  const work = mkdtempSync(join(tmpdir(), 'relais-open-'));
  const raw = join(work, 'copy.db');
  await gunzipTo(entry.path, raw);
  const sqlite = new Database(raw, { readonly: true });
  return {
    sqlite,
    close: () => {
      sqlite.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
