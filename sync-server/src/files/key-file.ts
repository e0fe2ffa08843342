import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDirectory, privateFileMode, tightenFileMode } from './private-file';

/**
 * A random key kept in a private file (0600, folder 0700) beside the database, created on first use:
 * `bytes` random bytes written as base64url. Another process creating it first wins: its key is read.
 * The folder's backups carry it, so what it protects stays readable after a restore.
 */
export function readOrCreateKeyFile(path: string, bytes: number): string {
  ensurePrivateDirectory(dirname(path));
  try {
    writeFileSync(path, randomBytes(bytes).toString('base64url'), { mode: privateFileMode, flag: 'wx' });
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
      throw error;
    }
  }
  tightenFileMode(path);
  return readFileSync(path, 'utf8').trim();
}
