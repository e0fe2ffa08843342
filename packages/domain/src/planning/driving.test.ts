import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import { checkMissionPlanning, checkPlanning } from './conflicts';
import type { PlannedMission, PlanningConflict } from './types';
import { codes, drive, mission, planning, voyage } from './test-fixtures';

// 2026-03-02 is a Monday; 2026-03-08 the Sunday of its week.
const monday = '2026-03-02';
const h = (hours: number, minutes = 0): number => hours * 60 + minutes;

function check(missions: readonly PlannedMission[]): Map<string, PlanningConflict[]> {
  return checkPlanning(planning({ missions, voyages: [voyage({ duree_conduite_min: h(9, 1) })] }));
}

describe('daily driving (561/2006 art. 6.1)', () => {
  it('accepts 9 h exactly', () => {
    expect(check([drive('a', monday, h(9))]).size).toBe(0);
  });

  it('warns (soft) from 9 h 01 to 10 h', () => {
    for (const minutes of [h(9, 1), h(10)]) {
      const found = check([drive('a', monday, minutes)]).get('a');
      expect(found).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_ETENDUE', severity: 'soft' })]);
    }
  });

  it('blocks (hard) 10 h 01', () => {
    expect(check([drive('a', monday, h(10, 1))]).get('a')).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_DEPASSEE', severity: 'hard' })]);
  });

  it('sums the day’s missions and reports on each of them', () => {
    const result = check([drive('a', monday, h(5), '04:00'), drive('b', monday, h(5, 1), '20:45')]);
    expect(codes(result.get('a'))).toEqual(['CONDUITE_JOUR_DEPASSEE']);
    expect(result.get('b')).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_DEPASSEE', related: ['a'] })]);
  });

  it('takes the mission’s driving time, else its voyage’s', () => {
    const fromVoyage = { ...drive('a', monday, 0), duree_conduite_min: undefined, voyage_id: 'v1' };
    expect(codes(check([fromVoyage]).get('a'))).toEqual(['CONDUITE_JOUR_ETENDUE']);
    const overridden = { ...fromVoyage, duree_conduite_min: h(8) };
    expect(check([overridden]).size).toBe(0);
  });

  it('allows two extended days in a Monday–Sunday week, blocks the third and only it', () => {
    const result = check([drive('mon', monday, h(9, 30)), drive('wed', addDays(monday, 2), h(10)), drive('sun', addDays(monday, 6), h(9, 1))]);
    expect(result.get('mon')).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_ETENDUE', severity: 'soft' })]);
    expect(result.get('wed')).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_ETENDUE', severity: 'soft' })]);
    expect(result.get('sun')).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_DEPASSEE', severity: 'hard' })]);
  });

  it('counts a day over 10 h among the week’s days over 9 h', () => {
    const result = check([drive('mon', monday, h(10, 30)), drive('tue', addDays(monday, 1), h(9, 30)), drive('wed', addDays(monday, 2), h(9, 30))]);
    expect(result.get('mon')).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_DEPASSEE', severity: 'hard' })]);
    expect(result.get('tue')).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_ETENDUE', severity: 'soft', params: expect.objectContaining({ rank: 2 }) as unknown })]);
    expect(result.get('wed')).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_DEPASSEE', severity: 'hard', params: expect.objectContaining({ rank: 3 }) as unknown })]);
  });

  it('counts extended days per week: two on Saturday and Sunday, two more next Monday and Tuesday are fine', () => {
    const days = [5, 6, 7, 8].map((offset) => drive(`d${offset}`, addDays(monday, offset), h(9, 30)));
    const result = check(days);
    for (const day of days) {
      expect(codes(result.get(day.id))).toEqual(['CONDUITE_JOUR_ETENDUE']);
    }
  });

  it('reports the third extended day on the mission dropped on it', () => {
    const stored = [drive('mon', monday, h(9, 30)), drive('tue', addDays(monday, 1), h(9, 30))];
    const found = checkMissionPlanning(planning({ missions: stored }), drive('thu', addDays(monday, 3), h(9, 30)));
    expect(found).toEqual([expect.objectContaining({ code: 'CONDUITE_JOUR_DEPASSEE', missionId: 'thu', params: expect.objectContaining({ rank: 3 }) as unknown })]);
  });
});

/** Monday to Saturday: 2 × 10 h + 4 × 9 h = 56 h, no daily limit broken. */
function fullWeek(start: string, prefix: string): PlannedMission[] {
  return [h(10), h(10), h(9), h(9), h(9), h(9)].map((minutes, offset) => drive(`${prefix}${offset}`, addDays(start, offset), minutes));
}

describe('weekly driving (art. 6.2)', () => {
  it('accepts 56 h exactly in a week', () => {
    const result = check(fullWeek(monday, 'w'));
    expect([...result.values()].flat().filter((found) => found.code !== 'CONDUITE_JOUR_ETENDUE')).toEqual([]);
  });

  it('blocks 56 h 01, reporting on every mission of the week', () => {
    const week = [...fullWeek(monday, 'w'), drive('sun', addDays(monday, 6), 1)];
    const result = check(week);
    for (const entry of week) {
      expect(result.get(entry.id)).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'CONDUITE_SEMAINE_DEPASSEE', severity: 'hard' })]));
    }
    expect(codes(result.get('sun'))).toEqual(['CONDUITE_SEMAINE_DEPASSEE']);
  });

  it('does not add the Sunday before to the week', () => {
    const result = check([drive('prev-sun', addDays(monday, -1), 1), ...fullWeek(monday, 'w')]);
    expect(codes(result.get('prev-sun'))).toEqual([]);
  });
});

describe('driving over two consecutive weeks (art. 6.3)', () => {
  // Week one: 56 h; week two: 3 × 9 h + 7 h = 34 h, so 90 h in all.
  const secondMonday = addDays(monday, 7);
  const secondWeek = [h(9), h(9), h(9), h(7)].map((minutes, offset) => drive(`n${offset}`, addDays(secondMonday, offset), minutes));

  it('accepts 90 h exactly', () => {
    const result = check([...fullWeek(monday, 'w'), ...secondWeek]);
    expect([...result.values()].flat().filter((found) => found.code !== 'CONDUITE_JOUR_ETENDUE')).toEqual([]);
  });

  it('blocks 90 h 01, on the missions of both weeks', () => {
    const extra = drive('extra', addDays(secondMonday, 4), 1);
    const result = check([...fullWeek(monday, 'w'), ...secondWeek, extra]);
    expect(codes(result.get('extra'))).toEqual(['CONDUITE_DEUX_SEMAINES_DEPASSEE']);
    expect(codes(result.get('w0'))).toContain('CONDUITE_DEUX_SEMAINES_DEPASSEE');
    expect(codes(result.get('w0'))).not.toContain('CONDUITE_SEMAINE_DEPASSEE');
  });

  it('sees the previous week when checking one mission', () => {
    const stored = [...fullWeek(monday, 'w'), ...secondWeek];
    expect(codes(checkMissionPlanning(planning({ missions: stored }), drive('extra', addDays(secondMonday, 4), 1)))).toEqual(['CONDUITE_DEUX_SEMAINES_DEPASSEE']);
  });

  it('does not pair weeks that are not consecutive', () => {
    const later = [h(9), h(9), h(9), h(7), 1].map((minutes, offset) => drive(`l${offset}`, addDays(monday, 14 + offset), minutes));
    const result = check([...fullWeek(monday, 'w'), ...later]);
    expect([...result.values()].flat().filter((found) => found.code !== 'CONDUITE_JOUR_ETENDUE')).toEqual([]);
  });
});

describe('daily rest (art. 8.2)', () => {
  it('accepts a duty period of 13 h exactly', () => {
    expect(check([mission({ id: 'a', heure_debut: '06:00', heure_fin: '19:00' })]).size).toBe(0);
  });

  it('blocks a duty period longer than 13 h', () => {
    expect(codes(check([mission({ id: 'a', heure_debut: '06:00', heure_fin: '19:01' })]).get('a'))).toEqual(['REPOS_JOURNALIER_INSUFFISANT']);
  });

  it('starts a new duty period after a rest of 11 h exactly', () => {
    const result = check([mission({ id: 'a', heure_debut: '06:00', heure_fin: '08:00' }), mission({ id: 'b', heure_debut: '19:00', heure_fin: '20:00' })]);
    expect(result.size).toBe(0);
  });

  it('joins missions separated by 10 h 59 into one over-long duty period, reported on both', () => {
    const result = check([mission({ id: 'a', heure_debut: '06:00', heure_fin: '08:00' }), mission({ id: 'b', heure_debut: '18:59', heure_fin: '20:00' })]);
    expect(result.get('a')).toEqual([expect.objectContaining({ code: 'REPOS_JOURNALIER_INSUFFISANT', severity: 'hard', related: ['b'] })]);
    expect(result.get('b')).toEqual([expect.objectContaining({ code: 'REPOS_JOURNALIER_INSUFFISANT', related: ['a'] })]);
  });

  it('follows a night run into the next day', () => {
    const night = mission({ id: 'night', heure_debut: '20:00', heure_fin: '26:00' });
    expect(codes(check([night, mission({ id: 'next', date_mission: addDays(monday, 1), heure_debut: '12:59', heure_fin: '13:30' })]).get('next'))).toEqual([
      'REPOS_JOURNALIER_INSUFFISANT',
    ]);
    expect(check([night, mission({ id: 'next', date_mission: addDays(monday, 1), heure_debut: '13:00', heure_fin: '13:30' })]).size).toBe(0);
  });
});

/** A mission from `start` to `end` with `driving` minutes at the wheel. */
function run(id: string, start: string, end: string, driving: number): PlannedMission {
  return mission({ id, heure_debut: start, heure_fin: end, duree_conduite_min: driving });
}

describe('breaks (art. 7)', () => {
  it('accepts 4 h 30 of driving without a break', () => {
    expect(check([run('a', '06:00', '10:30', h(4, 30))]).size).toBe(0);
  });

  it('blocks 4 h 31 of driving without a 45-minute break', () => {
    expect(check([run('a', '06:00', '10:31', h(4, 31))]).get('a')).toEqual([expect.objectContaining({ code: 'PAUSE_INSUFFISANTE', severity: 'hard' })]);
  });

  it('accepts 4 h 31 when the mission leaves 45 minutes beside the driving, not 44', () => {
    expect(check([run('a', '06:00', '11:16', h(4, 31))]).size).toBe(0);
    expect(codes(check([run('a', '06:00', '11:15', h(4, 31))]).get('a'))).toEqual(['PAUSE_INSUFFISANTE']);
  });

  it('adds up missions separated by less than 45 minutes (44), reporting on the one that passes 4 h 30', () => {
    const result = check([run('a', '06:00', '08:00', h(2)), run('b', '08:44', '11:15', h(2, 31))]);
    expect(result.get('a')).toBeUndefined();
    expect(result.get('b')).toEqual([expect.objectContaining({ code: 'PAUSE_INSUFFISANTE', params: expect.objectContaining({ total: '4 h 31' }) as unknown })]);
  });

  it('counts a 45-minute gap between missions as the break', () => {
    expect(check([run('a', '06:00', '08:00', h(2)), run('b', '08:45', '11:16', h(2, 31))]).size).toBe(0);
  });

  it('allows one 4 h 30 stretch per break the mission’s slack holds (9 h with 45 min; 9 h 01 needs 90 min)', () => {
    expect(check([run('a', '04:00', '13:45', h(9))]).size).toBe(0);
    const found = check([run('a', '04:00', '13:46', h(9, 1))]).get('a');
    expect(codes(found)).toEqual(['CONDUITE_JOUR_ETENDUE', 'PAUSE_INSUFFISANTE']);
    expect(found).toContainEqual(expect.objectContaining({ code: 'PAUSE_INSUFFISANTE', params: expect.objectContaining({ total: '4 h 31' }) as unknown }));
    expect(codes(check([run('a', '04:00', '14:31', h(9, 1))]).get('a'))).toEqual(['CONDUITE_JOUR_ETENDUE']);
  });

  it('carries the driving after a mission’s inner break over to the next mission', () => {
    // 4 h 31 with a 45-minute break inside leaves at least 1 minute of driving after that break.
    const first = run('a', '06:00', '11:16', h(4, 31));
    expect(codes(check([first, run('b', '11:20', '15:50', h(4, 30))]).get('b'))).toEqual(['CONDUITE_JOUR_ETENDUE', 'PAUSE_INSUFFISANTE']);
    expect(check([first, run('b', '11:20', '15:49', h(4, 29))]).size).toBe(0);
  });

  it('lets a mission’s inner break split the driving carried from the previous mission', () => {
    // 4 h before, then 5 h: 4 h + 30 min, break, 4 h 30.
    expect(check([run('a', '04:00', '08:00', h(4)), run('b', '08:10', '13:55', h(5))]).size).toBe(0);
    expect(codes(check([run('a', '04:00', '08:00', h(4)), run('b', '08:10', '13:56', h(5, 1))]).get('b'))).toEqual(['CONDUITE_JOUR_ETENDUE', 'PAUSE_INSUFFISANTE']);
  });

  it('does not count a short job without driving as a break', () => {
    // 3 h driving, a 10-minute loading job with no driving time, then 2 h driving: 5 h without a break.
    const loading = mission({ id: 'load', heure_debut: '09:05', heure_fin: '09:15' });
    const found = check([run('a', '06:00', '09:00', h(3)), loading, run('b', '09:20', '11:20', h(2))]);
    expect(codes(found.get('b'))).toEqual(['PAUSE_INSUFFISANTE']);
    // A 45-minute gap around it is still a break.
    expect(check([run('a', '06:00', '09:00', h(3)), loading, run('b', '10:00', '12:00', h(2))]).size).toBe(0);
  });

  it('does not check breaks of a mission without an end time', () => {
    expect(check([drive('a', monday, h(6), '06:00')]).size).toBe(0);
  });
});
