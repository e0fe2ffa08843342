import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { WmsBackupManifest } from '@relais/schema';
import { ensurePrivateDirectory, privateFileMode } from '../../files/private-file';
import { ApiError } from '../../http/errors';

/** A connection's folder name: its name with only safe characters. */
export function connectionFolderName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return slug || 'wms';
}

export function connectionFolder(backupDir: string, connectionName: string): string {
  return join(backupDir, connectionFolderName(connectionName));
}

/** `YYYYMMDD-HHMMSS` in the given time zone. */
export function fileStamp(at: Date, timezone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}${parts['month']}${parts['day']}-${parts['hour']}${parts['minute']}${parts['second']}`;
}

/** A fresh `<db>_<stamp>[-n].sql.gz` path in the folder (two backups in the same second do not collide). */
export function newBackupPath(folder: string, database: string, stamp: string, kind: WmsBackupManifest['kind']): string {
  ensurePrivateDirectory(folder);
  const base = `${database}_${kind === 'safety' ? 'securite_' : ''}${stamp}`;
  for (let n = 1; ; n++) {
    const candidate = join(folder, `${base}${n === 1 ? '' : `-${n}`}.sql.gz`);
    if (!existsSync(candidate) && !existsSync(`${candidate}.partial`)) {
      return candidate;
    }
  }
}

export function manifestPath(backupPath: string): string {
  return `${backupPath}.json`;
}

/** Written last, atomically: a backup without its manifest is not a restore point. */
export function writeManifest(backupPath: string, manifest: WmsBackupManifest): void {
  const path = manifestPath(backupPath);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: privateFileMode });
  renameSync(`${path}.tmp`, path);
}

export interface RestorePoint {
  path: string;
  manifest: WmsBackupManifest;
}

/** The good backups of a connection (file and manifest present, sizes agreeing), newest first. */
export function listRestorePoints(folder: string): RestorePoint[] {
  if (!existsSync(folder)) {
    return [];
  }
  const points: RestorePoint[] = [];
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.sql.gz.json')) {
      continue;
    }
    const path = join(folder, name.slice(0, -'.json'.length));
    try {
      const manifest = JSON.parse(readFileSync(join(folder, name), 'utf8')) as WmsBackupManifest;
      if (manifest.format === 'relais-wms-backup-v1' && statSync(path).size === manifest.size_bytes) {
        points.push({ path, manifest });
      }
    } catch {
      // A manifest without its file, or unreadable: not a restore point.
    }
  }
  return points.sort((a, b) => b.manifest.started_at.localeCompare(a.manifest.started_at) || b.manifest.file.localeCompare(a.manifest.file));
}

export function findRestorePoint(folder: string, file: string): RestorePoint {
  const point = listRestorePoints(folder).find(({ manifest }) => manifest.file === basename(file));
  if (!point) {
    throw new ApiError('NOT_FOUND', `Point de restauration inconnu : ${basename(file)}`);
  }
  return point;
}

export function removeBackup(path: string): void {
  rmSync(manifestPath(path), { force: true });
  rmSync(path, { force: true });
}
