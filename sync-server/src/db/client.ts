import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ensureDatabaseIdentity } from './identity';
import * as tables from './tables';

export type Db = BetterSQLite3Database<typeof tables> & { $client: Database.Database };

/** The committed drizzle migrations: beside the sources in dev, copied beside the bundle in dist. */
export function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../drizzle'), resolve(here, '../../drizzle')];
  return candidates.find((folder) => existsSync(resolve(folder, 'meta/_journal.json'))) ?? resolve(here, '../drizzle');
}

/** Opens the SQLite file (WAL mode), applies pending migrations and gives a new database its identity. `:memory:` works for tests. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema: tables });
  migrate(db, { migrationsFolder: migrationsFolder() });
  ensureDatabaseIdentity(sqlite);
  return db;
}
