import { backupJob } from '../backup/job';
import type { BackupService } from '../backup/service';
import { backupSettingsFromConfig } from '../backup/settings';
import type { SagesConnector } from '../connectors/sages/connector';
import type { Db } from '../db/client';
import type { Logger } from '../logger';
import type { RuntimeConfig } from '../settings/runtime-config';
import { housekeepingJob } from './housekeeping';
import { createScheduler, type Scheduler } from './scheduler';

export { autoBackupJobName } from '../backup/job';

export interface JobsDeps {
  db: Db;
  logger: Logger;
  runtime: RuntimeConfig;
  now?: () => Date;
  /** The database backups (the server's, or the console's for `relais job run backup`): registers the automatic backup. */
  backups?: BackupService | undefined;
  /** The SAGES connector: registers its five jobs (`sages-chantiers-import`, …). */
  sages?: SagesConnector | undefined;
}

/**
 * Every module's recurring jobs, registered once for the server and for `relais job`. A module whose
 * jobs depend on its data (one backup per WMS connection) registers and unregisters them itself
 * when that data changes.
 */
export function registerJobs(scheduler: Scheduler, { db, runtime, now = () => new Date(), backups, sages }: JobsDeps): void {
  scheduler.register(housekeepingJob({ db, runs: scheduler.runs, retentionDays: () => runtime.current().RELAIS_HISTORY_RETENTION_DAYS, now }));
  if (backups) {
    const { automatic } = backupSettingsFromConfig(runtime.current());
    scheduler.register(
      backupJob({
        backups,
        defaultSchedule: automatic.enabled ? automatic.cron : 'off',
        retention: () => backupSettingsFromConfig(runtime.current()).retention,
      }),
    );
  }
  for (const job of sages?.jobs() ?? []) {
    scheduler.register(job);
  }
}

/** The scheduler with its schedules from the runtime configuration and every job registered; not started. */
export function createJobScheduler(deps: JobsDeps): Scheduler {
  const { runtime } = deps;
  const scheduler = createScheduler({
    ...deps,
    schedules: { timezone: () => runtime.current().RELAIS_JOBS_TIMEZONE, overrides: () => runtime.current().RELAIS_JOB_SCHEDULES },
  });
  // A schedule for a job nobody registered would never fire: refused when it is being set.
  runtime.addCheck((candidate, changing) =>
    changing.includes('RELAIS_JOB_SCHEDULES')
      ? Object.keys(candidate.RELAIS_JOB_SCHEDULES)
          .filter((name) => !scheduler.has(name))
          .map((name) => ({ path: ['job_schedules', name], code: 'unknown_job', message: `tâche inconnue (${scheduler.names().join(', ')})` }))
      : [],
  );
  registerJobs(scheduler, deps);
  return scheduler;
}
