import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { WmsExportDefinition } from '@relais/schema';
import { ensurePrivateDirectory, ensurePrivateFile } from '../../files/private-file';
import type { JobDefinition } from '../../scheduler/context';
import { runWmsBackup } from './backup';
import type { WmsConnection } from './connections';
import { startCsvExport } from './export';
import { connectionFolder, connectionFolderName, fileStamp, listRestorePoints, removeBackup } from './files';
import { dropScratchDatabase, restoreWmsBackup } from './restore';
import { gfsExpired } from './retention';

export const backupJobName = (id: number): string => `wms-backup:${id}`;
export const restoreTestJobName = (id: number): string => `wms-restore-test:${id}`;
export const exportJobName = (id: number): string => `wms-export:${id}`;

export interface WmsJobDeps {
  open: () => WmsConnection;
  timezone: () => string;
  /** Refuses (ALREADY_RUNNING) while a restore of this connection goes on. */
  guard: () => void;
}

/** The backup of one connection, then its grandfather-father-son retention. */
export function wmsBackupJob(id: number, schedule: string, { open, timezone, guard }: WmsJobDeps): JobDefinition {
  return {
    name: backupJobName(id),
    label: 'Sauvegarde WMS',
    description: 'Export mysqldump sur l’hôte WMS, compressé, vérifié (taille, SHA-256, gzip, fin d’export), téléchargé par SFTP ; puis rétention (jours, semaines, mois).',
    defaultSchedule: schedule,
    timeoutMs: 6 * 60 * 60_000,
    async run({ signal, progress, count, log, trigger, actor }) {
      guard();
      const connection = open();
      const point = await runWmsBackup(connection, { signal, progress, trigger, actor, timezone: timezone() });
      count('created');
      log.info(`Sauvegarde ${point.manifest.file} vérifiée (${point.manifest.size_bytes} octets)`);
      const folder = connectionFolder(connection.backup_dir, connection.name);
      const points = listRestorePoints(folder);
      const expired = gfsExpired(
        points.map((entry) => entry.manifest),
        { daily: connection.keep_daily, weekly: connection.keep_weekly, monthly: connection.keep_monthly },
        timezone(),
      );
      for (const file of expired) {
        removeBackup(join(folder, file));
        count('deleted');
        log.info(`Sauvegarde expirée supprimée : ${file}`);
      }
      return { file: point.manifest.file, size_bytes: point.manifest.size_bytes, sha256: point.manifest.sha256, tables: point.manifest.tables, deleted: expired };
    },
  };
}

/** Proves the newest backup restores: into a scratch database, row counts checked, then dropped. */
export function wmsRestoreTestJob(id: number, schedule: string, { open, timezone, guard }: WmsJobDeps): JobDefinition {
  return {
    name: restoreTestJobName(id),
    label: 'Test de restauration WMS',
    description: 'Restaure la dernière sauvegarde dans une base temporaire, compare les lignes au manifeste, puis supprime cette base.',
    defaultSchedule: schedule,
    timeoutMs: 6 * 60 * 60_000,
    async run({ signal, progress, count, log, actor }) {
      guard();
      const connection = open();
      const [point] = listRestorePoints(connectionFolder(connection.backup_dir, connection.name)).filter((entry) => entry.manifest.kind === 'backup');
      if (!point) {
        throw new Error('Aucune sauvegarde à tester : lancez d’abord une sauvegarde.');
      }
      const scratch = `${connection.db_name.slice(0, 45)}_restore_test`;
      try {
        const report = await restoreWmsBackup(connection, point, { confirm: scratch, target: scratch, actor, timezone: timezone(), signal, progress, safetyBackup: false });
        for (const table of report.tables) {
          count(table.ok ? 'updated' : 'failed');
          log.info(`${table.name} : ${table.actual ?? 'absente'} lignes restaurées, ${table.expected} attendues`);
        }
        if (!report.ok) {
          throw new Error(`Restauration de ${point.manifest.file} incomplète : nombres de lignes différents du manifeste.`);
        }
        return report;
      } finally {
        await dropScratchDatabase(connection, scratch);
      }
    },
  };
}

/** A saved export written as CSV into its folder (`<backup_dir>/<connection>/exports` by default). */
export function wmsExportJob(definition: WmsExportDefinition, { open, timezone }: WmsJobDeps): JobDefinition {
  return {
    name: exportJobName(definition.id),
    label: `Export CSV WMS : ${definition.name}`,
    defaultSchedule: definition.schedule,
    timeoutMs: 6 * 60 * 60_000,
    async run({ signal, count, log, progress }) {
      const connection = open();
      const folder = definition.folder ?? join(connectionFolder(connection.backup_dir, connection.name), 'exports');
      ensurePrivateDirectory(folder);
      const path = join(folder, `${connectionFolderName(definition.name)}_${fileStamp(new Date(), timezone())}.csv`);
      const partial = `${path}.partial`;
      ensurePrivateFile(partial);
      try {
        const source = definition.table !== null ? { table: definition.table } : { query: definition.query ?? '' };
        const running = await startCsvExport(connection, source, { separator: definition.separator, format: definition.format, signal });
        progress({ done: 0, label: 'Export en cours' });
        await pipeline(running.csv, createWriteStream(partial));
        const { rows } = await running.done;
        renameSync(partial, path);
        count('created');
        log.info(`${rows} lignes exportées dans ${path}`);
        return { file: path, rows };
      } finally {
        rmSync(partial, { force: true });
      }
    },
  };
}
