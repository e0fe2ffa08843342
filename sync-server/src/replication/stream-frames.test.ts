import { describe, expect, it } from 'vitest';
import { missionDoc } from '../test-support/fixtures';
import { batchFrame } from './stream-frames';

const text = (frame: Uint8Array): string => new TextDecoder().decode(frame);

describe('the frames of a committed batch', () => {
  it('are made once per projection and shared by every stream that sends them', () => {
    const batch = { documents: [{ ...missionDoc({ destination: 'Colmar' }), revenu: 12_000 }], checkpoint: { seq: 7 } };
    const first = batchFrame(batch, 'missions', [], true);
    expect(batchFrame(batch, 'missions', [], true)).toBe(first);
    expect(JSON.parse(text(first).slice('data: '.length))).toEqual({ collection: 'missions', ...batch });
    expect(text(first).endsWith('\n\n')).toBe(true);

    // A reader who may not see a field gets a frame of its own, without it.
    const hidden = batchFrame(batch, 'missions', ['revenu'], true);
    expect(hidden).not.toBe(first);
    expect(text(hidden)).not.toContain('revenu');
    expect(batchFrame(batch, 'missions', ['revenu'], true)).toBe(hidden);

    // The per-collection stream's batches do not name their collection.
    expect(JSON.parse(text(batchFrame(batch, 'missions', [], false)).slice('data: '.length))).toEqual(batch);
    // Another batch, another frame.
    expect(batchFrame({ ...batch }, 'missions', [], true)).not.toBe(first);
  });
});
