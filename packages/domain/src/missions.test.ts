import { describe, expect, it } from 'vitest';
import { checkMission } from './missions';
import { timeToMinutes } from './time';

describe('checkMission', () => {
  it('accepts a mission without an end time or ending later', () => {
    expect(checkMission({ heure_debut: '06:00' })).toEqual([]);
    expect(checkMission({ heure_debut: '06:00', heure_fin: '06:00' })).toEqual([]);
    expect(checkMission({ heure_debut: '22:00', heure_fin: '27:30' })).toEqual([]);
  });

  it('refuses an end before the start', () => {
    expect(checkMission({ heure_debut: '10:00', heure_fin: '09:45' })).toEqual([
      expect.objectContaining({ code: 'MISSION_FIN_AVANT_DEBUT', field: 'heure_fin' }),
    ]);
  });
});

describe('timeToMinutes', () => {
  it('counts night runs past midnight on the day they start', () => {
    expect(timeToMinutes('00:00')).toBe(0);
    expect(timeToMinutes('06:15')).toBe(375);
    expect(timeToMinutes('28:00')).toBe(1680);
  });
});
