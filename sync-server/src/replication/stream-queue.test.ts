import { describe, expect, it } from 'vitest';
import { heartbeatFrame, resyncFrame } from './stream-frames';
import { createStreamQueue } from './stream-queue';

const frame = (size: number, fill = 97): Uint8Array => new Uint8Array(size).fill(fill);
const text = (bytes: Uint8Array | undefined): string => (bytes === undefined ? 'idle' : new TextDecoder().decode(bytes));

/** Takes every frame the queue holds now, as a client reading fast would (each write returns at once). */
function drain(queue: ReturnType<typeof createStreamQueue>): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let next = queue.next(); next !== undefined; next = queue.next()) {
    out.push(next);
    queue.written();
  }
  return out;
}

describe('the queue of one pull stream', () => {
  it('sends RESYNC first, then the batches committed after it, in commit order', () => {
    const queue = createStreamQueue(1024);
    queue.resync();
    // Committed before the RESYNC went out: the pull it triggers returns it.
    queue.batch(() => frame(10, 120));
    const [a, b] = [frame(10, 97), frame(10, 98)];
    expect(queue.next()).toBe(resyncFrame);
    queue.batch(() => a);
    queue.written();
    queue.batch(() => b);
    expect(drain(queue)).toEqual([a, b]);
  });

  it('drops its queue for one RESYNC when a client falls behind by more than the cap, and holds nothing more until the RESYNC is written', () => {
    const queue = createStreamQueue(100);
    // The client is slow: the first batch is still being written.
    queue.batch(() => frame(40));
    const writing = queue.next();
    expect(writing).toHaveLength(40);
    expect(queue.batch(() => frame(40))).toBe(true);
    expect(queue.bytes()).toBe(80);
    // 40 being written + 40 queued + 40 > 100: the queued batch is dropped for a RESYNC.
    expect(queue.batch(() => frame(40))).toBe(false);
    expect(queue.bytes()).toBe(40);
    // Until the client reads that RESYNC, later batches are not even serialized: its pull returns them.
    let serialized = 0;
    for (let index = 0; index < 10_000; index += 1) {
      queue.batch(() => {
        serialized += 1;
        return frame(40);
      });
    }
    expect(serialized).toBe(0);
    expect(queue.bytes()).toBe(40);
    queue.written();
    expect(queue.bytes()).toBe(0);
    expect(drain(queue)).toEqual([resyncFrame]);
    // Once the RESYNC is on its way, the batches committed after it are sent again.
    const after = frame(30, 99);
    queue.batch(() => after);
    expect(drain(queue)).toEqual([after]);
  });

  it('sends a batch larger than the cap as a RESYNC', () => {
    const queue = createStreamQueue(100);
    expect(queue.batch(() => frame(101))).toBe(false);
    expect(drain(queue)).toEqual([resyncFrame]);
  });

  it('lets a RESYNC replace what is queued (the pull covers it)', () => {
    const queue = createStreamQueue(1000);
    queue.batch(() => frame(10));
    queue.batch(() => frame(10));
    queue.resync();
    queue.resync();
    expect(queue.bytes()).toBe(0);
    expect(drain(queue)).toEqual([resyncFrame]);
  });

  it('queues at most one heartbeat, and none while something waits or is being written', () => {
    const queue = createStreamQueue(1000);
    for (let tick = 0; tick < 100; tick += 1) {
      queue.heartbeat();
    }
    expect(drain(queue)).toEqual([heartbeatFrame]);
    queue.batch(() => frame(10));
    queue.heartbeat();
    expect(drain(queue).map(text)).toEqual(['a'.repeat(10)]);
    queue.batch(() => frame(10));
    queue.next();
    // A stalled write: the heartbeats of the ticks meanwhile are not kept.
    for (let tick = 0; tick < 100; tick += 1) {
      queue.heartbeat();
    }
    queue.written();
    expect(text(queue.next())).toBe('idle');
  });

  it('refuses a second write while one is under way', () => {
    const queue = createStreamQueue(1000);
    queue.resync();
    queue.next();
    expect(() => queue.next()).toThrow();
  });
});
