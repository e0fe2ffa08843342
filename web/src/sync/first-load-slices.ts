/** How the browser sizes a first sync's write slices: see `createSliceBudget`. */
export interface SliceBudget {
  /** The longest the page should go without answering because of the sync's writes, in ms. */
  budgetMs: number;
  /** Documents per slice: the first slice's, and the bounds it moves between. */
  initial: number;
  min: number;
  max: number;
}

/**
 * The size of the next slice after a pause that waited `waitedMs` for its turn: shrunk in
 * proportion when the page was held longer than the budget (at most halved at once), grown by a
 * quarter while it was held under half the budget, kept in between.
 */
export function nextSliceSize(size: number, waitedMs: number, budget: SliceBudget): number {
  if (waitedMs > budget.budgetMs) {
    return Math.max(budget.min, Math.floor(size * Math.max(0.5, budget.budgetMs / waitedMs)));
  }
  if (waitedMs < budget.budgetMs / 2) {
    return Math.min(budget.max, Math.ceil(size * 1.25));
  }
  return size;
}

/** A new task after the ones queued now (a message to itself: no 4 ms clamp as nested timers get). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * The longest task the page ran since the last call, in ms (0 if none over 50 ms), from Chromium's
 * long tasks; always 0 where the browser does not report them. Observed from the first call on
 * only: a page that never runs a first sync keeps no observer.
 */
export function watchLongTasks(): () => number {
  let longest = 0;
  let watching = false;
  return () => {
    if (!watching) {
      watching = true;
      if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('longtask')) {
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            longest = Math.max(longest, entry.duration);
          }
        }).observe({ type: 'longtask' });
      }
    }
    const value = longest;
    longest = 0;
    return value;
  };
}

/**
 * Time-budgeted slices for a first sync's writes (`firstLoadSlice` of `startSync`): each pause
 * between two slices is a new task, and how long that task waited for its turn is how long the
 * page went without answering (the slices' IndexedDB writes and change events queued before it,
 * with whatever else the page had to do), or the longest task the page ran since the pause
 * before (`longTask`: the wait misses the work that ran before it in the same task, such as the
 * change event of the slice just committed). The next slice grows while that stays well under the
 * budget and shrinks when it goes over: large slices, which load faster, on a quiet machine with
 * an idle screen, small ones while the screen or the machine is busy.
 */
export function createSliceBudget(
  budget: SliceBudget,
  clock: () => number = () => performance.now(),
  yieldTask: () => Promise<void> = nextTask,
  longTask: () => number = () => 0,
): { readonly documents: number; pause(): Promise<void> } {
  let documents = budget.initial;
  return {
    get documents() {
      return documents;
    },
    async pause() {
      const asked = clock();
      await yieldTask();
      documents = nextSliceSize(documents, Math.max(clock() - asked, longTask()), budget);
    },
  };
}
