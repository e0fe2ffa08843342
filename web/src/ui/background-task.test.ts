// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inBackground, useBackgroundValue } from './background-task';

// React only runs `act` without warnings where the test environment says so.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A stand-in for the browser's `scheduler`: the posted tasks, run when the test says the page idles. */
function fakeScheduler() {
  const posted: { callback: () => void; priority: string | undefined; signal: AbortSignal | undefined }[] = [];
  const scheduler = {
    postTask(callback: () => void, options?: { priority?: string; signal?: AbortSignal }): Promise<void> {
      posted.push({ callback, priority: options?.priority, signal: options?.signal });
      return new Promise((resolve, reject) => {
        options?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    },
  };
  /** Runs the posted tasks not aborted, as the browser does once nothing more urgent is queued. */
  const idle = (): void => {
    for (const task of posted.splice(0)) {
      if (!task.signal?.aborted) {
        task.callback();
      }
    }
  };
  return { scheduler, posted, idle };
}

describe('inBackground', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs the task in a background-priority task once the page idles, once, and not at the latest time after that', () => {
    const fake = fakeScheduler();
    vi.stubGlobal('scheduler', fake.scheduler);
    const task = vi.fn();
    inBackground(task, 500);
    expect(fake.posted.map((posted) => posted.priority)).toEqual(['background']);
    vi.advanceTimersByTime(100);
    expect(task).not.toHaveBeenCalled();
    fake.idle();
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs the task at the latest time when the page never idles, and not again when it does', () => {
    const fake = fakeScheduler();
    vi.stubGlobal('scheduler', fake.scheduler);
    const task = vi.fn();
    inBackground(task, 500);
    vi.advanceTimersByTime(499);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    fake.idle();
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('never runs a cancelled task', () => {
    const fake = fakeScheduler();
    vi.stubGlobal('scheduler', fake.scheduler);
    const task = vi.fn();
    inBackground(task, 500)();
    fake.idle();
    vi.advanceTimersByTime(1000);
    expect(task).not.toHaveBeenCalled();
  });

  it('runs the task in a new task where the browser has no scheduler', () => {
    vi.stubGlobal('scheduler', undefined);
    const task = vi.fn();
    inBackground(task, 500);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledTimes(1);
  });
});

describe('useBackgroundValue', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the first value at once and each new one only once the page idles', () => {
    const fake = fakeScheduler();
    vi.stubGlobal('scheduler', fake.scheduler);
    const shown: string[] = [];
    function Sums({ value }: { value: string }) {
      shown.push(useBackgroundValue(value, 60_000));
      return null;
    }
    const root = createRoot(document.createElement('div'));
    act(() => root.render(createElement(Sums, { value: 'semaine 1' })));
    expect(shown.at(-1)).toBe('semaine 1');
    act(() => root.render(createElement(Sums, { value: 'semaine 2' })));
    // The render of the change still shows the old value; the new one waits for the page to idle.
    expect(shown.at(-1)).toBe('semaine 1');
    expect(fake.posted).toHaveLength(1);
    act(() => fake.idle());
    expect(shown.at(-1)).toBe('semaine 2');
    act(() => root.unmount());
  });
});
