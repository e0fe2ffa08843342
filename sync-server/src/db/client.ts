import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ensurePrivateDirectory, ensurePrivateFile, tightenFileMode, type TightenedFile } from '../files/private-file';
import type { Logger } from '../logger';
import { ensureDatabaseIdentity } from './identity';
import * as tables from './tables';

export type Db = BetterSQLite3Database<typeof tables> & { $client: Database.Database };

/** The committed drizzle migrations: beside the sources in dev, copied beside the bundle in dist. */
export function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../drizzle'), resolve(here, '../../drizzle')];
  return candidates.find((folder) => existsSync(resolve(folder, 'meta/_journal.json'))) ?? resolve(here, '../drizzle');
}

/**
 * Makes the database private before SQLite opens it: its folder 0700 when created here, the file 0600.
 * SQLite gives the `-wal` and `-shm` files it creates the database file's mode (unix VFS), so they are
 * private too; ones left too open by an earlier run (a crash keeps them) are tightened here.
 */
function makeDatabaseFilesPrivate(path: string): TightenedFile[] {
  ensurePrivateDirectory(dirname(path));
  return [ensurePrivateFile(path), tightenFileMode(`${path}-wal`), tightenFileMode(`${path}-shm`), tightenFileMode(`${path}-journal`)].filter(
    (tightened): tightened is TightenedFile => tightened !== undefined,
  );
}

export interface OpenDatabaseOptions {
  /** Told when an existing file of the database was readable by others and has been made private. */
  logger?: Logger;
}

/**
 * Opens the SQLite file (WAL mode), applies pending migrations and gives a new database its
 * identity. `:memory:` works for tests.
 * Every process writing the file (server, `relais demo`, imports, user commands) opens it here.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') {
    for (const { path: file, previousMode } of makeDatabaseFilesPrivate(path)) {
      options.logger?.warn({ file, previous_mode: previousMode }, 'fichier de la base accessible à d’autres comptes : droits restreints au propriétaire (0600)');
    }
  }
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // A write is acknowledged to a client only after its commit; FULL syncs the WAL at every commit, so an
  // acknowledged write survives a power cut (NORMAL may lose the last ones). Cost: bench/synchronous.bench.ts.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema: tables });
  migrate(db, { migrationsFolder: migrationsFolder() });
  ensureDatabaseIdentity(sqlite);
  return db;
}
