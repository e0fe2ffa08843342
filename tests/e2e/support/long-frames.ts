import type { Page } from 'playwright-core';

/**
 * An init script (`context.addInitScript`) that records the page's long frames from its first
 * script on: Chromium's Long Animation Frames API (each frame whose work took more than 50 ms,
 * with the two scripts that took longest), else long tasks; when the first sync's progress left
 * the page (`window.__relaisSyncEnded`), when « prêt hors ligne » showed (`__relaisOfflineReady`)
 * and when the board's last block from the server's answer left (`__relaisPreviewGone`). A source
 * string: tsx would wrap named functions in a helper the page lacks.
 */
export const recordLongFrames = `(() => {
  window.__relaisLongFrames = [];
  const record = (list) => {
    for (const entry of list.getEntries()) {
      const scripts = (entry.scripts || []).slice().sort((a, b) => b.duration - a.duration).slice(0, 2);
      const where = scripts.map((script) => \`\${script.invoker || ''} \${script.sourceFunctionName || ''} \${Math.round(script.duration)} ms\`).join(' ; ');
      window.__relaisLongFrames.push({ start: entry.startTime, duration: entry.duration, type: entry.entryType, where });
    }
  };
  const supported = PerformanceObserver.supportedEntryTypes || [];
  const type = supported.includes('long-animation-frame') ? 'long-animation-frame' : 'longtask';
  new PerformanceObserver(record).observe({ type, buffered: true });
  // When the first sync's progress last left the page: the frames after it are the switch to the
  // replica's own copies, not the sync's. The last time: it also leaves for a moment between two
  // collections (the chauffeurs loaded, the missions not started yet).
  // And when « prêt hors ligne » first showed, and when the server's read-only blocks last left.
  let shownBefore = false;
  let previewBefore = false;
  new MutationObserver(() => {
    const shown = document.querySelector('[data-testid="sync-progress"]') !== null;
    if (shownBefore && !shown) {
      window.__relaisSyncEnded = performance.now();
    }
    shownBefore = shown;
    if (window.__relaisOfflineReady === undefined && document.querySelector('[data-testid="offline-ready"]') !== null) {
      window.__relaisOfflineReady = performance.now();
    }
    const preview = document.querySelector('[data-testid="planning-block"][data-preview]') !== null;
    if (previewBefore && !preview) {
      window.__relaisPreviewGone = performance.now();
    }
    previewBefore = preview;
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-preview'] });
})()`;

export interface LongFrame {
  start: number;
  duration: number;
  type: string;
  /** The scripts that took longest in the frame (Long Animation Frames only). */
  where?: string;
}

/** The long frames `recordLongFrames` saw that overlap `from`..`to` (the page's `performance.now()` clock). */
export async function longFrames(page: Page, from: number, to: number): Promise<LongFrame[]> {
  const frames = await page.evaluate<LongFrame[]>('window.__relaisLongFrames');
  return frames.filter((frame) => frame.start + frame.duration >= from && frame.start <= to);
}

/** The page's `performance.now()`. */
export const pageClock = (page: Page): Promise<number> => page.evaluate<number>('performance.now()');

/** The longest of `frames` in milliseconds, 0 when there is none. */
export const longest = (frames: readonly LongFrame[]): number => frames.reduce((max, frame) => Math.max(max, frame.duration), 0);

/** The five longest frames, with their scripts: « 375 ms [IDBTransaction.oncomplete … 370 ms] | … ». */
export function worstFrames(frames: readonly LongFrame[]): string {
  return frames
    .slice()
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 5)
    .map((frame) => `${frame.duration.toFixed(0)} ms [${frame.where ?? ''}]`)
    .join(' | ');
}
