import type { Mission } from '@relais/schema';
import { describe, expect, test } from 'vitest';
import { emptyUndoStack, kindOfChange, popUndo, pushUndo, restorePatch } from './undo-stack';

const mission = (id: string, extra: Partial<Mission> = {}): Mission => ({
  id,
  rev: 1,
  updated_at: '2026-12-06T08:00:00.000Z',
  date_mission: '2026-12-08',
  heure_debut: '03:30',
  type_mission: 'livraison',
  destination: 'Lyon',
  statut: 'planifie',
  ...extra,
});

describe('undo stack', () => {
  test('undoes the most recent action first, and nothing once empty', () => {
    let stack = emptyUndoStack();
    stack = pushUndo(stack, { kind: 'move', missionId: 'a', before: mission('a') });
    stack = pushUndo(stack, { kind: 'assign', missionId: 'b', before: mission('b') });
    const first = popUndo(stack);
    expect(first.entry?.missionId).toBe('b');
    const second = popUndo(first.stack);
    expect(second.entry?.missionId).toBe('a');
    expect(popUndo(second.stack).entry).toBeUndefined();
  });

  test('keeps at most its limit, dropping the oldest', () => {
    let stack = emptyUndoStack(2);
    for (const id of ['a', 'b', 'c']) {
      stack = pushUndo(stack, { kind: 'move', missionId: id, before: mission(id) });
    }
    expect(stack.entries.map((entry) => entry.missionId)).toEqual(['c', 'b']);
  });

  test('restoring clears what the mission did not have and sets back what it had', () => {
    const patch = restorePatch(mission('a', { chauffeur_id: 'c1', heure_fin: '05:00' }));
    expect(patch).toEqual({
      chauffeur_id: 'c1',
      sst_id: undefined,
      date_mission: '2026-12-08',
      heure_debut: '03:30',
      heure_fin: '05:00',
      force_motif: undefined,
    });
    expect('sst_id' in patch).toBe(true);
  });

  test('same day and time is an assignment, otherwise a move', () => {
    expect(kindOfChange(mission('a'), mission('a'))).toBe('assign');
    expect(kindOfChange(mission('a'), mission('a', { heure_debut: '04:00' }))).toBe('move');
  });
});
