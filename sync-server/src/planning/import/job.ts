import type { Db } from '../../db/client';
import type { ReplicationEvents } from '../../replication/events';
import type { ReplicationStore } from '../../replication/store';
import type { JobDefinition } from '../../scheduler/context';
import { storeImportTarget } from './apply';
import { importPtt, type PttFolder } from './ptt';
import { importOrder, type ImportReport } from './report';

/** The job that runs a PTT folder sent from the browser, off the request path. */
export const pttImportJobName = 'import-ptt';

export interface PendingImport {
  folder: PttFolder;
  dryRun: boolean;
}

/**
 * The folders sent by `POST /admin/import/ptt`, each waiting for its own run (keyed by run id: the
 * route sets it right after starting the run, before the run's first step reads it).
 */
export type ImportInbox = Map<number, PendingImport>;

export interface PttImportJobDeps {
  db: Db;
  store: ReplicationStore;
  inbox: ImportInbox;
  /** Told when an import wrote something: TomatoPlan's desktop clients reload everything. */
  events?: Pick<ReplicationEvents, 'refreshRequired'> | undefined;
}

function totals(report: ImportReport) {
  return importOrder.reduce(
    (sum, name) => {
      const { created, updated, unchanged, rejected } = report.collections[name];
      return { created: sum.created + created, updated: sum.updated + updated, skipped: sum.skipped + unchanged, failed: sum.failed + rejected.length };
    },
    { created: 0, updated: 0, skipped: 0, failed: 0 },
  );
}

/**
 * Imports (or dry-runs) a PTT folder as a job: progress on the jobs' live stream, the report kept as
 * the run's result, the writes under the name of the administrator who sent it. Never scheduled; a
 * run without a folder (started from the console) fails saying where to send one.
 */
export function pttImportJob({ db, store, inbox, events }: PttImportJobDeps): JobDefinition {
  return {
    name: pttImportJobName,
    label: 'Import TomatoPlan (dossier _data)',
    description: 'Importe le dossier _data de l’ancien outil de planning envoyé depuis l’administration (la commande « relais import ptt » fait de même sur le serveur).',
    defaultSchedule: 'off',
    timeoutMs: 30 * 60_000,
    async run({ runId, actor, signal, progress, count, log }) {
      const pending = inbox.get(runId);
      inbox.delete(runId);
      if (!pending) {
        throw new Error('Aucun dossier à importer : envoyez le dossier _data depuis l’administration, ou lancez « relais import ptt <dossier> » sur le serveur.');
      }
      const label = pending.dryRun ? 'Simulation : comparaison avec la base' : 'Import : comparaison et écriture';
      progress({ done: 0, label });
      const report = await importPtt(storeImportTarget(store, db.$client, actor), pending.folder, {
        dryRun: pending.dryRun,
        signal,
        onStep: (done, total) => progress({ done, total, label }),
        onProgress: (collection, part) =>
          log.info(`${collection} : ${part.created} créés, ${part.updated} modifiés, ${part.unchanged} inchangés, ${part.rejected.length} rejetés`),
      });
      const sums = totals(report);
      for (const name of ['created', 'updated', 'skipped', 'failed'] as const) {
        count(name, sums[name]);
      }
      if (!pending.dryRun && sums.created + sums.updated > 0) {
        events?.refreshRequired({ entity: null, actor });
      }
      return report;
    },
  };
}
