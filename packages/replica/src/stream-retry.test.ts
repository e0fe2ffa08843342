import { describe, expect, it } from 'vitest';
import { maxStreamRetryMs, streamRetryDelay } from './stream-retry';

describe('streamRetryDelay', () => {
  it('doubles after each refusal in a row, up to a minute', () => {
    const middle = (): number => 0.5;
    expect([0, 1, 2, 3].map((failures) => streamRetryDelay(failures, 3000, middle))).toEqual([3000, 6000, 12_000, 24_000]);
    expect(streamRetryDelay(10, 3000, middle)).toBe(maxStreamRetryMs);
    expect(streamRetryDelay(1000, 3000, middle)).toBe(maxStreamRetryMs);
  });

  it('spreads the clients refused together by a fifth either way', () => {
    expect(streamRetryDelay(0, 10_000, () => 0)).toBe(8000);
    expect(streamRetryDelay(0, 10_000, () => 0.999_999)).toBe(12_000);
  });
});
