import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

const identityKey = 'database_id';

/** A fresh identity: another database as far as replication checkpoints are concerned. */
export function newDatabaseIdentity(): string {
  return randomUUID();
}

/** Gives the database its identity on first open; an existing one is kept. */
export function ensureDatabaseIdentity(sqlite: Database.Database): string {
  sqlite.prepare('INSERT OR IGNORE INTO server_meta (key, value) VALUES (?, ?)').run(identityKey, newDatabaseIdentity());
  return databaseIdentityReader(sqlite)();
}

/** Reads the identity each time it is called (a restore, even by another process, changes it). */
export function databaseIdentityReader(sqlite: Database.Database): () => string {
  const read = sqlite.prepare<[string], { value: string }>('SELECT value FROM server_meta WHERE key = ?');
  return () => {
    const row = read.get(identityKey);
    if (!row) {
      throw new Error('server_meta.database_id absent : base non ouverte par openDatabase');
    }
    return row.value;
  };
}

/** Sets a new identity (inside the restore's transaction). */
export function replaceDatabaseIdentity(sqlite: Database.Database, identity: string): void {
  sqlite
    .prepare('INSERT INTO server_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(identityKey, identity);
}
