import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { newDatabaseIdentity, replaceDatabaseIdentity } from '../db/identity';
import { ensurePrivateDirectory, ensurePrivateFile, privateFileMode } from '../files/private-file';
import { version } from '../version';
import {
  backupFailure,
  hashingTap,
  manifestNameOf,
  removeQuietly,
  sweepStaleTempFiles,
  syncPath,
  tempPrefix,
  type BackupEntry,
  type BackupManifest,
  type BackupTrigger,
  type ProgressCallback,
} from './files';
import { integrityProblems } from './integrity';
import { schemaVersionOf } from './schema';

export interface CreateBackupOptions {
  description: string;
  trigger: BackupTrigger;
  /** Who asked (a username), or null for the scheduler. */
  actor: string | null;
  signal?: AbortSignal | undefined;
  progress?: ProgressCallback | undefined;
  /**
   * Pages copied per step of the online backup; between steps the server serves requests (and
   * writes, which SQLite carries into the copy). Another process writing the database restarts the
   * copy: the CLI copies in one step, which holds only a read snapshot (WAL writers go on).
   */
  pagesPerStep?: number | undefined;
  now?: (() => Date) | undefined;
}

/** 1 024 pages of 4 KiB: a few milliseconds per step, so pushes wait little (see bench/backup.bench.ts). */
export const defaultPagesPerStep = 1024;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `backup_YYYYMMDD_HHMMSS` in the server's local time, as TomatoPlan named them. */
export function backupStem(at: Date): string {
  const date = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `backup_${date}_${time}`;
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Links the finished file under the first free name of that second (never overwrites a backup). */
async function claimName(dir: string, stem: string, tempGz: string): Promise<string> {
  for (let attempt = 1; attempt <= 999; attempt += 1) {
    const name = `${stem}${attempt === 1 ? '' : `-${attempt}`}.db.gz`;
    try {
      await link(tempGz, join(dir, name));
      return name;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
  }
  throw backupFailure('failed', `Trop de sauvegardes dans la même seconde (${stem}).`);
}

/**
 * Gives the raw copy an identity of its own (a copy put back by hand, server stopped, then makes the
 * clients pull everything again) and makes it a single self-contained file (rollback journal, no WAL).
 */
function sealCopy(path: string): { version: number; migration: string | null } {
  const copy = new Database(path);
  try {
    copy.pragma('journal_mode = DELETE');
    replaceDatabaseIdentity(copy, newDatabaseIdentity());
    return schemaVersionOf(copy);
  } finally {
    copy.close();
  }
}

/** Gzips the copy into `target` (created 0600), hashing and counting what is written. */
async function compress(source: string, target: string, options: Pick<CreateBackupOptions, 'signal' | 'progress'>): Promise<{ sha256: string; bytes: number }> {
  const total = (await stat(source)).size;
  const { tap, digest } = hashingTap();
  let read = 0;
  // Large chunks: fewer turns of the event loop, which the server shares with the requests.
  const input = createReadStream(source, { highWaterMark: 1 << 20 });
  input.on('data', (chunk) => {
    read += chunk.length;
    options.progress?.({ done: read, total, label: 'compression' });
  });
  await pipeline(
    input,
    // 1 MiB out per round trip to the thread pool, not zlib's 16 KiB: each round trip waits its turn behind the requests.
    createGzip({ level: constants.Z_BEST_SPEED, chunkSize: 1 << 20 }),
    tap,
    createWriteStream(target, { flags: 'wx', mode: privateFileMode }),
    options.signal ? { signal: options.signal } : {},
  );
  await syncPath(target);
  return digest();
}

/**
 * Takes an online backup of the open database while the server keeps serving: SQLite's backup API
 * copies the pages in steps into a private temporary file, the copy is checked, compressed and
 * hashed, then linked into place with its manifest written last. A failure or an abort leaves no
 * file behind and no listed backup.
 */
export async function createBackup(sqlite: Database.Database, dir: string, options: CreateBackupOptions): Promise<BackupEntry> {
  const now = options.now ?? (() => new Date());
  const { signal, progress } = options;
  ensurePrivateDirectory(dir);
  await sweepStaleTempFiles(dir, now().getTime());
  const temp = join(dir, `${tempPrefix}${randomUUID()}`);
  const tempDb = `${temp}.db`;
  const tempGz = `${temp}.db.gz`;
  const tempManifest = `${temp}.json`;
  const startedAt = now();
  let finalName: string | undefined;
  let manifestPath: string | undefined;
  try {
    // Created first, 0600: SQLite keeps the mode of an existing file (and gives it to its journal).
    ensurePrivateFile(tempDb);
    const pagesPerStep = options.pagesPerStep ?? defaultPagesPerStep;
    await sqlite.backup(tempDb, {
      progress: ({ totalPages, remainingPages }) => {
        if (aborted(signal)) {
          throw backupFailure('aborted', 'Sauvegarde interrompue.');
        }
        progress?.({ done: totalPages - remainingPages, total: totalPages, label: 'copie de la base' });
        return pagesPerStep;
      },
    });
    if (aborted(signal)) {
      throw backupFailure('aborted', 'Sauvegarde interrompue.');
    }
    progress?.({ done: 0, total: 1, label: "contrôle d'intégrité" });
    const schema = sealCopy(tempDb);
    const uncompressed = (await stat(tempDb)).size;
    // Both read the whole copy, on other threads (a worker, zlib's pool): side by side.
    const [problems, { sha256, bytes }] = await Promise.all([integrityProblems(tempDb), compress(tempDb, tempGz, { signal, progress })]);
    if (problems.length > 0) {
      throw backupFailure('integrity', `La copie ne passe pas le contrôle d'intégrité : ${problems.join(' ; ').slice(0, 300)}`);
    }
    finalName = await claimName(dir, backupStem(startedAt), tempGz);
    const manifest: BackupManifest = {
      format: 1,
      filename: finalName,
      created_at: startedAt.toISOString(),
      size_bytes: bytes,
      sha256,
      uncompressed_bytes: uncompressed,
      description: options.description,
      trigger: options.trigger,
      created_by: options.actor,
      schema_version: schema.version,
      schema_migration: schema.migration,
      relais_version: version,
    };
    await writeFile(tempManifest, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx', mode: privateFileMode });
    await syncPath(tempManifest);
    manifestPath = join(dir, manifestNameOf(finalName));
    await rename(tempManifest, manifestPath);
    await syncPath(dir);
    return { manifest, path: join(dir, finalName), manifestPath };
  } catch (error) {
    // Claimed names are given back: no half-written backup stays under a backup's name.
    await removeQuietly(...[manifestPath, finalName === undefined ? undefined : join(dir, finalName)].filter((path): path is string => path !== undefined));
    if (aborted(signal) || (error as Error).name === 'AbortError') {
      throw backupFailure('aborted', 'Sauvegarde interrompue.');
    }
    throw error;
  } finally {
    await removeQuietly(tempDb, `${tempDb}-journal`, `${tempDb}-wal`, `${tempDb}-shm`, tempGz, tempManifest);
  }
}
