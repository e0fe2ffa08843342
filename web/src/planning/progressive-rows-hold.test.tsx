// @vitest-environment happy-dom
import { act, useRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { firstRowCount, useProgressiveRows } from './progressive-rows';

// React only runs `act` without warnings where the test environment says so.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const heights = Array.from({ length: 40 }, () => 100);

/** A board of `heights` rows that says how many are drawn. */
function Board({ hold }: { hold: boolean }) {
  const board = useRef<HTMLDivElement>(null);
  const drawn = useProgressiveRows(heights, 'semaine', board, hold);
  return <div ref={board} data-drawn={drawn} />;
}

/** Lets frames and tasks run (happy-dom's frames are timers), `times` times. */
async function frames(times: number): Promise<void> {
  for (let index = 0; index < times; index += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
  }
}

describe('useProgressiveRows while a first sync streams in', () => {
  let container: HTMLDivElement;
  let root: Root;
  const drawn = (): number => Number(container.querySelector('[data-drawn]')?.getAttribute('data-drawn'));

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    window.scrollTo(0, 0);
    // happy-dom lays nothing out: the board is given the box Chromium would, at the top of the page.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(() => new DOMRect(0, -window.scrollY, 1000, 4000));
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.restoreAllMocks();
  });

  it('draws the rows in view, holds the others until the sync is over, then draws them all', async () => {
    act(() => root.render(<Board hold />));
    const inView = firstRowCount(heights, window.innerHeight);
    expect(inView).toBeLessThan(heights.length);
    await frames(10);
    expect(drawn()).toBe(inView);

    act(() => root.render(<Board hold={false} />));
    await frames(30);
    expect(drawn()).toBe(heights.length);
  });

  it('draws the rows the user scrolls to while it holds the others', async () => {
    act(() => root.render(<Board hold />));
    await frames(3);
    const inView = drawn();
    // Scrolled a viewport down: the rows down to half a viewport below it are wanted.
    act(() => {
      window.scrollTo(0, window.innerHeight);
      window.dispatchEvent(new Event('scroll'));
    });
    await frames(20);
    const wanted = firstRowCount(heights, 2.5 * window.innerHeight);
    expect(wanted).toBeGreaterThan(inView);
    expect(drawn()).toBeGreaterThanOrEqual(wanted);
    expect(drawn()).toBeLessThan(heights.length);
  });
});
