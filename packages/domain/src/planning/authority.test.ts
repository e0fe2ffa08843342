import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../permissions';
import { judgeMission, mayForce, touchesPastDay } from './authority';
import { conflict } from './conflicts';

const today = '2026-03-10';
const hard = conflict('CHAUFFEUR_DOUBLE_RESERVE', 'hard', 'm1', 'Luc Martin est déjà réservé');
const soft = conflict('CONDUITE_JOUR_ETENDUE', 'soft', 'm1', 'Journée de conduite étendue');

describe('judgeMission', () => {
  it('locks a past day for someone without edit_past_planning', () => {
    const verdict = judgeMission({ today, permissions: permissionsOf('planner'), date: '2026-03-09', conflicts: [] });
    expect(verdict).toEqual(expect.objectContaining({ ok: false, code: 'PAST_PLANNING_LOCKED' }));
  });

  it('locks a move out of a past day too (only the previous date is past)', () => {
    const verdict = judgeMission({ today, permissions: permissionsOf('planner'), date: '2026-03-12', previousDate: '2026-03-09', conflicts: [] });
    expect(verdict).toEqual(expect.objectContaining({ ok: false, code: 'PAST_PLANNING_LOCKED' }));
  });

  it('leaves today and later days open, and past days to edit_past_planning', () => {
    expect(judgeMission({ today, permissions: permissionsOf('planner'), date: today, previousDate: '2026-03-11', conflicts: [] })).toEqual({ ok: true });
    expect(judgeMission({ today, permissions: permissionsOf('planner_advanced'), date: '2026-03-01', previousDate: '2026-03-02', conflicts: [] })).toEqual({
      ok: true,
    });
  });

  it('refuses hard conflicts without a reason, listing only the blocking ones', () => {
    for (const motif of [undefined, '', '   ']) {
      const verdict = judgeMission({ today, permissions: permissionsOf('admin'), date: today, forceMotif: motif, conflicts: [hard, soft] });
      expect(verdict).toEqual({ ok: false, code: 'PLANNING_CONFLICT', message: hard.message, conflicts: [hard] });
    }
  });

  it('refuses to force without edit_past_planning_advanced', () => {
    const verdict = judgeMission({ today, permissions: permissionsOf('planner'), date: today, forceMotif: 'Client prévenu', conflicts: [hard] });
    expect(verdict).toEqual(expect.objectContaining({ ok: false, code: 'PLANNING_FORCE_FORBIDDEN', conflicts: [hard] }));
  });

  it('accepts a forced save with a reason from someone allowed, recording the trimmed reason and the conflicts', () => {
    const verdict = judgeMission({ today, permissions: permissionsOf('planner_advanced'), date: today, forceMotif: '  Client prévenu ', conflicts: [hard, soft] });
    expect(verdict).toEqual({ ok: true, forced: { motif: 'Client prévenu', conflicts: [hard] } });
  });

  it('accepts soft conflicts alone, with no reason and no forcing', () => {
    expect(judgeMission({ today, permissions: permissionsOf('planner'), date: today, conflicts: [soft] })).toEqual({ ok: true });
  });

  it('checks the past day before the conflicts', () => {
    const verdict = judgeMission({ today, permissions: permissionsOf('planner'), date: '2026-03-01', forceMotif: 'x', conflicts: [hard] });
    expect(verdict).toEqual(expect.objectContaining({ ok: false, code: 'PAST_PLANNING_LOCKED', conflicts: [] }));
  });
});

describe('mayForce and touchesPastDay', () => {
  it('gives forcing to the roles holding edit_past_planning_advanced only', () => {
    expect(mayForce(permissionsOf('planner_advanced'))).toBe(true);
    expect(mayForce(permissionsOf('admin'))).toBe(true);
    expect(mayForce(permissionsOf('planner'))).toBe(false);
    expect(mayForce(permissionsOf('viewer'))).toBe(false);
    expect(mayForce(permissionsOf('viewer', true))).toBe(true);
  });

  it('counts a day as past strictly before today, ignoring missing dates', () => {
    expect(touchesPastDay(today, today)).toBe(false);
    expect(touchesPastDay(today, undefined, '2026-03-11')).toBe(false);
    expect(touchesPastDay(today, '2026-03-11', '2026-03-09')).toBe(true);
  });
});
