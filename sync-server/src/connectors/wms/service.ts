import { wmsExportInputSchema, type JobRun, type WmsConnectionView, type WmsExportDefinition } from '@relais/schema';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { wmsExports } from '../../db/tables';
import { ApiError } from '../../http/errors';
import type { Logger } from '../../logger';
import { toJobRun } from '../../scheduler/runs';
import type { Scheduler } from '../../scheduler/scheduler';
import type { SecretBox } from '../../secrets/secret-box';
import { createWmsConnections } from './connections';
import { checkReadOnlyQuery, startCsvExport, type CsvOptions, type ExportSource } from './export';
import { connectionFolder, findRestorePoint, listRestorePoints } from './files';
import { backupJobName, exportJobName, restoreTestJobName, wmsBackupJob, wmsExportJob, wmsRestoreTestJob, type WmsJobDeps } from './jobs';
import { previewRestore, restoreWmsBackup, type RestoreReport } from './restore';
import { fetchFingerprint } from './ssh';
import { testWmsConnection } from './test-connection';

export interface WmsServiceDeps {
  db: Db;
  secrets: SecretBox;
  scheduler: Scheduler;
  logger: Logger;
  timezone: () => string;
}

type ExportRow = typeof wmsExports.$inferSelect;

function exportOf(row: ExportRow): WmsExportDefinition {
  return {
    id: row.id,
    connection_id: row.connection_id,
    name: row.name,
    table: row.table_name,
    query: row.query,
    separator: row.separator === ',' ? ',' : ';',
    format: row.format === 'iso' ? 'iso' : 'fr',
    schedule: row.schedule,
    folder: row.folder,
  };
}

/**
 * The WMS connector: connections (secrets sealed), their jobs on the scheduler (backup, restore test,
 * saved exports; registered again when a connection changes), restore and CSV exports.
 */
export function createWmsService({ db, secrets, scheduler, logger, timezone }: WmsServiceDeps) {
  const connections = createWmsConnections(db, secrets);
  const restoring = new Set<number>();

  function jobDeps(id: number): WmsJobDeps {
    return {
      open: () => connections.open(id),
      timezone,
      guard: () => {
        if (restoring.has(id)) {
          throw new ApiError('ALREADY_RUNNING', 'Une restauration de cette connexion est en cours.');
        }
      },
    };
  }

  function exportsOf(connectionId: number): WmsExportDefinition[] {
    return db.select().from(wmsExports).where(eq(wmsExports.connection_id, connectionId)).all().map(exportOf);
  }

  function unregister(id: number): void {
    for (const name of [backupJobName(id), restoreTestJobName(id)]) {
      scheduler.unregister(name);
    }
    for (const definition of exportsOf(id)) {
      scheduler.unregister(exportJobName(definition.id));
    }
  }

  function register(view: WmsConnectionView): void {
    unregister(view.id);
    scheduler.register(wmsBackupJob(view.id, view.backup_schedule, jobDeps(view.id)));
    scheduler.register(wmsRestoreTestJob(view.id, view.restore_test_schedule, jobDeps(view.id)));
    for (const definition of exportsOf(view.id)) {
      scheduler.register(wmsExportJob(definition, jobDeps(view.id)));
    }
  }

  for (const view of connections.list()) {
    register(view);
  }

  function folderOf(id: number): string {
    const view = connections.view(id);
    return connectionFolder(view.backup_dir, view.name);
  }

  function exportRow(connectionId: number, exportId: number): WmsExportDefinition {
    const row = db.select().from(wmsExports).where(eq(wmsExports.id, exportId)).get();
    if (!row || row.connection_id !== connectionId) {
      throw new ApiError('NOT_FOUND', `Export inconnu : ${exportId}`);
    }
    return exportOf(row);
  }

  return {
    connections,
    list: () => connections.list(),
    view: (id: number) => connections.view(id),
    create(input: unknown): WmsConnectionView {
      const view = connections.create(input);
      register(view);
      logger.info({ connection: view.id, name: view.name }, 'connexion WMS créée');
      return view;
    },
    update(id: number, input: unknown): WmsConnectionView {
      const view = connections.update(id, input);
      register(view);
      logger.info({ connection: id, name: view.name }, 'connexion WMS modifiée');
      return view;
    },
    remove(id: number): void {
      unregister(id);
      connections.remove(id);
      logger.info({ connection: id }, 'connexion WMS supprimée');
    },
    fingerprint: (id: number) => fetchFingerprint(connections.view(id)),
    pin(id: number, fingerprint: string): WmsConnectionView {
      logger.info({ connection: id, fingerprint }, "empreinte de clé d'hôte WMS épinglée");
      return connections.pin(id, fingerprint);
    },
    test: (id: number) => testWmsConnection(connections.open(id)),
    backupNow: (id: number, actor: string | null, trigger: 'manual' | 'cli' = 'manual') => scheduler.run(backupJobName(id), { trigger, actor }),
    restoreTestNow: (id: number, actor: string | null, trigger: 'manual' | 'cli' = 'manual') => scheduler.run(restoreTestJobName(id), { trigger, actor }),
    restorePoints: (id: number) => listRestorePoints(folderOf(id)),
    /** One run of this connection's jobs (backup, restore test, its saved exports), for the page's progress bar. */
    run(id: number, runId: number): JobRun {
      const names = new Set([backupJobName(id), restoreTestJobName(id), ...exportsOf(id).map((definition) => exportJobName(definition.id))]);
      const row = scheduler.runs.byId(runId);
      if (!row || !names.has(row.job)) {
        throw new ApiError('NOT_FOUND', 'Exécution introuvable pour cette connexion.');
      }
      return toJobRun(row);
    },
    preview: (id: number, file: string, target?: string) => previewRestore(connections.open(id), findRestorePoint(folderOf(id), file), target),

    /** Refused while this connection's backup, restore test or another restore runs. */
    async restore(id: number, file: string, options: { confirm: string; target?: string; actor: string | null }): Promise<RestoreReport> {
      const busy = [backupJobName(id), restoreTestJobName(id)].some((name) => scheduler.job(name).running !== null);
      if (busy || restoring.has(id)) {
        throw new ApiError('ALREADY_RUNNING', 'Une sauvegarde ou une restauration de cette connexion est déjà en cours.');
      }
      restoring.add(id);
      try {
        const point = findRestorePoint(folderOf(id), file);
        logger.warn({ connection: id, file, target: options.target ?? 'production', actor: options.actor }, 'restauration WMS demandée');
        const report = await restoreWmsBackup(connections.open(id), point, { ...options, timezone: timezone() });
        logger.info({ connection: id, file, ok: report.ok, safety: report.safety_backup }, 'restauration WMS terminée');
        return report;
      } finally {
        restoring.delete(id);
      }
    },

    exports: (id: number) => (connections.view(id), exportsOf(id)),
    createExport(id: number, input: unknown): WmsExportDefinition {
      connections.view(id);
      const parsed = wmsExportInputSchema.safeParse(input);
      if (!parsed.success) {
        throw new ApiError('VALIDATION_FAILED', parsed.error.issues.map((issue) => issue.message).join(' ; '));
      }
      const data = parsed.data;
      if (data.query !== null) {
        checkReadOnlyQuery(data.query);
      }
      const row = db
        .insert(wmsExports)
        .values({ connection_id: id, name: data.name, table_name: data.table, query: data.query, separator: data.separator, format: data.format, schedule: data.schedule, folder: data.folder })
        .returning()
        .get();
      register(connections.view(id));
      return exportOf(row);
    },
    removeExport(id: number, exportId: number): void {
      exportRow(id, exportId);
      scheduler.unregister(exportJobName(exportId));
      db.delete(wmsExports).where(eq(wmsExports.id, exportId)).run();
    },
    runExport: (id: number, exportId: number, actor: string | null) => (exportRow(id, exportId), scheduler.run(exportJobName(exportId), { trigger: 'manual', actor })),
    /** A streamed CSV of a saved export, or of a table. */
    async download(id: number, what: { exportId: number } | { table: string; separator?: CsvOptions['separator']; format?: CsvOptions['format'] }) {
      const connection = connections.open(id);
      if ('exportId' in what) {
        const definition = exportRow(id, what.exportId);
        const source: ExportSource = definition.table !== null ? { table: definition.table } : { query: definition.query ?? '' };
        return { name: definition.name, ...(await startCsvExport(connection, source, { separator: definition.separator, format: definition.format })) };
      }
      return { name: what.table, ...(await startCsvExport(connection, { table: what.table }, { separator: what.separator ?? ';', format: what.format ?? 'fr' })) };
    },
  };
}

export type WmsService = ReturnType<typeof createWmsService>;
