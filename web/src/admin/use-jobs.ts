import type { JobEvent, JobInfo, JobRun } from '@relais/schema';
import { useEffect, useState } from 'react';

/** A job with a run's news applied: the run going on, or the last one once it ended. */
export function applyRun(jobs: readonly JobInfo[], run: JobRun): JobInfo[] {
  return jobs.map((job) => {
    if (job.name !== run.job) {
      return job;
    }
    return run.status === 'running' ? { ...job, running: run } : { ...job, running: job.running?.id === run.id ? null : job.running, last_run: run };
  });
}

const runEvents = ['run-started', 'run-progress', 'run-finished'] as const;

/** What the page needs of an EventSource (a fake one in tests). */
export interface JobEventSource {
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface JobEventHandlers {
  onRun: (run: JobRun) => void;
  onResync: () => void;
  /** The stream opened (true) or broke, was refused or is missing (false): the page polls while it is down. */
  onLive: (live: boolean) => void;
}

/**
 * Follows the jobs' stream: each run's progress as it happens; `resync`, each run's end and a stream
 * that opens again after a break read the list again. Returns the stop.
 */
export function watchJobEvents(source: JobEventSource | undefined, { onRun, onResync, onLive }: JobEventHandlers): () => void {
  if (!source) {
    onLive(false);
    return () => undefined;
  }
  let broken = false;
  source.onopen = () => {
    onLive(true);
    if (broken) {
      broken = false;
      onResync();
    }
  };
  source.onerror = () => {
    broken = true;
    onLive(false);
  };
  const listener = (event: MessageEvent<string>): void => {
    let parsed: JobEvent;
    try {
      parsed = JSON.parse(event.data) as JobEvent;
    } catch {
      return;
    }
    if (parsed.type === 'resync') {
      onResync();
      return;
    }
    onRun(parsed.run);
    if (parsed.type === 'run-finished') {
      onResync();
    }
  };
  source.addEventListener('resync', listener);
  for (const name of runEvents) {
    source.addEventListener(name, listener);
  }
  return () => source.close();
}

/**
 * Listens to `/admin/jobs/events` (the session cookie authenticates an EventSource; it needs
 * `admin_access`). Returns whether the stream is up: while it is not, the page reads again every
 * `fallbackMs` (a slow poll, never the stream's pace).
 */
export function useJobEvents(onRun: (run: JobRun) => void, onResync: () => void, fallbackMs = 30_000): boolean {
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = typeof EventSource === 'undefined' ? undefined : new EventSource('/admin/jobs/events', { withCredentials: true });
    return watchJobEvents(source, { onRun, onResync, onLive: setLive });
  }, [onRun, onResync]);
  useEffect(() => {
    if (live) {
      return undefined;
    }
    const timer = setInterval(onResync, fallbackMs);
    return () => clearInterval(timer);
  }, [live, onResync, fallbackMs]);
  return live;
}
