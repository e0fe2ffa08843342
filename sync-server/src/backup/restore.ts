import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrationsFolder } from '../db/client';
import { privateFileMode } from '../files/private-file';
import { ApiError } from '../http/errors';
import { backupFailure, hashingTap, removeQuietly, sha256OfFile, tempPrefix, type BackupEntry, type ProgressCallback } from './files';
import { integrityProblems } from './integrity';
import { compareSchema, tableShapes } from './schema';

/** A verified copy of a backup, migrated to this build's schema, ready to be swapped in. */
export interface Candidate {
  path: string;
  discard(): Promise<void>;
}

/** Opens a file as SQLite and tells whether it is a readable database at all. */
function openCandidate(path: string): Database.Database {
  try {
    const sqlite = new Database(path, { fileMustExist: true });
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (error) {
    throw backupFailure('corrupt', `La sauvegarde ne contient pas une base SQLite lisible (${(error as Error).message}).`);
  }
}

/** A readable database whose pages are all sound: the costly scan runs in a worker thread. */
async function checkIntegrity(path: string, name: string): Promise<void> {
  const candidate = openCandidate(path);
  try {
    candidate.pragma('journal_mode = DELETE');
  } catch (error) {
    throw backupFailure('corrupt', `La sauvegarde ${name} est endommagée (${(error as Error).message}).`);
  } finally {
    candidate.close();
  }
  const problems = await integrityProblems(path);
  if (problems.length > 0) {
    throw backupFailure('integrity', `La sauvegarde ${name} ne passe pas le contrôle d'intégrité : ${problems.join(' ; ').slice(0, 300)}`);
  }
}

/**
 * Checks a listed backup without touching the live database: its size and SHA-256 against its
 * manifest, a complete gzip stream, SQLite's integrity check, a Relais schema this build knows
 * (an older one is migrated on the copy; a newer one is refused) and the same tables as the live
 * database. Returns the decompressed copy, in the backup folder.
 */
export async function verifyBackup(
  entry: BackupEntry,
  live: Database.Database,
  dir: string,
  { signal, progress }: { signal?: AbortSignal | undefined; progress?: ProgressCallback | undefined } = {},
): Promise<Candidate> {
  const { manifest } = entry;
  const name = manifest.filename;
  const size = (await stat(entry.path)).size;
  if (size !== manifest.size_bytes) {
    throw backupFailure(
      size < manifest.size_bytes ? 'truncated' : 'checksum',
      size < manifest.size_bytes
        ? `La sauvegarde ${name} est tronquée (${size} octets au lieu de ${manifest.size_bytes}).`
        : `La sauvegarde ${name} a été modifiée : sa taille ne correspond plus à son manifeste.`,
    );
  }
  const path = join(dir, `${tempPrefix}${randomUUID()}.restore.db`);
  const discard = (): Promise<void> => removeQuietly(path, `${path}-journal`, `${path}-wal`, `${path}-shm`);
  try {
    const { tap, digest } = hashingTap();
    let read = 0;
    const source = createReadStream(entry.path, { highWaterMark: 1 << 20 });
    source.on('data', (chunk) => {
      read += chunk.length;
      progress?.({ done: read, total: size, label: 'vérification de la sauvegarde' });
    });
    try {
      await pipeline(source, tap, createGunzip({ chunkSize: 1 << 20 }), createWriteStream(path, { flags: 'wx', mode: privateFileMode }), signal ? { signal } : {});
    } catch (error) {
      if (signal?.aborted) {
        throw backupFailure('aborted', 'Restauration interrompue avant de toucher à la base.');
      }
      // A bad byte anywhere shows first as a checksum mismatch, told before the gzip error.
      if ((await sha256OfFile(entry.path)) !== manifest.sha256) {
        throw backupFailure('checksum', `La somme de contrôle de ${name} ne correspond pas à son manifeste : fichier altéré.`);
      }
      throw backupFailure('corrupt', `L'archive ${name} est illisible (${(error as Error).message}).`);
    }
    const { sha256 } = digest();
    if (sha256 !== manifest.sha256) {
      throw backupFailure('checksum', `La somme de contrôle de ${name} ne correspond pas à son manifeste : fichier altéré.`);
    }
    if ((await stat(path)).size !== manifest.uncompressed_bytes) {
      throw backupFailure('truncated', `La base contenue dans ${name} n'a pas la taille annoncée par son manifeste.`);
    }
    progress?.({ done: 0, total: 1, label: "contrôle d'intégrité" });
    await checkIntegrity(path, name);
    if (signal?.aborted) {
      throw backupFailure('aborted', 'Restauration interrompue avant de toucher à la base.');
    }
    const candidate = openCandidate(path);
    try {
      checkCandidate(candidate, live, name);
    } catch (error) {
      if (error instanceof ApiError) {
        throw error;
      }
      throw backupFailure('corrupt', `La sauvegarde ${name} est endommagée (${(error as Error).message}).`);
    } finally {
      candidate.close();
    }
    return { path, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}

/** The checks made on the opened copy; SQLite errors on a damaged file surface as `corrupt`. */
function checkCandidate(candidate: Database.Database, live: Database.Database, name: string): void {
  const comparison = compareSchema(candidate);
  if (comparison === 'newer') {
    throw backupFailure('newer_schema', `La sauvegarde ${name} vient d'une version plus récente de Relais : mettez Relais à jour avant de la restaurer.`);
  }
  if (comparison === 'foreign') {
    throw backupFailure('foreign', `${name} n'est pas une sauvegarde d'une base Relais.`);
  }
  if (comparison === 'older') {
    candidate.pragma('journal_mode = DELETE');
    migrate(drizzle(candidate), { migrationsFolder: migrationsFolder() });
  }
  if ((candidate.pragma('foreign_key_check') as unknown[]).length > 0) {
    throw backupFailure('integrity', `La sauvegarde ${name} contient des références incohérentes entre tables.`);
  }
  const expected = tableShapes(live);
  const found = tableShapes(candidate);
  const same = expected.size === found.size && [...expected].every(([table, columns]) => found.get(table)?.join() === columns.join());
  if (!same) {
    throw backupFailure('foreign', `Les tables de ${name} ne correspondent pas à celles de cette version de Relais.`);
  }
}
