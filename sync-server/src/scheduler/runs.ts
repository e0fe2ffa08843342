import { jobCountNames, type JobCounts, type JobRun, type JobRunStatus, type JobTrigger } from '@relais/schema';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobRuns, jobState } from '../db/tables';

export type JobRunRow = typeof jobRuns.$inferSelect;

/** A run whose owner shows no sign of life for this long is taken for dead, even if its process id is in use again. */
export const staleHeartbeatMs = 5 * 60_000;

export function emptyCounts(): JobCounts {
  return { created: 0, updated: 0, deleted: 0, skipped: 0, failed: 0 };
}

function countsOf(stored: Record<string, number>): JobCounts {
  const counts = emptyCounts();
  for (const name of jobCountNames) {
    counts[name] = stored[name] ?? 0;
  }
  return counts;
}

export function toJobRun(row: JobRunRow): JobRun {
  return {
    id: row.id,
    job: row.job,
    trigger: row.trigger as JobTrigger,
    actor: row.actor,
    scheduled_for: row.scheduled_for,
    started_at: row.started_at,
    ended_at: row.ended_at,
    status: row.status as JobRunStatus,
    progress: row.progress_done === null ? null : { done: row.progress_done, total: row.progress_total, label: row.progress_label },
    counts: countsOf(row.counts),
    error: row.error,
    log_excerpt: row.log_excerpt,
    result: row.result ?? null,
  };
}

/** `<pid>:<random>`: the process id tells whether the owner may live, the random part that it is not a former process with the same id. */
export function processOwner(): string {
  return `${process.pid}:${crypto.randomUUID()}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is the process that opened this run (another one than `self`) still at work? */
export function ownerAlive(row: Pick<JobRunRow, 'owner' | 'heartbeat_at' | 'started_at'>, self: string, now: Date): boolean {
  if (row.owner === self) {
    return true;
  }
  const pid = Number(row.owner?.split(':')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !processAlive(pid)) {
    return false;
  }
  const lastSign = Date.parse(row.heartbeat_at ?? row.started_at);
  return now.getTime() - lastSign < staleHeartbeatMs;
}

export interface OpenRun {
  job: string;
  trigger: JobTrigger;
  actor: string | null;
  scheduledFor: string | null;
  at: string;
}

export type OpenResult = { ok: true; id: number } | { ok: false; running: JobRunRow };

/** The `job_runs` and `job_state` tables: the runs' history and the lock between processes. */
export function createRunsRepository(db: Db, owner: string) {
  const crashedMessage = "Le serveur (ou la commande relais job run) s'est arrêté pendant l'exécution : exécution interrompue.";

  /** Closes the open runs of dead owners: `running` ones as failed; aborted ones that were still stopping get their end. */
  function closeDead(rows: JobRunRow[], now: Date): JobRunRow[] {
    const closed: JobRunRow[] = [];
    for (const row of rows) {
      if (ownerAlive(row, owner, now)) {
        continue;
      }
      const at = now.toISOString();
      const patch = row.status === 'running' ? { status: 'failed', error: crashedMessage, ended_at: at } : { ended_at: at };
      closed.push(db.update(jobRuns).set(patch).where(eq(jobRuns.id, row.id)).returning().get());
    }
    return closed;
  }

  function openRows(job?: string): JobRunRow[] {
    return db
      .select()
      .from(jobRuns)
      .where(job === undefined ? isNull(jobRuns.ended_at) : and(isNull(jobRuns.ended_at), eq(jobRuns.job, job)))
      .all();
  }

  return {
    owner,
    /** At start: the runs left open by a process that died (a crash, a power cut) are closed. */
    closeCrashed(now: Date): JobRunRow[] {
      return db.$client.transaction(() => closeDead(openRows(), now)).immediate();
    },

    /**
     * Opens a run unless one of the job is open in a live process. One IMMEDIATE transaction: SQLite
     * lets one writer in at a time, so two processes cannot both open a run of the same job.
     */
    open(run: OpenRun, now: Date): OpenResult {
      return db.$client
        .transaction((): OpenResult => {
          closeDead(openRows(run.job), now);
          const running = openRows(run.job)[0];
          if (running) {
            return { ok: false, running };
          }
          const row = db
            .insert(jobRuns)
            .values({
              job: run.job,
              trigger: run.trigger,
              actor: run.actor,
              scheduled_for: run.scheduledFor,
              started_at: run.at,
              status: 'running',
              counts: emptyCounts(),
              log_excerpt: [],
              owner,
              heartbeat_at: run.at,
            })
            .returning({ id: jobRuns.id })
            .get();
          return { ok: true, id: row.id };
        })
        .immediate();
    },

    update(id: number, patch: Partial<Omit<JobRunRow, 'id'>>): JobRunRow | undefined {
      return db.update(jobRuns).set(patch).where(eq(jobRuns.id, id)).returning().get();
    },

    /** A scheduled fire that did not run, recorded so that nobody wonders why nothing happened. */
    recordMissed(job: string, scheduledFor: string, at: string, reason: string): JobRunRow {
      return db
        .insert(jobRuns)
        .values({ job, trigger: 'schedule', actor: null, scheduled_for: scheduledFor, started_at: at, ended_at: at, status: 'missed', counts: emptyCounts(), log_excerpt: [], error: reason })
        .returning()
        .get();
    },

    byId(id: number): JobRunRow | undefined {
      return db.select().from(jobRuns).where(eq(jobRuns.id, id)).get();
    },

    list(job: string, limit: number): JobRunRow[] {
      return db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(desc(jobRuns.id)).limit(limit).all();
    },

    /** The open run of a job (in any process), if any. */
    openRun(job: string): JobRunRow | undefined {
      return openRows(job)[0];
    },

    /** The last run that ended (or was missed), for the jobs list. */
    lastEnded(job: string): JobRunRow | undefined {
      return db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job), sql`${jobRuns.ended_at} IS NOT NULL`))
        .orderBy(desc(jobRuns.id))
        .limit(1)
        .get();
    },

    /** Deletes the runs ended before `before`, keeping the last `keep` of each job; answers how many went. */
    purgeEnded(before: string, keep: number): number {
      return db.$client
        .prepare<[string, number]>(
          `DELETE FROM job_runs WHERE ended_at IS NOT NULL AND ended_at < ?
             AND id NOT IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY job ORDER BY id DESC) AS n FROM job_runs) WHERE n <= ?)`,
        )
        .run(before, keep).changes;
    },

    lastFire(job: string): string | undefined {
      return db.select().from(jobState).where(eq(jobState.job, job)).get()?.last_fire_at;
    },

    setLastFire(job: string, at: string): void {
      db.insert(jobState).values({ job, last_fire_at: at }).onConflictDoUpdate({ target: jobState.job, set: { last_fire_at: at } }).run();
    },

    forget(job: string): void {
      db.delete(jobState).where(eq(jobState.job, job)).run();
    },
  };
}

export type RunsRepository = ReturnType<typeof createRunsRepository>;
