import { collectionNames, type DashboardServer } from '@relais/schema';
import type { BackupService } from '../backup/service';
import type { Db } from '../db/client';
import type { StreamRegistry } from '../replication/stream-registry';
import { autoBackupJobName } from '../scheduler/jobs';
import type { Scheduler } from '../scheduler/scheduler';
import { version } from '../version';
import type { LogRing } from './log-ring';

export interface ServerFactsDeps {
  db: Db;
  scheduler: Scheduler;
  backups: BackupService | undefined;
  clients: StreamRegistry;
  logs: LogRing | undefined;
  startedAt: Date;
  now?: () => Date;
}

const dayMs = 24 * 3600 * 1000;

/**
 * What the administration dashboard adds to TomatoPlan's figures: the server's age and version, the
 * database's size and documents, who is connected and syncing, the last backup, the jobs, the errors of the day.
 */
export function createServerFacts({ db, scheduler, backups, clients, logs, startedAt, now = () => new Date() }: ServerFactsDeps): () => Promise<DashboardServer> {
  const sqlite = db.$client;
  const countOf = (table: string): number =>
    sqlite.prepare<[], { total: number }>(`SELECT count(*) AS total FROM "${table}" WHERE "_deleted" = 0`).get()?.total ?? 0;
  const activeSessions = sqlite.prepare<[string], { total: number }>('SELECT count(*) AS total FROM sessions WHERE revoked_at IS NULL AND expires_at > ?');

  async function lastBackup(): Promise<DashboardServer['last_backup']> {
    if (!backups) {
      return null;
    }
    const [newest] = await backups.list();
    const run = scheduler.has(autoBackupJobName) ? scheduler.job(autoBackupJobName).last_run : null;
    if (!newest && !run) {
      return null;
    }
    return {
      filename: newest?.manifest.filename ?? null,
      created_at: newest?.manifest.created_at ?? null,
      size_bytes: newest?.manifest.size_bytes ?? null,
      status: run?.status ?? null,
      error: run?.error ?? null,
    };
  }

  return async () => {
    const at = now();
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    const pageCount = Number(sqlite.pragma('page_count', { simple: true }));
    const errors = logs?.errorsSince(new Date(at.getTime() - dayMs)) ?? [];
    return {
      version,
      started_at: startedAt.toISOString(),
      uptime_seconds: Math.max(0, Math.floor((at.getTime() - startedAt.getTime()) / 1000)),
      database_size_bytes: pageSize * pageCount,
      documents: Object.fromEntries(collectionNames.map((name) => [name, countOf(name)])),
      active_sessions: activeSessions.get(at.toISOString())?.total ?? 0,
      sync_clients: clients.list(),
      last_backup: await lastBackup(),
      jobs: scheduler.list().map((job) => ({
        name: job.name,
        label: job.label,
        schedule: job.schedule,
        next_run: job.next_run,
        last_run_at: job.last_run?.started_at ?? null,
        last_status: job.last_run?.status ?? null,
        running: job.running !== null,
      })),
      errors_24h: { count: errors.length, recent: errors.slice(-5).reverse() },
    };
  };
}
