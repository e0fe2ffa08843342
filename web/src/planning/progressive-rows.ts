import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { inBackground } from '../ui/background-task';

/** A board row is never shorter than this (`.board-row` min-height). */
const rowMinHeight = 44;
/** Rows added per frame once the first rows are painted (150 blocks on a busy week: one frame). */
const rowsPerChunk = 6;
/**
 * The first chunks after a view's first paint are smaller (2 rows, then 4): the frames right after
 * the click, while the user takes in the week, are not held by 150 blocks styled and laid out at once.
 */
const firstChunkRows = 2;

/** The rows the next chunk adds once `added` rows have been added after the first paint: 2, 4, then `rowsPerChunk`. */
export function chunkRows(added: number): number {
  return Math.min(rowsPerChunk, firstChunkRows + added);
}
/** A chunk waits for the page to idle at most this long: a page busy without a break still gets its rows. */
const chunkLatestMs = 500;
/** A week block's height (measured in Chromium: a 4-block row is 160 px) and the gap and padding of its cell (`.week-cell`). */
const blockHeight = 36;
const blockGap = 3;
const cellPadding = 3;

/**
 * How many rows the first commit of a view draws: those of `heights` (estimated, top to bottom) a
 * viewport `viewport` pixels tall can show from the top (at least one). No more: the rows below
 * follow in the next frame, and each drawn before the first paint delays it.
 */
export function firstRowCount(heights: readonly number[], viewport: number): number {
  let count = 0;
  for (let top = 0; count < heights.length && top < viewport; count += 1) {
    top += heights[count] ?? rowMinHeight;
  }
  return Math.max(1, count);
}

/**
 * The height a week row will take with `blocks` blocks in its fullest cell: the size of a row not
 * drawn yet and of a drawn one out of view, so the scrollbar does not jump as rows arrive.
 */
export function weekRowHeight(blocks: number): number {
  if (blocks <= 0) {
    return rowMinHeight;
  }
  return Math.max(rowMinHeight, 2 * cellPadding + blocks * blockHeight + (blocks - 1) * blockGap + 1);
}

/**
 * How many of the rows (their estimated `heights`) to draw: on a new view (`viewKey`) those that
 * fit between the top of the `board` and the bottom of the viewport (measured before the first
 * paint), then a chunk more (`chunkRows`) each frame after the previous ones are painted, until all are in
 * the page (print, CSV and keyboard navigation read the full board). The click paints what the
 * user sees instead of waiting for 5 000 blocks.
 */
export function useProgressiveRows(heights: readonly number[], viewKey: string, board: RefObject<HTMLElement | null>): number {
  const total = heights.length;
  const [view, setView] = useState(viewKey);
  const [drawn, setDrawn] = useState(0);
  /** The rows the view's first commit drew (those in view). */
  const [first, setFirst] = useState(0);
  if (view !== viewKey) {
    // A new week starts again from the rows in view, in this same render (no frame of the old count).
    setView(viewKey);
    setDrawn(0);
  }
  useLayoutEffect(() => {
    if (drawn === 0 && total > 0) {
      // Placeholders only so far: where the board starts tells how many rows the viewport shows.
      const top = board.current?.getBoundingClientRect().top ?? 0;
      const count = firstRowCount(heights, window.innerHeight - top);
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a measure of the layout, drawn again before the paint
      setDrawn(count);
      setFirst(count);
    }
  }, [drawn, total, heights, board]);
  const pending = drawn < total;
  useEffect(() => {
    if (!pending) {
      return undefined;
    }
    // After the next frame is painted, not before: a chunk must not delay the rows already drawn.
    // Then in a background task, rendered and committed at once: during a first sync the rows out
    // of view are drawn while the sync waits for IndexedDB or the network, never ahead of its own
    // tasks (issue 16: the sync with the week open ≤ 1.1× its time with the board closed).
    let cancelTask: (() => void) | undefined;
    const frame = requestAnimationFrame(() => {
      cancelTask = inBackground(() => flushSync(() => setDrawn((count) => count + chunkRows(count - first))), chunkLatestMs);
    });
    return () => {
      cancelAnimationFrame(frame);
      cancelTask?.();
    };
  }, [pending, drawn, first]);
  return Math.min(drawn, total);
}
