import type { PlanningConflict } from '@relais/domain';
import type { Mission } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { createBoardCache, stableConflicts, type BlockModel } from './block-models';

const mission = (id: string, heure_debut = '08:00') => ({ id, heure_debut, date_mission: '2030-01-07', destination: 'Lyon' }) as Mission;
const model = (value: Readonly<Mission>, extra: Partial<BlockModel> = {}): BlockModel => ({
  mission: value,
  conflicts: undefined,
  voyage: undefined,
  end: '09:00',
  editable: true,
  preview: false,
  notice: undefined,
  position: undefined,
  ...extra,
});
const conflict = (missionId: string, code: PlanningConflict['code'] = 'CHAUFFEUR_DOUBLE_RESERVE'): PlanningConflict => ({
  code,
  severity: 'hard',
  missionId,
  message: 'Chevauchement',
  params: {},
  related: [],
});

describe('board cache', () => {
  const day = '2030-01-07';
  const key = (row: string) => `chauffeur:${row}|${day}`;

  it('hands back the previous model of a mission while nothing it shows changed, a new one otherwise', () => {
    const cache = createBoardCache();
    const a = mission('a');
    const b = mission('b');
    const byCell = new Map([[key('c1'), [a, b]]]);
    const placed = { left: 10, width: 5, top: 6 };
    const first = cache.board(byCell, (value) => model(value, value.id === 'b' ? { position: { ...placed } } : {}));
    const firstA = first.modelOf(a);
    const firstB = first.modelOf(b);
    const second = cache.board(byCell, (value) => model(value, value.id === 'b' ? { position: { ...placed } } : {}));
    expect(second.modelOf(a)).toBe(firstA);
    expect(second.modelOf(b)).toBe(firstB);

    const third = cache.board(byCell, (value) => model(value, value.id === 'b' ? { position: { ...placed, top: 48 } } : { editable: false }));
    expect(third.modelOf(a)).not.toBe(firstA);
    expect(third.modelOf(a).editable).toBe(false);
    expect(third.modelOf(b).position?.top).toBe(48);

    const moved = mission('a', '10:00');
    expect(cache.board(new Map([[key('c1'), [moved]]]), (value) => model(value)).modelOf(moved).mission).toBe(moved);
  });

  it('keeps a cell list while it holds the same models in the same order', () => {
    const cache = createBoardCache();
    const a = mission('a');
    const b = mission('b');
    const first = cache.board(new Map([[key('c1'), [a, b]], [key('c2'), [b]]]), (value) => model(value)).cells;
    const firstList = first.get(key('c1'));
    first.get(key('c2'));
    const second = cache.board(new Map([[key('c1'), [a, b]], [key('c2'), [a]]]), (value) => model(value)).cells;
    expect(second.get(key('c1'))).toBe(firstList);
    expect(second.get(key('c2'))?.map((block) => block.mission.id)).toEqual(['a']);
    const third = cache.board(new Map([[key('c1'), [b, a]]]), (value) => model(value)).cells;
    expect(third.get(key('c1'))?.map((block) => block.mission.id)).toEqual(['b', 'a']);
    expect(third.get(key('c2'))).toBeUndefined();
  });

  it('makes a model only when its cell or the mission is asked for, and counts a cell without making it', () => {
    const cache = createBoardCache();
    const made: string[] = [];
    const board = cache.board(new Map([[key('c1'), [mission('a'), mission('b')]], [key('c2'), [mission('c')]]]), (value) => {
      made.push(value.id);
      return model(value);
    });
    expect(board.cells.count(key('c1'))).toBe(2);
    expect(board.cells.count(key('c3'))).toBe(0);
    expect(made).toEqual([]);
    board.cells.get(key('c2'));
    board.cells.get(key('c2'));
    expect(made).toEqual(['c']);
  });

  it('compares with the last board something was asked of, not with one left unused', () => {
    const cache = createBoardCache();
    const a = mission('a');
    const byCell = new Map([[key('c1'), [a]]]);
    const list = cache.board(byCell, (value) => model(value)).cells.get(key('c1'));
    // A render React dropped (Strict Mode runs a memo twice) makes a board nobody asks anything of.
    cache.board(byCell, (value) => model(value));
    expect(cache.board(byCell, (value) => model(value)).cells.get(key('c1'))).toBe(list);
  });
});

describe('stable conflicts', () => {
  it('keeps the previous list of a mission whose conflicts read the same, and takes changed ones', () => {
    const before = new Map([['a', [conflict('a')]], ['b', [conflict('b')]]]);
    const after = stableConflicts(before, new Map([['a', [conflict('a')]], ['b', [conflict('b', 'CHAUFFEUR_ABSENT')]], ['c', [conflict('c')]]]));
    expect(after.get('a')).toBe(before.get('a'));
    expect(after.get('b')?.[0]?.code).toBe('CHAUFFEUR_ABSENT');
    expect(after.get('c')).toHaveLength(1);
    expect(after.has('d')).toBe(false);
  });
});
