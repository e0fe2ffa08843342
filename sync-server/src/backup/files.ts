import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { z } from 'zod';
import { ApiError } from '../http/errors';

/**
 * A backup is two files in the backup folder: `backup_YYYYMMDD_HHMMSS.db.gz` (TomatoPlan's names,
 * compressed) and its manifest `backup_YYYYMMDD_HHMMSS.json`. The manifest is written last: a
 * backup is listed only once both are complete. `-2`, `-3`… follow a name already taken that second.
 */
export const backupNamePattern = /^backup_\d{8}_\d{6}(?:-\d{1,3})?\.db\.gz$/;

/** Every file the service writes starts as one of these in the backup folder, then is linked into place. */
export const tempPrefix = '.tmp-';

/**
 * Why a backup was taken. `schedule`: the automatic backup, the only kind retention deletes;
 * `manual`: asked by a person (route or CLI); `safety`: taken by a restore just before it swaps the
 * database, the way back from that restore.
 */
export const backupTriggers = ['manual', 'schedule', 'safety'] as const;
export type BackupTrigger = (typeof backupTriggers)[number];

export const manifestSchema = z.object({
  format: z.literal(1),
  filename: z.string().regex(backupNamePattern),
  created_at: z.string(),
  /** Of the compressed file. */
  size_bytes: z.number().int().min(0),
  /** SHA-256 (hex) of the compressed file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Of the database file inside. */
  uncompressed_bytes: z.number().int().min(0),
  description: z.string(),
  trigger: z.enum(backupTriggers),
  created_by: z.string().nullable(),
  /** How many drizzle migrations the database had, and the last one's tag. */
  schema_version: z.number().int().min(0),
  schema_migration: z.string().nullable(),
  relais_version: z.string(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupEntry {
  manifest: BackupManifest;
  path: string;
  manifestPath: string;
}

/** The progress of a long operation, as the job scheduler shows it. */
export interface BackupProgress {
  done: number;
  total: number;
  label: string;
}

export type ProgressCallback = (progress: BackupProgress) => void;

/** Why a backup operation refused or failed; `reason` is the code the routes and the CLI report. */
export type BackupFailure =
  | 'invalid_name'
  | 'not_found'
  | 'busy'
  | 'truncated'
  | 'checksum'
  | 'corrupt'
  | 'integrity'
  | 'newer_schema'
  | 'foreign'
  | 'aborted'
  | 'failed';

const failureCodes = {
  invalid_name: 'BAD_REQUEST',
  not_found: 'NOT_FOUND',
  busy: 'CONFLICT',
  truncated: 'BAD_REQUEST',
  checksum: 'BAD_REQUEST',
  corrupt: 'BAD_REQUEST',
  integrity: 'BAD_REQUEST',
  newer_schema: 'BAD_REQUEST',
  foreign: 'BAD_REQUEST',
  aborted: 'CONFLICT',
  failed: 'INTERNAL',
} as const satisfies Record<BackupFailure, string>;

/** A refusal with a French message; the routes answer it with its status and `detail`. */
export function backupFailure(reason: BackupFailure, message: string): ApiError {
  return new ApiError(failureCodes[reason], message, { reason });
}

export function reasonOf(error: unknown): BackupFailure | undefined {
  if (error instanceof ApiError && typeof error.details === 'object' && error.details !== null && 'reason' in error.details) {
    return (error.details as { reason: BackupFailure }).reason;
  }
  return undefined;
}

export function manifestNameOf(name: string): string {
  return name.replace(/\.db\.gz$/, '.json');
}

/** Flushes a file (or a folder's entries) to disk, so a rename or link that follows is durable. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function removeQuietly(...paths: string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true })));
}

/** Hashes (SHA-256) and counts what flows through, unchanged. */
export function hashingTap(): { tap: Transform; digest: () => { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  return { tap, digest: () => ({ sha256: hash.digest('hex'), bytes }) };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** A regular file (never a symlink, which could point outside the folder). */
async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

async function readEntry(dir: string, name: string): Promise<BackupEntry | undefined> {
  const path = join(dir, name);
  const manifestPath = join(dir, manifestNameOf(name));
  if (!(await isRegularFile(path)) || !(await isRegularFile(manifestPath))) {
    return undefined;
  }
  try {
    const manifest = manifestSchema.parse(JSON.parse(await readFile(manifestPath, 'utf8')));
    return manifest.filename === name ? { manifest, path, manifestPath } : undefined;
  } catch {
    return undefined;
  }
}

/** The complete backups of the folder, newest first; an absent folder has none. */
export async function listBackups(dir: string): Promise<BackupEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  const entries = await Promise.all(names.filter((name) => backupNamePattern.test(name)).map((name) => readEntry(dir, name)));
  return entries
    .filter((entry): entry is BackupEntry => entry !== undefined)
    .sort((a, b) => b.manifest.created_at.localeCompare(a.manifest.created_at) || b.manifest.filename.localeCompare(a.manifest.filename));
}

/**
 * The listed backup of that name, or a refusal: a name that is not a backup name (a path, `..`,
 * an encoded separator, an absolute path) before anything is read, then a name absent from the
 * listing (a symlink is never listed).
 */
export async function findBackup(dir: string, name: string): Promise<BackupEntry> {
  if (!backupNamePattern.test(name)) {
    throw backupFailure('invalid_name', `Nom de sauvegarde invalide : « ${name.slice(0, 80)} » (attendu : backup_AAAAMMJJ_HHMMSS.db.gz).`);
  }
  const entry = (await listBackups(dir)).find((candidate) => candidate.manifest.filename === name);
  if (!entry) {
    throw backupFailure('not_found', `Sauvegarde introuvable : ${name}.`);
  }
  return entry;
}

/** Temporary files of operations interrupted long ago (a crash, a kill): removed before a new one. */
export async function sweepStaleTempFiles(dir: string, now: number, maxAgeMs = 60 * 60 * 1000): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names.filter((candidate) => candidate.startsWith(tempPrefix))) {
    const path = join(dir, name);
    try {
      if (now - (await stat(path)).mtimeMs > maxAgeMs) {
        await rm(path, { force: true });
      }
    } catch {
      // Removed meanwhile by its own operation.
    }
  }
}
