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
  it('hands back the previous model of a mission while nothing it shows changed, a new one otherwise', () => {
    const cache = createBoardCache();
    const a = mission('a');
    const b = mission('b');
    const first = cache.models([model(a), model(b, { position: { left: 10, width: 5, top: 6 } })]);
    const second = cache.models([model(a), model(b, { position: { left: 10, width: 5, top: 6 } })]);
    expect(second.get('a')).toBe(first.get('a'));
    expect(second.get('b')).toBe(first.get('b'));

    const third = cache.models([model(a, { editable: false }), model(b, { position: { left: 10, width: 5, top: 48 } })]);
    expect(third.get('a')).not.toBe(second.get('a'));
    expect(third.get('a')?.editable).toBe(false);
    expect(third.get('b')?.position?.top).toBe(48);

    const moved = mission('a', '10:00');
    expect(cache.models([model(moved)]).get('a')?.mission).toBe(moved);
  });

  it('keeps a cell list while it holds the same models in the same order', () => {
    const cache = createBoardCache();
    const models = cache.models([model(mission('a')), model(mission('b'))]);
    const a = models.get('a');
    const b = models.get('b');
    if (!a || !b) {
      throw new Error('models missing');
    }
    const first = cache.cells(new Map([['chauffeur:c1|2030-01-07', [a, b]], ['chauffeur:c2|2030-01-07', [b]]]));
    const second = cache.cells(new Map([['chauffeur:c1|2030-01-07', [a, b]], ['chauffeur:c2|2030-01-07', [a]]]));
    expect(second.get('chauffeur:c1|2030-01-07')).toBe(first.get('chauffeur:c1|2030-01-07'));
    expect(second.get('chauffeur:c2|2030-01-07')).toEqual([a]);
    expect(cache.cells(new Map([['chauffeur:c1|2030-01-07', [b, a]]])).get('chauffeur:c1|2030-01-07')).toEqual([b, a]);
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
