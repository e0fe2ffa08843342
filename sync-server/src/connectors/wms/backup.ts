import { createHash } from 'node:crypto';
import { createReadStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { WmsBackupManifest } from '@relais/schema';
import type { Client } from 'ssh2';
import { ensurePrivateFile } from '../../files/private-file';
import type { WmsConnection } from './connections';
import { createDumpScanner } from './dump-scan';
import { connectionFolder, fileStamp, newBackupPath, writeManifest, type RestorePoint } from './files';
import { connectSsh, execScript, mysqlClientArgs, passwordInput, readPasswordPrologue, shellQuote } from './ssh';

export const dumpOptions = '--single-transaction --quick --routines --triggers --hex-blob --no-tablespaces --default-character-set=utf8mb4';

export interface Progress {
  (update: { done: number; total?: number | null; label?: string | null }): void;
}

export interface WmsBackupOptions {
  signal: AbortSignal;
  progress?: Progress;
  trigger: string;
  actor: string | null;
  kind?: WmsBackupManifest['kind'];
  /** Only these tables (a safety backup before a restore); the connection's otherwise. */
  tables?: readonly string[];
  timezone: string;
  now?: () => Date;
}

/** A backup that did not complete: its reason in French; nothing of it is left as a restore point. */
export class WmsBackupError extends Error {
  override name = 'WmsBackupError';
}

interface RemoteFile {
  tmp?: string;
  pgid?: string;
  size?: number;
  sha256?: string;
  version?: string;
}

function abortIfNeeded(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new WmsBackupError('Sauvegarde interrompue : la tâche a été arrêtée.');
  }
}

/** The remote dump: `mysqldump … | gzip` into a temporary file, then its size and SHA-256, computed on the host. */
function dumpScript(connection: WmsConnection, tables: readonly string[]): string {
  const client = mysqlClientArgs(connection);
  return [
    readPasswordPrologue,
    `echo "VERSION $(mysql ${client} -N -B -e 'SELECT VERSION()')" || exit 91`,
    `tmp=$(mktemp --suffix=.sql.gz ${shellQuote(`${connection.remote_temp_dir.replace(/\/+$/, '')}/relais-wms-XXXXXXXXXX`)}) || exit 90`,
    'echo "TMP $tmp"',
    // sshd starts each session in a process group of its own: killing it stops mysqldump and gzip too.
    'echo "PGID $(ps -o pgid= -p $$ | tr -d " ")"',
    `mysqldump ${dumpOptions} ${client} ${shellQuote(connection.db_name)} ${tables.map(shellQuote).join(' ')} | gzip -c > "$tmp"`,
    'rc=$?',
    'if [ "$rc" -ne 0 ]; then rm -f "$tmp"; exit "$rc"; fi',
    'echo "SIZE $(stat -c %s "$tmp")"',
    'echo "SHA256 $(sha256sum "$tmp" | cut -d" " -f1)"',
  ].join('\n');
}

function download(client: Client, remote: string, local: string, total: number, signal: AbortSignal, progress?: Progress): Promise<void> {
  return new Promise((resolve, reject) => {
    client.sftp((error, sftp) => {
      if (error) {
        reject(new WmsBackupError(`SFTP indisponible : ${error.message}`));
        return;
      }
      const onAbort = (): void => {
        sftp.end();
        client.end();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      sftp.fastGet(
        remote,
        local,
        {
          step: (transferred) => progress?.({ done: transferred, total, label: 'Téléchargement SFTP' }),
        },
        (getError) => {
          signal.removeEventListener('abort', onAbort);
          sftp.end();
          if (getError) {
            reject(new WmsBackupError(signal.aborted ? 'Sauvegarde interrompue pendant le téléchargement.' : `Téléchargement SFTP en échec : ${getError.message}`));
          } else {
            resolve();
          }
        },
      );
    });
  });
}

/** Size, SHA-256, gzip integrity and the dump's completion trailer of the downloaded file; rows per table. */
export async function verifyDumpFile(path: string, expected: { size: number; sha256: string }) {
  const size = statSync(path).size;
  if (size !== expected.size) {
    throw new WmsBackupError(`Taille différente après téléchargement : ${size} octets reçus, ${expected.size} sur l'hôte.`);
  }
  const hash = createHash('sha256');
  const scanner = createDumpScanner();
  try {
    await pipeline(
      createReadStream(path),
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          callback(null, chunk);
        },
      }),
      createGunzip(),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          scanner.push(chunk);
          callback();
        },
      }),
    );
  } catch (error) {
    throw new WmsBackupError(`Fichier gzip corrompu : ${error instanceof Error ? error.message : String(error)}`);
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== expected.sha256) {
    throw new WmsBackupError(`Empreinte SHA-256 différente : ${sha256} reçue, ${expected.sha256} sur l'hôte.`);
  }
  const scan = scanner.result();
  if (!scan.completed) {
    throw new WmsBackupError("Sauvegarde incomplète : la fin de l'export (« -- Dump completed ») manque.");
  }
  return { sha256, tables: scan.tables, uncompressedBytes: scan.bytes };
}

/** Stops what is left of the remote dump and removes its temporary file, on a fresh session if the first one is gone. */
async function removeRemote(connection: WmsConnection, client: Client | undefined, remote: RemoteFile): Promise<void> {
  if (!remote.tmp) {
    return;
  }
  const pgid = Number(remote.pgid);
  const script = `${Number.isInteger(pgid) && pgid > 1 ? `kill -TERM -- -${pgid} 2>/dev/null; sleep 0.2; ` : ''}rm -f ${shellQuote(remote.tmp)}`;
  try {
    await execScript(client ?? (await connectSsh(connection)), script);
  } catch {
    const fresh = await connectSsh(connection);
    try {
      await execScript(fresh, script);
    } finally {
      fresh.end();
    }
  }
}

/**
 * One verified backup of a WMS database: dumped and compressed on the host, checksummed there,
 * downloaded by SFTP, verified here, then named `<db>_<YYYYMMDD-HHMMSS>.sql.gz` with its manifest.
 * The remote temporary file is removed in every case; a failure leaves no restore point behind.
 */
export async function runWmsBackup(connection: WmsConnection, options: WmsBackupOptions): Promise<RestorePoint> {
  const { signal, progress, now = () => new Date(), kind = 'backup' } = options;
  const started = now();
  const tables = options.tables ?? connection.tables;
  const target = newBackupPath(connectionFolder(connection.backup_dir, connection.name), connection.db_name, fileStamp(started, options.timezone), kind);
  const partial = `${target}.partial`;
  const remote: RemoteFile = {};
  let client: Client | undefined;
  let done = false;
  try {
    client = await connectSsh(connection, { signal });
    progress?.({ done: 0, total: null, label: "Export de la base sur l'hôte" });
    const result = await execScript(client, dumpScript(connection, tables), {
      stdin: passwordInput(connection),
      signal,
      onLine: (line) => {
        const [key, ...rest] = line.split(' ');
        const value = rest.join(' ');
        if (key === 'TMP') remote.tmp = value;
        else if (key === 'PGID') remote.pgid = value;
        else if (key === 'SIZE') remote.size = Number(value);
        else if (key === 'SHA256') remote.sha256 = value;
        else if (key === 'VERSION') remote.version = value;
      },
    });
    abortIfNeeded(signal);
    if (result.code !== 0 || remote.size === undefined || remote.sha256 === undefined) {
      throw new WmsBackupError(`mysqldump a échoué sur l'hôte (code ${String(result.code ?? result.signal)}) : ${result.stderr.trim().slice(-1000) || 'aucun message'}`);
    }
    ensurePrivateFile(partial);
    await download(client, remote.tmp ?? '', partial, remote.size, signal, progress);
    abortIfNeeded(signal);
    progress?.({ done: remote.size, total: remote.size, label: 'Vérification' });
    const verified = await verifyDumpFile(partial, { size: remote.size, sha256: remote.sha256 });
    abortIfNeeded(signal);
    renameSync(partial, target);
    const finished = now();
    const manifest: WmsBackupManifest = {
      format: 'relais-wms-backup-v1',
      kind,
      file: basename(target),
      connection: connection.name,
      database: connection.db_name,
      tables: verified.tables,
      whole_database: tables.length === 0,
      size_bytes: remote.size,
      sha256: verified.sha256,
      uncompressed_bytes: verified.uncompressedBytes,
      server_version: remote.version ?? '',
      started_at: started.toISOString(),
      finished_at: finished.toISOString(),
      duration_ms: finished.getTime() - started.getTime(),
      trigger: options.trigger,
      actor: options.actor,
    };
    writeManifest(target, manifest);
    done = true;
    return { path: target, manifest };
  } finally {
    rmSync(partial, { force: true });
    if (!done) {
      rmSync(target, { force: true });
    }
    const alive = client && !signal.aborted ? client : undefined;
    try {
      await removeRemote(connection, alive, remote);
    } finally {
      client?.end();
    }
  }
}
