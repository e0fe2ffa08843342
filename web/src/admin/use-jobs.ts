import type { JobEvent, JobInfo, JobRun } from '@relais/schema';
import { useEffect } from 'react';

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

/**
 * Listens to `/admin/jobs/events` (the session cookie authenticates an EventSource): each run's
 * progress as it happens; `resync` and each run's end read the list again (next runs move on).
 */
export function useJobEvents(onRun: (run: JobRun) => void, onResync: () => void): void {
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      return undefined;
    }
    const source = new EventSource('/admin/jobs/events', { withCredentials: true });
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
  }, [onRun, onResync]);
}
