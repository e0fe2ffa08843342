import { describe, expect, it } from 'vitest';
import { encodeCheckpointParam, laterCheckpoint, parseCheckpointParam, parseLimitParam } from './checkpoint';

describe('checkpoint parameter', () => {
  it('starts from sequence 0 when absent', () => {
    expect(parseCheckpointParam(undefined)).toEqual({ ok: true, checkpoint: { seq: 0 } });
    expect(parseCheckpointParam('')).toEqual({ ok: true, checkpoint: { seq: 0 } });
  });

  it('round-trips through the URL encoding', () => {
    const encoded = encodeCheckpointParam({ seq: 42 });
    expect(encoded).toBe('%7B%22seq%22%3A42%7D');
    expect(parseCheckpointParam(decodeURIComponent(encoded))).toEqual({ ok: true, checkpoint: { seq: 42 } });
  });

  it.each(['{', '{"seq":-1}', '{"seq":1.5}', '{"seq":"3"}', '{"seq":1,"extra":true}', '[]'])('refuses %s', (raw) => {
    expect(parseCheckpointParam(raw).ok).toBe(false);
  });

  it('keeps the later checkpoint', () => {
    expect(laterCheckpoint({ seq: 3 }, { seq: 5 })).toEqual({ seq: 5 });
    expect(laterCheckpoint({ seq: 7 }, { seq: 5 })).toEqual({ seq: 7 });
  });

  it('bounds the pull limit', () => {
    expect(parseLimitParam(undefined)).toBe(200);
    expect(parseLimitParam('1000')).toBe(1000);
    expect(parseLimitParam('0')).toBeUndefined();
    expect(parseLimitParam('5001')).toBeUndefined();
    expect(parseLimitParam('12abc')).toBeUndefined();
  });
});
