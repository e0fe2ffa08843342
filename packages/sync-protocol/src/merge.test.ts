import { describe, expect, it } from 'vitest';
import { sameValue } from './documents';
import { mergeConflict } from './merge';

const base = { id: 'm1', rev: 3, updated_at: '2026-01-01T00:00:00.000Z', destination: 'Lyon', nb_palettes: 10, _deleted: false };

describe('sameValue', () => {
  it('ignores key order and undefined properties', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: null })).toBe(false);
  });
});

describe('mergeConflict', () => {
  it('keeps the client change to a field the server did not touch, and the server change to another', () => {
    const server = { ...base, rev: 4, nb_palettes: 12 };
    const local = { ...base, rev: 5, destination: 'Paris' };
    const { merged, replaced } = mergeConflict({ base, server, local });
    expect(merged).toMatchObject({ destination: 'Paris', nb_palettes: 12, _deleted: false });
    expect(merged.rev).toBe(6);
    expect(replaced).toEqual([]);
  });

  it('lets the server win on a field both changed, and reports what was replaced', () => {
    const server = { ...base, rev: 4, destination: 'Marseille' };
    const local = { ...base, rev: 4, destination: 'Paris' };
    const { merged, replaced } = mergeConflict({ base, server, local });
    expect(merged.destination).toBe('Marseille');
    expect(replaced).toEqual([{ field: 'destination', mine: 'Paris', theirs: 'Marseille' }]);
    expect(merged.rev).toBe(5);
  });

  it('without a base (a create retried after a lost response), keeps the client fields', () => {
    const server = { ...base, destination: 'Nice' };
    const local = { ...base, destination: 'Paris', nb_palettes: 10 };
    const { merged, replaced } = mergeConflict({ base: undefined, server, local });
    expect(merged.destination).toBe('Paris');
    expect(replaced).toEqual([]);
  });

  it('clears an optional field the client removed', () => {
    const server = { ...base, rev: 4, destination: 'Lyon 7e' };
    const local: Record<string, unknown> = { ...base, rev: 4 };
    delete local['nb_palettes'];
    const { merged } = mergeConflict({ base, server, local });
    expect('nb_palettes' in merged).toBe(false);
    expect(merged['destination']).toBe('Lyon 7e');
  });

  it('keeps a server deletion and reports the lost client edit', () => {
    const server = { ...base, rev: 4, _deleted: true };
    const local = { ...base, rev: 4, destination: 'Paris' };
    const { merged, replaced } = mergeConflict({ base, server, local });
    expect(merged._deleted).toBe(true);
    expect(replaced).toEqual([{ field: '_deleted', mine: false, theirs: true }]);
  });
});

describe('mergeConflict on a refused write', () => {
  it('takes the server state when the server kept the state the client started from', () => {
    const local = { ...base, rev: 4, destination: 'Interdit' };
    const { merged, replaced, refused } = mergeConflict({ base, server: base, local });
    expect(refused).toBe(true);
    expect(merged).toBe(base);
    expect(replaced).toEqual([{ field: 'destination', mine: 'Interdit', theirs: 'Lyon' }]);
  });

  it('undoes a refused creation returned as a tombstone', () => {
    const local = { ...base, destination: 'Nouvelle' };
    const server = { ...local, _deleted: true };
    const { merged, refused, replaced } = mergeConflict({ base: undefined, server, local });
    expect(refused).toBe(true);
    expect(merged._deleted).toBe(true);
    expect(replaced).toEqual([{ field: '_deleted', mine: false, theirs: true }]);
  });

  it('undoes a refused deletion', () => {
    const local = { ...base, rev: 4, _deleted: true };
    const { merged, refused } = mergeConflict({ base, server: base, local });
    expect(refused).toBe(true);
    expect(merged._deleted).toBe(false);
  });
});
