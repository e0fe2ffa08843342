import type { Page } from 'playwright-core';

/**
 * In the page (a source string: tsx would wrap named functions in a helper the page lacks): whether
 * every week row in the viewport is drawn with at least `perRow` blocks, no placeholder left in view.
 */
export const rowsInViewDrawn = `(perRow) => {
  const inView = (element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  };
  const board = document.querySelector('[data-testid="planning-week"]');
  if (!board || [...board.querySelectorAll('[data-pending]')].some(inView)) return false;
  const rows = [...board.querySelectorAll('[data-testid="planning-row"]')].filter(inView);
  return rows.length > 0 && rows.every((row) => row.querySelectorAll('[data-testid="planning-block"]').length >= perRow);
}`;

/** Waits until the week rows in the viewport are drawn with `perRow` blocks each (polled every 50 ms in the page). */
export async function waitForRowsInView(page: Page, perRow: number): Promise<void> {
  await page.evaluate(`(async () => {
    while (!(${rowsInViewDrawn})(${perRow})) await new Promise((resolve) => setTimeout(resolve, 50));
  })()`);
}

/** How many week rows are not drawn yet (placeholders of their height). */
export async function pendingRows(page: Page): Promise<number> {
  return page.locator('[data-testid="planning-week"] [data-pending]').count();
}
