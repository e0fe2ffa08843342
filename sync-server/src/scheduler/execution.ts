import type { JobEvent, JobRun, JobTrigger } from '@relais/schema';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import { jobLog, type JobContext, type JobDefinition, type RunState } from './context';
import { emptyCounts, toJobRun, type JobRunRow, type RunsRepository } from './runs';

const heartbeatMs = 10_000;
const progressEventMs = 250;
const maxTimeoutMs = 2 ** 31 - 1;
const maxResultLength = 20_000;

export interface RunRequest {
  trigger: JobTrigger;
  actor: string | null;
  scheduledFor?: string | null;
}

export interface StartedRun {
  runId: number;
  /** Resolves once the run's status is known: at its end, or at its timeout (its work may then still be stopping). */
  finished: Promise<JobRun>;
}

interface ActiveRun {
  id: number;
  definition: JobDefinition;
  request: RunRequest;
  startedAt: string;
  controller: AbortController;
  state: RunState;
  status: 'running' | 'aborted';
  error: string | null;
  /** Why the signal was aborted, when it was (timeout, server stop). */
  abortMessage?: string;
  settled?: Promise<void>;
  lastProgressEvent: number;
  progressTimer?: NodeJS.Timeout;
}

type Outcome = { kind: 'ok'; result: unknown } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

function jsonResult(value: unknown): unknown {
  const text = JSON.stringify(value ?? null) as string | undefined;
  if (text === undefined) {
    return null;
  }
  return text.length > maxResultLength ? { truncated: true, length: text.length } : (JSON.parse(text) as unknown);
}

function duration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(1, Math.round(ms / 1000))} s`;
}

export interface RunnerDeps {
  runs: RunsRepository;
  logger: Logger;
  now: () => Date;
  /** A time as the administrator reads it (the jobs' time zone). */
  frenchTime: (at: string) => string;
  emit: (event: JobEvent) => void;
}

/**
 * Runs jobs one at a time per job: the lock (in memory, and the open `job_runs` row for other
 * processes), the timeout, the progress, the heartbeat of open rows and the recording of the end.
 */
export function createRunner({ runs, logger, now, frenchTime, emit }: RunnerDeps) {
  const active = new Map<string, ActiveRun>();
  let heartbeat: NodeJS.Timeout | undefined;
  const iso = (at: Date = now()): string => at.toISOString();

  function liveRun(run: ActiveRun): JobRun {
    return {
      id: run.id,
      job: run.definition.name,
      trigger: run.request.trigger,
      actor: run.request.actor,
      scheduled_for: run.request.scheduledFor ?? null,
      started_at: run.startedAt,
      ended_at: null,
      status: run.status,
      progress: run.state.progress,
      counts: { ...run.state.counts },
      error: run.error,
      log_excerpt: [...run.state.log],
      result: null,
    };
  }

  function alreadyRunning(definition: JobDefinition, startedAt: string, runId: number, elsewhere: boolean): ApiError {
    const where = elsewhere ? ' (lancée depuis la console ou un autre processus)' : '';
    return new ApiError('ALREADY_RUNNING', `La tâche « ${definition.label} » est déjà en cours depuis le ${frenchTime(startedAt)}${where} : attendez la fin de son exécution.`, {
      job: definition.name,
      run_id: runId,
    });
  }

  function beat(): void {
    const at = iso();
    for (const run of active.values()) {
      runs.update(run.id, {
        heartbeat_at: at,
        progress_done: run.state.progress?.done ?? null,
        progress_total: run.state.progress?.total ?? null,
        progress_label: run.state.progress?.label ?? null,
        counts: run.state.counts,
        log_excerpt: run.state.log,
      });
    }
  }

  function progressEvent(run: ActiveRun): void {
    if (run.progressTimer !== undefined) {
      return;
    }
    const wait = run.lastProgressEvent + progressEventMs - Date.now();
    const send = (): void => {
      run.progressTimer = undefined;
      run.lastProgressEvent = Date.now();
      if (active.get(run.definition.name) === run && run.status === 'running') {
        emit({ type: 'run-progress', run: liveRun(run) });
      }
    };
    if (wait <= 0) {
      send();
    } else {
      run.progressTimer = setTimeout(send, wait);
      run.progressTimer.unref();
    }
  }

  /** Records how the run ended, or that it is aborted while its work may still be stopping. */
  function conclude(run: ActiveRun, outcome: Outcome, runLogger: Logger): JobRun {
    clearTimeout(run.progressTimer);
    const at = iso();
    const base = {
      heartbeat_at: at,
      progress_done: run.state.progress?.done ?? null,
      progress_total: run.state.progress?.total ?? null,
      progress_label: run.state.progress?.label ?? null,
      counts: run.state.counts,
    };
    let row: JobRunRow | undefined;
    if (outcome.kind === 'ok') {
      runLogger.info({ counts: run.state.counts }, 'tâche terminée');
      row = runs.update(run.id, { ...base, status: 'succeeded', ended_at: at, log_excerpt: run.state.log, result: jsonResult(outcome.result) });
    } else if (outcome.kind === 'error') {
      const aborted = run.controller.signal.aborted;
      run.error = aborted ? (run.abortMessage ?? 'Exécution interrompue.') : errorText(outcome.error);
      jobLog(runLogger, run.state, now)[aborted ? 'warn' : 'error'](aborted ? run.error : `échec : ${run.error}`);
      row = runs.update(run.id, { ...base, status: aborted ? 'aborted' : 'failed', ended_at: at, error: run.error, log_excerpt: run.state.log });
    } else {
      run.status = 'aborted';
      run.error = `Délai dépassé (${duration(run.definition.timeoutMs)}) : exécution interrompue.`;
      run.abortMessage = run.error;
      jobLog(runLogger, run.state, now).warn(run.error);
      run.controller.abort(new Error(run.error));
      row = runs.update(run.id, { ...base, status: 'aborted', error: run.error, log_excerpt: run.state.log });
    }
    const finished = row ? toJobRun(row) : liveRun(run);
    emit({ type: 'run-finished', run: finished });
    return finished;
  }

  /** The work has stopped: the job may run again. An aborted run gets its end time only now. */
  function release(run: ActiveRun): void {
    if (active.get(run.definition.name) === run) {
      active.delete(run.definition.name);
    }
    const row = runs.byId(run.id);
    if (row && row.ended_at === null) {
      const ended = runs.update(run.id, { ended_at: iso(), heartbeat_at: iso() });
      if (ended) {
        emit({ type: 'run-finished', run: toJobRun(ended) });
      }
    }
    if (active.size === 0 && heartbeat !== undefined) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }

  function start(definition: JobDefinition, request: RunRequest): StartedRun {
    const current = active.get(definition.name);
    if (current) {
      throw alreadyRunning(definition, current.startedAt, current.id, false);
    }
    const startedAt = iso();
    const opened = runs.open({ job: definition.name, trigger: request.trigger, actor: request.actor, scheduledFor: request.scheduledFor ?? null, at: startedAt }, now());
    if (!opened.ok) {
      throw alreadyRunning(definition, opened.running.started_at, opened.running.id, true);
    }
    const run: ActiveRun = {
      id: opened.id,
      definition,
      request,
      startedAt,
      controller: new AbortController(),
      state: { progress: null, counts: emptyCounts(), log: [] },
      status: 'running',
      error: null,
      lastProgressEvent: 0,
    };
    active.set(definition.name, run);
    heartbeat ??= setInterval(beat, heartbeatMs);
    heartbeat.unref();
    const runLogger = logger.child({ job: definition.name, run: run.id });
    const log = jobLog(runLogger, run.state, now);
    log.info(`démarrée (${request.trigger}${request.actor ? `, par ${request.actor}` : ''})`);
    emit({ type: 'run-started', run: liveRun(run) });
    const context: JobContext = {
      runId: run.id,
      trigger: request.trigger,
      actor: request.actor,
      signal: run.controller.signal,
      progress: ({ done, total = null, label = null }) => {
        run.state.progress = { done, total, label };
        progressEvent(run);
      },
      count: (name, amount = 1) => {
        run.state.counts[name] += amount;
      },
      log,
    };
    const work = Promise.resolve().then(() => definition.run(context));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.min(definition.timeoutMs, maxTimeoutMs));
    });
    const outcome = work.then(
      (result): Outcome => ({ kind: 'ok', result }),
      (error: unknown): Outcome => ({ kind: 'error', error }),
    );
    const finished = Promise.race([outcome, timedOut]).then((first) => {
      clearTimeout(timer);
      return conclude(run, first, runLogger);
    });
    // The lock holds until the work itself settles, even when the run was recorded aborted at its timeout.
    run.settled = Promise.all([finished, outcome])
      .then(() => release(run))
      .catch((error: unknown) => logger.error({ err: error, job: definition.name }, "fin d'exécution non enregistrée"));
    finished.catch((error: unknown) => logger.error({ err: error, job: definition.name }, "fin d'exécution non enregistrée"));
    return { runId: run.id, finished };
  }

  return {
    start,
    liveRun,
    /** The run of a job going on in this process, if any. */
    current: (name: string): JobRun | undefined => {
      const run = active.get(name);
      return run ? liveRun(run) : undefined;
    },

    /** Aborts every run (server stop); waits `graceMs` for their work, then records those still going aborted. */
    async stopAll(graceMs: number): Promise<void> {
      const stopping = [...active.values()];
      for (const run of stopping) {
        run.abortMessage ??= "Serveur arrêté pendant l'exécution : exécution interrompue.";
        run.controller.abort(new Error(run.abortMessage));
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(stopping.map((run) => run.settled ?? Promise.resolve())), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      for (const run of active.values()) {
        const row = runs.byId(run.id);
        runs.update(run.id, { ended_at: iso(), status: row?.status === 'running' ? 'aborted' : row?.status, error: row?.error ?? run.abortMessage ?? null, log_excerpt: run.state.log });
      }
      active.clear();
      clearInterval(heartbeat);
      heartbeat = undefined;
    },
  };
}

export type Runner = ReturnType<typeof createRunner>;
