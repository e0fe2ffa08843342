import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { inBackground } from '../ui/background-task';

/** A board row is never shorter than this (`.board-row` min-height). */
const rowMinHeight = 44;
/** Rows added per frame once the first rows are painted (150 blocks on a busy week: one frame). */
const rowsPerChunk = 6;
/**
 * The first chunks after a view's first paint are smaller (1 row, then 2, then 4): the frames right
 * after the click, while the user takes in the week, are not held by 150 blocks styled and laid out
 * at once (a row of 25 blocks a frame, then more as the user is less likely to act).
 */
const firstChunkRows = 1;

/** The rows the next chunk adds once `added` rows have been added after the first paint: 1, 2, 4, then `rowsPerChunk`. */
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
 * Where the last week board drawn started in the document (its top plus the page's scroll), read in
 * a frame's animation callbacks after it was drawn: the next view's first count needs no measure of
 * its own, forced before the paint.
 */
let boardOffset: number | undefined;

/**
 * The rows a viewport shows of a board starting `offset` pixels down the document; 0 (placeholders,
 * measured before the paint) when that place is not known yet or there are no rows yet.
 */
function rowsInView(heights: readonly number[], offset: number | undefined): number {
  return offset === undefined || heights.length === 0 ? 0 : firstRowCount(heights, window.innerHeight - (offset - window.scrollY));
}

/**
 * How many of the rows (their estimated `heights`) to draw: on a new view (`viewKey`) those that
 * fit between the top of the `board` and the bottom of the viewport, then a chunk more (`chunkRows`)
 * each frame after the previous ones are painted, until all are in the page (print, CSV and keyboard
 * navigation read the full board). The click paints what the user sees instead of waiting for 5 000
 * blocks. Where the board starts is known from the last board's paint; the first board of the page
 * measures it before its first paint (a layout of the page more).
 */
export function useProgressiveRows(heights: readonly number[], viewKey: string, board: RefObject<HTMLElement | null>, hold = false): number {
  const total = heights.length;
  const [view, setView] = useState(viewKey);
  const [drawn, setDrawn] = useState(() => rowsInView(heights, boardOffset));
  /** The rows the view's first commit drew (those in view). */
  const [first, setFirst] = useState(drawn);
  if (view !== viewKey) {
    // A new week starts again from the rows in view, in this same render (no frame of the old count).
    const count = rowsInView(heights, boardOffset);
    setView(viewKey);
    setDrawn(count);
    setFirst(count);
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
  const needed = useRowsNeeded(heights, hold && pending);
  const near = drawn < needed;
  useEffect(() => {
    // After the next frame is painted, not before: a chunk must not delay the rows already drawn.
    // Then in a background task, rendered and committed at once: the rows out of view are drawn
    // while the page would otherwise idle, never ahead of a task of a normal priority. Held while a
    // first sync streams in, but for the rows the user scrolls to (drawn at once, a chunk a frame):
    // the sync has the main thread to itself (issue 16: the sync with the week open ≤ 1.1× its time
    // with the board closed), and the other rows follow once it is over.
    let cancelTask: (() => void) | undefined;
    const frame = requestAnimationFrame(() => {
      // In the frame's animation callbacks: the layout this reads is the one the frame does anyway.
      // A board with no box (in a part of the page not shown) has no place to keep.
      const box = board.current?.getBoundingClientRect();
      if (box && box.height > 0) {
        boardOffset = box.top + window.scrollY;
      }
      const addChunk = (): void => flushSync(() => setDrawn((count) => count + chunkRows(count - first)));
      if (pending && hold && near) {
        addChunk();
      } else if (pending && !hold) {
        cancelTask = inBackground(addChunk, chunkLatestMs);
      }
    });
    return () => {
      cancelAnimationFrame(frame);
      cancelTask?.();
    };
  }, [pending, drawn, first, board, hold, near]);
  return Math.min(drawn, total);
}

/**
 * While `watching`, how many rows (of estimated `heights`) must be drawn for the viewport and half a
 * viewport below it to show no placeholder, followed as the user scrolls or resizes the window;
 * 0 otherwise. Reads the scroll and the board's last known place, never the layout.
 */
function useRowsNeeded(heights: readonly number[], watching: boolean): number {
  const [needed, setNeeded] = useState(0);
  useEffect(() => {
    if (!watching) {
      return undefined;
    }
    const follow = (): void => {
      if (boardOffset !== undefined) {
        setNeeded(firstRowCount(heights, window.scrollY + 1.5 * window.innerHeight - boardOffset));
      }
    };
    window.addEventListener('scroll', follow, { passive: true });
    window.addEventListener('resize', follow);
    return () => {
      window.removeEventListener('scroll', follow);
      window.removeEventListener('resize', follow);
    };
  }, [heights, watching]);
  return watching ? needed : 0;
}
