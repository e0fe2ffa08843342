import { describe, expect, it } from 'vitest';
import { manualClock } from '../test-support/auth';
import { createPhantomLocks, createProgressiveDelays, createSlidingWindow, isThrottled } from './sign-in-limits';

describe('sign-in brakes', () => {
  it('a sliding window frees a slot when its oldest failure leaves it, and forgets successes', () => {
    const clock = manualClock();
    const window = createSlidingWindow(2, 60_000, clock);
    window.acquire('a');
    window.release('a', false);
    window.acquire('a');
    window.release('a', true);
    clock.advance(10_000);
    window.acquire('a');
    window.release('a', true);
    expect(window.check('a')).toEqual({ waitMs: 50_000, first: true });
    expect(window.check('a')).toEqual({ waitMs: 50_000, first: false });
    clock.advance(50_000);
    expect(window.check('a').waitMs).toBe(0);
  });

  it('progressive delays double from 30 s up to 15 min and start again after an hour without attempts', () => {
    const clock = manualClock();
    const delays = createProgressiveDelays(5, clock);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 19; attempt += 1) {
      const step = delays.begin('admin|203.0.113.5');
      if (isThrottled(step)) {
        waits.push(step.retryAfterSeconds);
        clock.advance(step.retryAfterSeconds * 1000);
      } else if (attempt <= 5) {
        expect(step).toEqual({ failures: attempt });
      }
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    // Other addresses are not held back.
    expect(delays.begin('admin|10.0.0.2')).toEqual({ failures: 1 });
    clock.advance(59 * 60_000);
    expect(isThrottled(delays.begin('admin|203.0.113.5'))).toBe(false);
    clock.advance(15 * 60_000 + 60 * 60_000);
    expect(delays.begin('admin|203.0.113.5')).toEqual({ failures: 1 });
    delays.succeeded('admin|203.0.113.5');
    expect(delays.begin('admin|203.0.113.5')).toEqual({ failures: 1 });
  });

  it('unknown usernames lock like accounts: five attempts, fifteen minutes, then a fresh count', () => {
    const clock = manualClock();
    const locks = createPhantomLocks(5, 15 * 60_000, clock);
    const results = Array.from({ length: 6 }, () => locks.attempt('PERSONNE'));
    const until = clock.now() + 15 * 60_000;
    expect(results).toEqual([
      { lockedUntil: null },
      { lockedUntil: null },
      { lockedUntil: null },
      { lockedUntil: null },
      { lockedUntil: until, justLocked: true },
      { lockedUntil: until, justLocked: false },
    ]);
    clock.advance(15 * 60_000);
    expect(locks.attempt('PERSONNE')).toEqual({ lockedUntil: null });
  });
});
