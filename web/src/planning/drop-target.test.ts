import { describe, expect, it } from 'vitest';
import { shiftedTimes } from './board-layout';
import { assigneeKey, assigneeOf, parseAssigneeKey, parseZoneId, patchForDrop, zoneId, type DropZone } from './drop-target';

const mission = { date_mission: '2030-01-07', heure_debut: '09:00', heure_fin: '11:00' };
const shift = (start: number) => shiftedTimes(mission, start);

describe('drop targets', () => {
  it('assigns to a chauffeur row keeping the time', () => {
    const patch = patchForDrop({ zone: { type: 'row', assignee: { kind: 'chauffeur', id: 'c1' } }, mission, shift });
    expect(patch).toEqual({ chauffeur_id: 'c1', sst_id: undefined, date_mission: '2030-01-07', heure_debut: '09:00', heure_fin: '11:00' });
  });

  it('takes the time from where the block lands on a row timeline', () => {
    const patch = patchForDrop({
      zone: { type: 'lane', assignee: { kind: 'sst', id: 's1' }, date: '2030-01-08' },
      mission,
      landedAt: 14 * 60 + 45,
      shift,
    });
    expect(patch).toEqual({ chauffeur_id: undefined, sst_id: 's1', date_mission: '2030-01-08', heure_debut: '14:45', heure_fin: '16:45' });
  });

  it('moves to another day in the week view keeping the time', () => {
    const patch = patchForDrop({ zone: { type: 'cell', assignee: { kind: 'chauffeur', id: 'c2' }, date: '2030-01-10' }, mission, shift });
    expect(patch).toMatchObject({ chauffeur_id: 'c2', date_mission: '2030-01-10', heure_debut: '09:00' });
  });

  it('unassigns on the side list', () => {
    expect(patchForDrop({ zone: { type: 'unassigned' }, mission, shift })).toMatchObject({ chauffeur_id: undefined, sst_id: undefined, heure_debut: '09:00' });
  });

  it('round-trips zones and assignees through their ids', () => {
    const zones: DropZone[] = [
      { type: 'unassigned' },
      { type: 'row', assignee: { kind: 'chauffeur', id: 'c1' } },
      { type: 'lane', assignee: { kind: 'sst', id: 's:1' }, date: '2030-01-07' },
    ];
    for (const zone of zones) {
      expect(parseZoneId(zoneId(zone))).toEqual(zone);
    }
    expect(parseZoneId('nimporte')).toBeUndefined();
    expect(parseZoneId(3)).toBeUndefined();
    expect(parseAssigneeKey(assigneeKey({ kind: 'sst', id: 's:1' }))).toEqual({ kind: 'sst', id: 's:1' });
    expect(parseAssigneeKey('none')).toEqual({ kind: 'none' });
    expect(assigneeOf({ sst_id: 's1' })).toEqual({ kind: 'sst', id: 's1' });
    expect(assigneeOf({})).toEqual({ kind: 'none' });
  });
});
