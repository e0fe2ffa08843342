import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../../db/client';
import { createReplicationEvents } from '../../replication/events';
import { createReplicationStore, type ReplicationStore } from '../../replication/store';
import { storeImportTarget, type ImportTarget } from './apply';

/** The messy `_data` folder and CSV files the import tests read (tests/fixtures). */
export const pttFixture = fileURLToPath(new URL('../../../../tests/fixtures/ptt-data', import.meta.url));
export const csvFixtures = fileURLToPath(new URL('../../../../tests/fixtures/csv', import.meta.url));

export interface ImportBench {
  db: Db;
  store: ReplicationStore;
  target: ImportTarget;
}

/** A real SQLite database (in memory) with the server's store, as `relais import` uses it. */
export function importBench(): ImportBench {
  const db = openDatabase(':memory:');
  const store = createReplicationStore(db, createReplicationEvents());
  return { db, store, target: storeImportTarget(store, db.$client, 'import') };
}

/** A writable copy of the PTT fixture folder, for tests that edit a file. */
export function copyOfPttFixture(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'relais-ptt-')), '_data');
  cpSync(pttFixture, folder, { recursive: true });
  return folder;
}

export function countRows(db: Db, collection: string): number {
  return db.$client.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM "${collection}"`).get()?.n ?? 0;
}
