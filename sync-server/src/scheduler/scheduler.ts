import type { JobEvent, JobInfo } from '@relais/schema';
import { Cron } from 'croner';
import type { Db } from '../db/client';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import type { JobDefinition } from './context';
import { firesBetween, isValidCron, jobNameSchema, nextFire, scheduleOff } from './cron';
import { createRunner, type RunRequest, type StartedRun } from './execution';
import { createRunsRepository, processOwner, toJobRun } from './runs';

/** Missed fires recorded one by one after a stop; beyond, one more row tells how many others. */
export const missedRowLimit = 20;

/** Where the schedules come from: the runtime configuration (`RELAIS_JOBS_TIMEZONE`, `RELAIS_JOB_SCHEDULES`). */
export interface ScheduleSource {
  timezone(): string;
  overrides(): Readonly<Record<string, string>>;
}

export interface SchedulerDeps {
  db: Db;
  logger: Logger;
  schedules: ScheduleSource;
  /** The clock of run times and missed fires (tests move it); croner's timers follow the real one. */
  now?: () => Date;
}

interface Entry {
  definition: JobDefinition;
  cron?: Cron;
  /** The schedule and time zone the timer follows, to re-arm only what changed. */
  armed?: string;
  expectedFire?: Date | null;
}

/**
 * Every recurring job of the server, on croner: registered once (built-in ones at start, a connector's
 * when its connections change), run on schedule, by hand or from the console, never twice at once,
 * aborted past their timeout, each run recorded in `job_runs`.
 */
export function createScheduler({ db, logger, schedules, now = () => new Date() }: SchedulerDeps) {
  const runs = createRunsRepository(db, processOwner());
  const entries = new Map<string, Entry>();
  const listeners = new Set<(event: JobEvent) => void>();
  let started = false;

  const iso = (at: Date = now()): string => at.toISOString();
  const frenchTime = (at: string): string =>
    new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: schedules.timezone() }).format(new Date(at));

  function scheduleOf(definition: JobDefinition): string {
    return schedules.overrides()[definition.name] ?? definition.defaultSchedule;
  }

  function emit(event: JobEvent): void {
    for (const listener of listeners) {
      listener(event);
    }
  }

  const runner = createRunner({ runs, logger, now, frenchTime, emit });

  function entryOr404(name: string): Entry {
    const entry = entries.get(name);
    if (!entry) {
      throw new ApiError('NOT_FOUND', `Tâche inconnue : ${name}`);
    }
    return entry;
  }

  function onFire(entry: Entry): void {
    const at = now();
    const expected = entry.expectedFire;
    const fire = expected && expected.getTime() <= at.getTime() + 1000 ? expected : at;
    entry.expectedFire = nextFire(scheduleOf(entry.definition), schedules.timezone(), at);
    runs.setLastFire(entry.definition.name, iso(fire));
    try {
      runner.start(entry.definition, { trigger: 'schedule', actor: null, scheduledFor: iso(fire) });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ALREADY_RUNNING') {
        const missed = runs.recordMissed(entry.definition.name, iso(fire), iso(at), `Non lancée : ${error.message}`);
        emit({ type: 'run-finished', run: toJobRun(missed) });
        logger.warn({ job: entry.definition.name }, 'déclenchement planifié ignoré : tâche déjà en cours');
      } else {
        logger.error({ err: error, job: entry.definition.name }, 'déclenchement planifié impossible');
      }
    }
  }

  function arm(entry: Entry): void {
    const schedule = scheduleOf(entry.definition);
    const timezone = schedules.timezone();
    entry.cron?.stop();
    entry.cron = undefined;
    entry.armed = `${schedule}|${timezone}`;
    if (!started || schedule === scheduleOff) {
      return;
    }
    entry.expectedFire = nextFire(schedule, timezone, now());
    entry.cron = new Cron(schedule, { timezone, mode: '5-or-6-parts', unref: true, catch: true }, () => onFire(entry));
  }

  /** Records the fires missed since the last one handled, and catches up once when the job asks. */
  function recordMissed(entry: Entry): void {
    const { name, catchUp } = entry.definition;
    const at = now();
    const last = runs.lastFire(name);
    runs.setLastFire(name, iso(at));
    if (last === undefined) {
      return;
    }
    const { fires, total, last: lastMissed } = firesBetween(scheduleOf(entry.definition), schedules.timezone(), new Date(last), at, missedRowLimit);
    for (const fire of fires) {
      runs.recordMissed(name, iso(fire), iso(at), "Non lancée : le serveur était arrêté à l'heure prévue.");
    }
    if (total > fires.length && lastMissed) {
      runs.recordMissed(name, iso(lastMissed), iso(at), `Non lancée : le serveur était arrêté ; ${total - fires.length} autres déclenchements manqués jusqu'au ${frenchTime(iso(lastMissed))}.`);
    }
    if (total === 0) {
      return;
    }
    logger.warn({ job: name, missed: total, since: last }, "exécutions planifiées manquées pendant l'arrêt du serveur");
    if (catchUp) {
      try {
        runner.start(entry.definition, { trigger: 'startup-catch-up', actor: null });
      } catch (error) {
        logger.warn({ err: error, job: name }, 'rattrapage impossible');
      }
    }
  }

  function register(definition: JobDefinition): () => void {
    const name = jobNameSchema.safeParse(definition.name);
    if (!name.success || entries.has(definition.name)) {
      throw new Error(`Tâche ${definition.name} : ${name.success ? 'déjà enregistrée' : 'nom invalide'}`);
    }
    if (definition.defaultSchedule !== scheduleOff && !isValidCron(definition.defaultSchedule)) {
      throw new Error(`Tâche ${definition.name} : expression cron invalide ${definition.defaultSchedule}`);
    }
    const entry: Entry = { definition };
    entries.set(definition.name, entry);
    if (started) {
      recordMissed(entry);
      arm(entry);
    }
    return () => unregister(definition.name);
  }

  /** Removes a job (a deleted connection's); `forget` also drops its last fire, so a job of the same name starts afresh. */
  function unregister(name: string, options: { forget?: boolean } = {}): void {
    const entry = entries.get(name);
    entry?.cron?.stop();
    entries.delete(name);
    if (options.forget) {
      runs.forget(name);
    }
  }

  function info(entry: Entry): JobInfo {
    const { definition } = entry;
    const schedule = scheduleOf(definition);
    const timezone = schedules.timezone();
    const mine = runner.current(definition.name);
    const open = mine ? undefined : runs.openRun(definition.name);
    const last = runs.lastEnded(definition.name);
    return {
      name: definition.name,
      label: definition.label,
      description: definition.description ?? null,
      schedule,
      default_schedule: definition.defaultSchedule,
      timezone,
      timeout_seconds: definition.timeoutMs / 1000,
      catch_up: definition.catchUp ?? false,
      // Once started, what the armed timer will do (so a schedule that failed to re-arm shows); before, what the schedule says.
      next_run: (started ? (entry.cron?.nextRun(now()) ?? null) : nextFire(schedule, timezone, now()))?.toISOString() ?? null,
      last_run: last ? toJobRun(last) : null,
      running: mine ?? (open ? toJobRun(open) : null),
    };
  }

  return {
    runs,
    register,
    unregister,
    has: (name: string): boolean => entries.has(name),
    names: (): string[] => [...entries.keys()].sort(),
    definition: (name: string): JobDefinition => entryOr404(name).definition,
    list: (): JobInfo[] => [...entries.values()].map(info).sort((a, b) => a.name.localeCompare(b.name)),
    job: (name: string): JobInfo => info(entryOr404(name)),

    /** Runs a job now; refuses with `ALREADY_RUNNING` (409) while a run of it goes on, here or in another process. */
    run(name: string, request: RunRequest): StartedRun {
      return runner.start(entryOr404(name).definition, request);
    },

    /** Starts the timers: closes the runs a crash left open, records missed fires, catches up. */
    start(): void {
      started = true;
      for (const row of runs.closeCrashed(now())) {
        logger.warn({ job: row.job, run: row.id }, 'exécution laissée en cours par un arrêt brutal : close en échec');
      }
      for (const entry of entries.values()) {
        recordMissed(entry);
        arm(entry);
      }
    },

    /** After a configuration change: the jobs whose schedule or time zone changed follow the new one from now on. */
    reschedule(): void {
      for (const entry of entries.values()) {
        if (entry.armed !== `${scheduleOf(entry.definition)}|${schedules.timezone()}`) {
          if (started) {
            runs.setLastFire(entry.definition.name, iso());
          }
          arm(entry);
        }
      }
    },

    onEvent(listener: (event: JobEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Stops the timers and the runs (their signal is aborted); waits `graceMs` for them, then records them aborted. */
    async stop(graceMs = 5000): Promise<void> {
      started = false;
      for (const entry of entries.values()) {
        entry.cron?.stop();
        entry.cron = undefined;
      }
      await runner.stopAll(graceMs);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
