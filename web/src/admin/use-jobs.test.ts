import type { JobInfo, JobRun } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { applyRun, watchJobEvents, type JobEventSource } from './use-jobs';

function run(id: number, status: JobRun['status'], done = 0): JobRun {
  return {
    id,
    job: 'backup',
    trigger: 'manual',
    actor: 'ADMIN',
    scheduled_for: null,
    started_at: '2026-12-06T10:00:00.000Z',
    ended_at: status === 'running' ? null : '2026-12-06T10:00:05.000Z',
    status,
    progress: { done, total: 4, label: null },
    counts: { created: 0, updated: 0, deleted: 0, skipped: 0, failed: 0 },
    error: null,
    log_excerpt: [],
    result: null,
  };
}

const job: JobInfo = {
  name: 'backup',
  label: 'Sauvegarde',
  description: null,
  schedule: '0 2 * * *',
  default_schedule: '0 2 * * *',
  timezone: 'Europe/Paris',
  timeout_seconds: 600,
  catch_up: true,
  next_run: null,
  last_run: null,
  running: null,
};

describe('applyRun', () => {
  it('shows the run going on with its progress, then moves it to the last run', () => {
    const other = { ...job, name: 'housekeeping' };
    const started = applyRun([job, other], run(7, 'running', 1));
    expect(started[0]?.running?.progress?.done).toBe(1);
    expect(started[1]).toBe(other);
    const progressed = applyRun(started, run(7, 'running', 3));
    expect(progressed[0]?.running?.progress?.done).toBe(3);
    const finished = applyRun(progressed, run(7, 'succeeded', 4));
    expect(finished[0]?.running).toBeNull();
    expect(finished[0]?.last_run?.status).toBe('succeeded');
  });
});

/** An EventSource the test drives: opens, breaks, and delivers the server's events. */
class FakeSource implements JobEventSource {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, (event: MessageEvent<string>) => void>();
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, data: unknown): void {
    this.listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

describe('watchJobEvents', () => {
  it('says when the stream is up or down, reads again after a break, and hands over the runs', () => {
    const source = new FakeSource();
    const seen: string[] = [];
    const stop = watchJobEvents(source, {
      onRun: (r) => seen.push(`run ${r.id} ${r.status}`),
      onResync: () => seen.push('resync'),
      onLive: (live) => seen.push(live ? 'up' : 'down'),
    });
    source.onopen?.(new Event('open'));
    source.emit('run-started', { type: 'run-started', run: run(1, 'running') });
    source.emit('run-finished', { type: 'run-finished', run: run(1, 'succeeded', 4) });
    source.onerror?.(new Event('error'));
    source.onopen?.(new Event('open'));
    expect(seen).toEqual(['up', 'run 1 running', 'run 1 succeeded', 'resync', 'down', 'up', 'resync']);
    stop();
    expect(source.closed).toBe(true);
  });

  it('is down from the start without an EventSource (the page then polls)', () => {
    const states: boolean[] = [];
    watchJobEvents(undefined, { onRun: () => undefined, onResync: () => undefined, onLive: (live) => states.push(live) });
    expect(states).toEqual([false]);
  });
});
