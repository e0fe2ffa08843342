import type { Db } from '../db/client';
import type { JobDefinition } from './context';
import type { RunsRepository } from './runs';

const dayMs = 24 * 60 * 60_000;
/** Runs kept per job whatever their age, so that each job still shows its last runs. */
const runsKeptPerJob = 20;

export interface HousekeepingDeps {
  db: Db;
  runs: RunsRepository;
  /** `RELAIS_HISTORY_RETENTION_DAYS`, read at each run (an administrator may change it). */
  retentionDays: () => number;
  now: () => Date;
}

/**
 * Daily: deletes the sessions closed or expired and the sign-in codes used or expired more than the
 * retention ago, and the old job runs. The activity log (`auth_events`) is never purged: it keeps
 * the sign-ins of the deleted sessions.
 */
export function housekeepingJob({ db, runs, retentionDays, now }: HousekeepingDeps): JobDefinition {
  return {
    name: 'housekeeping',
    label: 'Entretien de la base',
    description: 'Supprime les sessions fermées, les codes de connexion utilisés ou expirés et les anciennes exécutions de tâches.',
    defaultSchedule: '15 3 * * *',
    timeoutMs: 10 * 60_000,
    catchUp: true,
    run({ progress, count, log, signal }) {
      const days = retentionDays();
      const cutoff = new Date(now().getTime() - days * dayMs).toISOString();
      const sqlite = db.$client;
      const steps: [string, string, () => number][] = [
        [
          'sessions',
          'Sessions fermées ou expirées',
          () => sqlite.prepare(`DELETE FROM sessions WHERE expires_at < @cutoff OR (revoked_at IS NOT NULL AND revoked_at < @cutoff)`).run({ cutoff }).changes,
        ],
        [
          'mfa_challenges',
          'Codes de connexion utilisés ou expirés',
          () => sqlite.prepare(`DELETE FROM mfa_challenges WHERE expires_at < @cutoff OR (used_at IS NOT NULL AND used_at < @cutoff)`).run({ cutoff }).changes,
        ],
        ['job_runs', 'Anciennes exécutions de tâches', () => runs.purgeEnded(cutoff, runsKeptPerJob)],
      ];
      const deleted: Record<string, number> = {};
      for (const [index, [key, label, purge]] of steps.entries()) {
        signal.throwIfAborted();
        progress({ done: index, total: steps.length, label });
        const changes = purge();
        deleted[key] = changes;
        count('deleted', changes);
        log.info(`${label} : ${changes} supprimé(s)`);
      }
      progress({ done: steps.length, total: steps.length, label: 'Terminé' });
      return Promise.resolve({ retention_days: days, before: cutoff, deleted });
    },
  };
}
