import type { Db } from '../../db/client';
import { ApiError } from '../../http/errors';
import type { Logger } from '../../logger';
import type { JobContext, JobDefinition, JobLog } from '../../scheduler/context';
import type { SecretBox } from '../../secrets/secret-box';
import { createBatiSimplyClient, type RetryPolicy } from './batisimply-client';
import { exportChantiers, importChantiers, refreshProjectCodes } from './chantiers-jobs';
import { createSagesConfigStore, type SagesConfigStore, type SagesSettings } from './config';
import { testBatiSimply, testSqlServer, type ConnectionTestResult } from './connection-test';
import { exportHeures } from './heures-export';
import { importHeures } from './heures-import';
import type { SagesReport, SagesRunContext } from './report';

/** The five jobs, in the order of the old tool's buttons; scheduled as `sages-<job>`. */
export const sagesJobNames = ['chantiers-import', 'chantiers-export', 'heures-import', 'heures-export', 'codes-projet'] as const;
export type SagesJobName = (typeof sagesJobNames)[number];

export function isSagesJob(name: string): name is SagesJobName {
  return (sagesJobNames as readonly string[]).includes(name);
}

export const sagesJobPrefix = 'sages-';

const labels: Record<SagesJobName, { label: string; description: string }> = {
  'chantiers-import': { label: 'SAGES : chantiers Batigest → Relais', description: 'Lit les chantiers actifs de Batigest (SQL Server) et met à jour ceux du hub.' },
  'chantiers-export': { label: 'SAGES : chantiers Relais → BatiSimply', description: 'Crée ou met à jour dans BatiSimply les chantiers modifiés depuis le dernier envoi.' },
  'heures-import': { label: 'SAGES : heures BatiSimply → Relais', description: 'Lit les créneaux BatiSimply de la fenêtre glissante et met à jour ceux du hub.' },
  'heures-export': { label: 'SAGES : heures Relais → Batigest', description: 'Écrit dans SuiviMO les heures validées pas encore envoyées, par lots transactionnels.' },
  'codes-projet': { label: 'SAGES : codes projet', description: 'Relit les projets BatiSimply et met à jour la correspondance identifiant ↔ code chantier.' },
};

export const sagesJobTimeoutMs = 30 * 60_000;

export interface SagesConnectorDeps {
  db: Db;
  logger: Logger;
  secrets: SecretBox;
  now?: () => Date;
  /** Retries of BatiSimply calls (tests shorten the backoff). */
  retry?: Partial<RetryPolicy>;
}

export interface SagesConnector {
  config: SagesConfigStore;
  /** The job definitions for the scheduler. */
  jobs(): JobDefinition[];
  /** Runs a job's work with the given context (the scheduler's, or a dry run's). */
  execute(job: SagesJobName, context: SagesRunContext): Promise<SagesReport>;
  /** What the job would change, without writing anything anywhere; not recorded as a run. */
  dryRun(job: SagesJobName): Promise<SagesReport>;
  test(side: 'sqlServer' | 'batisimply'): Promise<ConnectionTestResult>;
}

function requireConfigured(settings: SagesSettings, side: 'sqlServer' | 'batisimply'): void {
  const missing = side === 'sqlServer' ? settings.sqlServer.host === '' : settings.batisimply.apiUrl === '' || settings.batisimply.tokenUrl === '';
  if (missing) {
    throw new ApiError('BAD_REQUEST', side === 'sqlServer' ? 'Connecteur SAGES : SQL Server (Batigest) non configuré' : 'Connecteur SAGES : BatiSimply non configuré');
  }
}

function silentLog(logger: Logger): JobLog {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

export function createSagesConnector({ db, logger, secrets, now = () => new Date(), retry }: SagesConnectorDeps): SagesConnector {
  const config = createSagesConfigStore(db, secrets, now);

  async function execute(job: SagesJobName, context: SagesRunContext): Promise<SagesReport> {
    const settings = config.read();
    const client = (): ReturnType<typeof createBatiSimplyClient> => {
      requireConfigured(settings, 'batisimply');
      return createBatiSimplyClient(settings.batisimply, { retry, signal: context.signal });
    };
    switch (job) {
      case 'chantiers-import':
        requireConfigured(settings, 'sqlServer');
        return importChantiers(db, settings, context, now);
      case 'chantiers-export':
        return exportChantiers(db, client(), context, now);
      case 'heures-import':
        return importHeures(db, client(), settings, context, now);
      case 'heures-export':
        requireConfigured(settings, 'sqlServer');
        return exportHeures(db, settings, context, now);
      case 'codes-projet':
        return refreshProjectCodes(db, client(), context, now);
    }
  }

  return {
    config,
    execute,
    jobs() {
      return sagesJobNames.map(
        (job): JobDefinition => ({
          name: `${sagesJobPrefix}${job}`,
          ...labels[job],
          defaultSchedule: 'off',
          timeoutMs: sagesJobTimeoutMs,
          run: (context: JobContext) => execute(job, { ...context, dryRun: false }),
        }),
      );
    },
    dryRun(job) {
      const log = silentLog(logger.child({ job: `${sagesJobPrefix}${job}`, dryRun: true }));
      return execute(job, { dryRun: true, signal: AbortSignal.timeout(sagesJobTimeoutMs), progress: () => undefined, count: () => undefined, log });
    },
    test(side) {
      const settings = config.read();
      return side === 'sqlServer' ? testSqlServer(settings.sqlServer) : testBatiSimply(settings.batisimply);
    },
  };
}
