import { describe, expect, it } from 'vitest';
import { createStreamSlots } from './stream-limits';

function taken(slot: ReturnType<ReturnType<typeof createStreamSlots>['take']>): { release(): void } {
  if (typeof slot === 'string') {
    throw new Error(`refusé : ${slot}`);
  }
  return slot;
}

describe('stream slots', () => {
  it('allows a session its quota of streams, then refuses it while other sessions still get theirs', () => {
    const slots = createStreamSlots({ perSession: 2, total: 10 });
    const first = taken(slots.take('a'));
    taken(slots.take('a'));
    expect(slots.take('a')).toBe('session');
    taken(slots.take('b'));
    expect(slots.count('a')).toBe(2);
    expect(slots.count()).toBe(3);
    first.release();
    taken(slots.take('a'));
  });

  it('refuses any session once the server holds its total', () => {
    const slots = createStreamSlots({ perSession: 5, total: 3 });
    taken(slots.take('a'));
    const b = taken(slots.take('b'));
    taken(slots.take('c'));
    expect(slots.take('d')).toBe('server');
    b.release();
    taken(slots.take('d'));
  });

  it('gives a slot back once, however many times its stream ends', () => {
    const slots = createStreamSlots({ perSession: 2, total: 2 });
    const slot = taken(slots.take('a'));
    taken(slots.take('a'));
    slot.release();
    slot.release();
    expect(slots.count()).toBe(1);
    expect(slots.count('a')).toBe(1);
    taken(slots.take('a'));
    expect(slots.take('a')).toBe('session');
  });
});
