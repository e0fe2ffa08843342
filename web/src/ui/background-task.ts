import { useEffect, useState } from 'react';

/**
 * Runs `task` once, in a task of the browser's lowest priority (`scheduler.postTask`,
 * « background »): after every task of a normal priority already queued or queued meanwhile, such
 * as the IndexedDB completions, fetch answers and pauses of a first sync, so that work which can
 * wait (a board's rows out of view) fills the moments the page would otherwise idle instead of
 * delaying them. Run at a normal priority after `latestMs` all the same: a page that never idles
 * still gets it done. Where the browser lacks the API, a new task after those queued now. Answers
 * a function that cancels the task if it has not run yet.
 */
export function inBackground(task: () => void, latestMs: number): () => void {
  if (typeof scheduler === 'undefined' || typeof scheduler.postTask !== 'function') {
    const timer = setTimeout(task, 0);
    return () => clearTimeout(timer);
  }
  const controller = new AbortController();
  const once = (): void => {
    if (!controller.signal.aborted) {
      controller.abort();
      clearTimeout(latest);
      task();
    }
  };
  const latest = setTimeout(once, latestMs);
  // Rejected once aborted (run by the timer, or cancelled): nothing to do then.
  scheduler.postTask(once, { priority: 'background', signal: controller.signal }).catch(() => undefined);
  return () => {
    controller.abort();
    clearTimeout(latest);
  };
}

/**
 * `value` as a part of the screen out of view shows it (the totals under a board of 200 rows): the
 * first value at once, each new one in a background task (`inBackground`, at the latest after
 * `latestMs`), so that the render of the click that changed it does not wait for it.
 */
export function useBackgroundValue<T>(value: T, latestMs: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => (Object.is(shown, value) ? undefined : inBackground(() => setShown(() => value), latestMs)), [value, shown, latestMs]);
  return shown;
}
