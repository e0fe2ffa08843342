import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { Client } from 'ssh2';
import { ApiError } from '../../http/errors';
import { runWmsBackup, type Progress, WmsBackupError } from './backup';
import type { WmsConnection } from './connections';
import type { RestorePoint } from './files';
import { connectSsh, execScript, mysqlClientArgs, passwordInput, readPasswordPrologue, remoteMysql, shellQuote } from './ssh';

export interface TableCount {
  name: string;
  rows_now: number | null;
  rows_backup: number;
}

const identifierPattern = /^[A-Za-z0-9_$]{1,64}$/;

function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** Row counts of the manifest's tables in `database` now (null: no such table or database). */
async function countsNow(client: Client, connection: WmsConnection, point: RestorePoint, database: string): Promise<Map<string, number | null>> {
  const existing = await remoteMysql(client, connection, `SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${database}'`, null);
  const present = new Set(existing.map((row) => row[0]));
  const counts = new Map<string, number | null>();
  const tables = point.manifest.tables.filter((table) => present.has(table.name));
  if (tables.length > 0) {
    const sql = tables.map((table) => `SELECT '${table.name}', COUNT(*) FROM ${quoteIdentifier(database)}.${quoteIdentifier(table.name)}`).join(' UNION ALL ');
    for (const [name, count] of await remoteMysql(client, connection, sql, null)) {
      counts.set(name ?? '', Number(count));
    }
  }
  for (const table of point.manifest.tables) {
    if (!counts.has(table.name)) {
      counts.set(table.name, null);
    }
  }
  return counts;
}

/** What a restore would replace: each table of the backup, its rows now and in the backup. */
export async function previewRestore(connection: WmsConnection, point: RestorePoint, database = connection.db_name): Promise<TableCount[]> {
  const client = await connectSsh(connection);
  try {
    const now = await countsNow(client, connection, point, database);
    return point.manifest.tables.map((table) => ({ name: table.name, rows_now: now.get(table.name) ?? null, rows_backup: table.rows }));
  } finally {
    client.end();
  }
}

async function localSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(
    createReadStream(path),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback();
      },
    }),
  );
  return hash.digest('hex');
}

function upload(client: Client, local: string, remote: string, total: number, progress?: Progress): Promise<void> {
  return new Promise((resolve, reject) => {
    client.sftp((error, sftp) => {
      if (error) {
        reject(new WmsBackupError(`SFTP indisponible : ${error.message}`));
        return;
      }
      sftp.fastPut(local, remote, { mode: 0o600, step: (done) => progress?.({ done, total, label: 'Envoi SFTP' }) }, (putError) => {
        sftp.end();
        if (putError) {
          reject(new WmsBackupError(`Envoi SFTP en échec : ${putError.message}`));
        } else {
          resolve();
        }
      });
    });
  });
}

export interface RestoreOptions {
  /** The database name typed by the administrator: must be the target's, exactly. */
  confirm: string;
  /** Another database to restore into (created if absent); the connection's own by default. */
  target?: string;
  actor: string | null;
  timezone: string;
  signal?: AbortSignal;
  progress?: Progress;
  /** Production only: the safety backup of the tables about to be replaced (on by default). */
  safetyBackup?: boolean;
}

export interface RestoreReport {
  ok: boolean;
  target: string;
  file: string;
  safety_backup: string | null;
  tables: { name: string; expected: number; actual: number | null; ok: boolean }[];
  started_at: string;
  loaded_at: string;
  finished_at: string;
}

/**
 * Restores a backup: typed confirmation, local then remote checksum, a safety backup of the tables
 * about to be replaced (when the target already holds them), upload by SFTP, load with the `mysql`
 * client on the host, then the row counts compared with the manifest.
 */
export async function restoreWmsBackup(connection: WmsConnection, point: RestorePoint, options: RestoreOptions): Promise<RestoreReport> {
  const target = options.target ?? connection.db_name;
  const signal = options.signal ?? new AbortController().signal;
  if (!identifierPattern.test(target)) {
    throw new ApiError('VALIDATION_FAILED', `Nom de base cible invalide : ${target}`);
  }
  if (options.confirm !== target) {
    throw new ApiError('VALIDATION_FAILED', `Confirmation refusée : tapez exactement le nom de la base (${target}).`);
  }
  const startedAt = new Date().toISOString();
  options.progress?.({ done: 0, total: null, label: 'Vérification de la sauvegarde' });
  if ((await localSha256(point.path)) !== point.manifest.sha256) {
    throw new ApiError('CONFLICT', `Sauvegarde ${point.manifest.file} altérée : son empreinte SHA-256 ne correspond plus au manifeste. Restauration refusée.`);
  }
  const client = await connectSsh(connection, { signal });
  let tmp: string | undefined;
  try {
    const before = await countsNow(client, connection, point, target);
    let safety: string | null = null;
    const replaced = [...before.values()].some((count) => count !== null);
    if (replaced && options.safetyBackup !== false) {
      options.progress?.({ done: 0, total: null, label: 'Sauvegarde de sécurité' });
      const safe = await runWmsBackup(
        { ...connection, db_name: target },
        { signal, kind: 'safety', tables: point.manifest.tables.filter((table) => before.get(table.name) !== null).map((table) => table.name), trigger: 'restore', actor: options.actor, timezone: options.timezone },
      );
      safety = safe.manifest.file;
    }
    const made = await execScript(client, `mktemp --suffix=.sql.gz ${shellQuote(`${connection.remote_temp_dir.replace(/\/+$/, '')}/relais-wms-restore-XXXXXXXXXX`)}`);
    tmp = made.stdout.trim();
    if (made.code !== 0 || !tmp) {
      throw new WmsBackupError(`Fichier temporaire impossible sur l'hôte : ${made.stderr.trim()}`);
    }
    await upload(client, point.path, tmp, point.manifest.size_bytes, options.progress);
    const sum = await execScript(client, `sha256sum ${shellQuote(tmp)} | cut -d" " -f1`);
    if (sum.stdout.trim() !== point.manifest.sha256) {
      throw new ApiError('CONFLICT', `Empreinte SHA-256 différente sur l'hôte après envoi (${sum.stdout.trim() || 'illisible'}) : restauration refusée, rien n'a été écrit.`);
    }
    options.progress?.({ done: 0, total: null, label: 'Chargement dans la base' });
    const loadedAt = new Date().toISOString();
    const clientArgs = mysqlClientArgs(connection);
    const load = await execScript(
      client,
      [
        readPasswordPrologue,
        `mysql ${clientArgs} -e ${shellQuote(`CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(target)} CHARACTER SET utf8mb4`)} || exit 92`,
        `gunzip -c ${shellQuote(tmp)} | mysql ${clientArgs} --default-character-set=utf8mb4 ${shellQuote(target)}`,
      ].join('\n'),
      { stdin: passwordInput(connection), signal },
    );
    if (load.code !== 0) {
      throw new WmsBackupError(`Chargement en échec sur l'hôte (code ${String(load.code ?? load.signal)}) : ${load.stderr.trim().slice(-1000)}`);
    }
    const after = await countsNow(client, connection, point, target);
    const tables = point.manifest.tables.map((table) => {
      const actual = after.get(table.name) ?? null;
      return { name: table.name, expected: table.rows, actual, ok: actual === table.rows };
    });
    return { ok: tables.every((table) => table.ok), target, file: point.manifest.file, safety_backup: safety, tables, started_at: startedAt, loaded_at: loadedAt, finished_at: new Date().toISOString() };
  } finally {
    if (tmp) {
      await execScript(client, `rm -f ${shellQuote(tmp)}`).catch(() => undefined);
    }
    client.end();
  }
}

/** Drops a scratch database (the restore test's); never the connection's own. */
export async function dropScratchDatabase(connection: WmsConnection, database: string): Promise<void> {
  if (database === connection.db_name || !identifierPattern.test(database)) {
    throw new ApiError('FORBIDDEN', 'Seule une base de test peut être supprimée.');
  }
  const client = await connectSsh(connection);
  try {
    await remoteMysql(client, connection, `DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`, null);
  } finally {
    client.end();
  }
}
