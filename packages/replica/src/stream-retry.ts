/** The longest wait before opening a refused live stream again. */
export const maxStreamRetryMs = 60_000;

/**
 * How long to wait before opening the live stream again after its `failures`-th refusal in a row:
 * doubling from `baseMs` up to a minute, give or take a fifth so that the clients a busy server
 * refused together do not all come back at the same instant.
 */
export function streamRetryDelay(failures: number, baseMs: number, random: () => number = Math.random): number {
  const delay = Math.min(maxStreamRetryMs, baseMs * 2 ** Math.max(0, failures));
  return Math.round(delay * (0.8 + 0.4 * random()));
}
