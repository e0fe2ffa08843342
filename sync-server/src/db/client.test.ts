import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './client';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

let dir: string;
let umask: number;
const opened: Db[] = [];

beforeEach(() => {
  umask = process.umask(0o022);
  dir = mkdtempSync(join(tmpdir(), 'relais-db-'));
});

afterEach(() => {
  for (const db of opened.splice(0)) {
    db.$client.close();
  }
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

function open(path: string, logger?: pino.Logger): Db {
  const db = logger ? openDatabase(path, { logger }) : openDatabase(path);
  opened.push(db);
  return db;
}

/** Something written, so SQLite has created the WAL and the shared-memory index. */
function write(db: Db): void {
  db.$client.exec('CREATE TABLE IF NOT EXISTS probe (n INTEGER); INSERT INTO probe VALUES (1)');
}

describe.skipIf(process.platform === 'win32')('the SQLite files', () => {
  it('are private from the start: folder 0700, database, WAL and index 0600 under a umask of 022', () => {
    const path = join(dir, 'data', 'relais.db');
    const db = open(path);
    write(db);
    expect(modeOf(join(dir, 'data'))).toBe(0o700);
    expect(modeOf(path)).toBe(0o600);
    // Created by SQLite itself, with the database file's mode rather than the umask's 0644.
    expect(modeOf(`${path}-wal`)).toBe(0o600);
    expect(modeOf(`${path}-shm`)).toBe(0o600);
  });

  it('tightens files an earlier run left readable by others, and logs each one', () => {
    const path = join(dir, 'relais.db');
    // A first connection keeps the WAL and its index on disk, as a crashed server would leave them.
    write(open(path));
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      chmodSync(file, 0o644);
    }
    const lines: { level: number; file: string; previous_mode: string; msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as (typeof lines)[number]) });
    write(open(path, logger));
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(modeOf(file)).toBe(0o600);
    }
    expect(lines.map(({ level, file, previous_mode }) => ({ level, file, previous_mode }))).toEqual(
      [path, `${path}-wal`, `${path}-shm`].map((file) => ({ level: 40, file, previous_mode: '0644' })),
    );
    expect(lines[0]?.msg).toContain('0600');
  });
});

describe('an opened database', () => {
  it('is in WAL mode and syncs every commit (synchronous = FULL): an acknowledged write survives a power cut', () => {
    const db = open(join(dir, 'relais.db'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL (1 = NORMAL, which may lose the last commits on a power cut in WAL mode).
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2);
  });
});
