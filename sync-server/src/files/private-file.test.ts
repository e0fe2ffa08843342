import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDirectory, ensurePrivateFile, tightenFileMode } from './private-file';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

let dir: string;
let umask: number;

beforeEach(() => {
  // The usual umask, which leaves new files readable by everyone (0644).
  umask = process.umask(0o022);
  dir = mkdtempSync(join(tmpdir(), 'relais-private-'));
});

afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('private files', () => {
  it('creates missing folders 0700 and leaves an existing folder as it is', () => {
    mkdirSync(join(dir, 'shared'), { mode: 0o755 });
    ensurePrivateDirectory(join(dir, 'shared', 'data', 'relais'));
    expect(modeOf(join(dir, 'shared', 'data'))).toBe(0o700);
    expect(modeOf(join(dir, 'shared', 'data', 'relais'))).toBe(0o700);
    expect(modeOf(join(dir, 'shared'))).toBe(0o755);
  });

  it('creates a new file empty with mode 0600 despite the umask', () => {
    const path = join(dir, 'backup.db');
    expect(ensurePrivateFile(path)).toBeUndefined();
    expect(modeOf(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  it('tightens an existing file that others may read, keeps its content and says what it was', () => {
    const path = join(dir, 'server.log');
    writeFileSync(path, 'ligne existante\n');
    chmodSync(path, 0o644);
    expect(ensurePrivateFile(path)).toEqual({ path, previousMode: '0644' });
    expect(modeOf(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('ligne existante\n');
    // Already private: nothing to report.
    expect(ensurePrivateFile(path)).toBeUndefined();
    chmodSync(path, 0o620);
    expect(tightenFileMode(path)).toEqual({ path, previousMode: '0620' });
    expect(modeOf(path)).toBe(0o600);
  });

  it('does not create a missing file when only tightening', () => {
    const path = join(dir, 'relais.db-wal');
    expect(tightenFileMode(path)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
  });
});
