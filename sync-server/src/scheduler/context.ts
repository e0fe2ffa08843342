import type { JobCountName, JobCounts, JobProgress, JobTrigger } from '@relais/schema';
import type { Logger } from '../logger';

/** The lines of a run's own log kept with its row (`log_excerpt`). */
export const logExcerptLines = 50;
const maxLineLength = 500;

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A run's log: each line goes to the server log (with the job and run) and to the run's excerpt. */
export interface JobLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What a job's run function is given. */
export interface JobContext {
  runId: number;
  trigger: JobTrigger;
  /** Who asked (a username, the system account of `relais job run`), or null for the schedule. */
  actor: string | null;
  /** Aborted when the run is past its timeout or the server stops: stop soon after. */
  signal: AbortSignal;
  /** Where the run is: `done` of `total` (if known), with a short French label of the step. */
  progress: (update: { done: number; total?: number | null; label?: string | null }) => void;
  /** Adds to one of the run's counts (1 by default). */
  count: (name: JobCountName, amount?: number) => void;
  log: JobLog;
}

/** A recurring job, registered once; several of one kind may exist (`wms-backup:3`, `wms-backup:7`). */
export interface JobDefinition {
  name: string;
  /** French, for the administration screen. */
  label: string;
  description?: string;
  /** Cron expression (5 fields, or 6 with seconds first) in the jobs' time zone, or `off`; the configuration may override it. */
  defaultSchedule: string;
  timeoutMs: number;
  /** After a stop during which fires were missed, run once at start (`startup-catch-up`). */
  catchUp?: boolean;
  /** Its result (JSON) is kept with the run. */
  run(context: JobContext): Promise<unknown>;
}

/** The live state of one run, read by the jobs list and the event stream. */
export interface RunState {
  progress: JobProgress | null;
  counts: JobCounts;
  log: string[];
}

function clock(at: Date): string {
  return at.toISOString().slice(11, 19);
}

/** The run's log: to the server log through a child logger, and to the ring buffer of the excerpt. */
export function jobLog(logger: Logger, state: RunState, now: () => Date): JobLog {
  const write = (level: LogLevel, message: string, fields: Record<string, unknown> = {}): void => {
    logger[level](fields, message);
    if (!logger.isLevelEnabled(level) && level === 'debug') {
      return;
    }
    const extra = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    state.log.push(`${clock(now())} ${level.toUpperCase()} ${message}${extra}`.slice(0, maxLineLength));
    if (state.log.length > logExcerptLines) {
      state.log.splice(0, state.log.length - logExcerptLines);
    }
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
