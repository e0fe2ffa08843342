import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Files that hold the company's data or secrets (the database and its WAL, the signing key, the log
 * with usernames and addresses, backups) are readable by the account running Relais only.
 */
export const privateFileMode = 0o600;
export const privateDirectoryMode = 0o700;

/** A file whose mode was too open and has been tightened to 0600; its old mode, e.g. `0644`, for the log. */
export interface TightenedFile {
  path: string;
  previousMode: string;
}

// NTFS rights are ACLs: the POSIX mode Node reports there means nothing and chmod cannot restrict a reader.
const posixModes = process.platform !== 'win32';

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** Creates the folder and its missing parents with mode 0700; a folder that already exists is left as it is. */
export function ensurePrivateDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: privateDirectoryMode });
}

/**
 * Restricts an existing file to its owner (0600) when its group or others may read or write it;
 * returns what it changed, so the caller logs it. A missing file is not created.
 */
export function tightenFileMode(path: string): TightenedFile | undefined {
  if (!posixModes) {
    return undefined;
  }
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) {
      return undefined;
    }
    throw error;
  }
  if ((mode & 0o077) === 0) {
    return undefined;
  }
  chmodSync(path, privateFileMode);
  return { path, previousMode: octal(mode) };
}

/**
 * Makes `path` a file only its owner can read and write, before anything writes to it: created empty
 * with mode 0600 when absent (whatever the umask), otherwise its mode is tightened (see `tightenFileMode`).
 * Write into it afterwards: SQLite, a log stream or a backup keep the mode of the file they open.
 */
export function ensurePrivateFile(path: string): TightenedFile | undefined {
  try {
    // The mode given at creation can only be narrowed by the umask, never widened.
    closeSync(openSync(path, 'wx', privateFileMode));
    return undefined;
  } catch (error) {
    if (!isErrorCode(error, 'EEXIST')) {
      throw error;
    }
  }
  return tightenFileMode(path);
}
