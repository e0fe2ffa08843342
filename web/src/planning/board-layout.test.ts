import type { PlannedMission } from '@relais/domain';
import { describe, expect, it, test } from 'vitest';
import { clockOf, dayMinutes, dropStart, hourMarks, minutesAt, placeBlock, shiftedTimes, slotMinutes, snapToSlot, stackLanes, verticalDragTolerance } from './board-layout';

function mission(fields: Partial<PlannedMission>): PlannedMission {
  return { id: 'm1', date_mission: '2030-01-07', heure_debut: '08:00', statut: 'planifie', ...fields };
}

describe('board layout', () => {
  it('places a block by its minutes on a 00:00–28:00 timeline', () => {
    const place = placeBlock(mission({ heure_debut: '07:00', heure_fin: '14:00' }), undefined);
    expect(place).toMatchObject({ start: 420, end: 840 });
    expect(place.left).toBeCloseTo(25);
    expect(place.width).toBeCloseTo(25);
  });

  it('keeps a night run on its start day, up to 28:00', () => {
    const place = placeBlock(mission({ heure_debut: '22:00', heure_fin: '27:00' }), undefined);
    expect(place).toMatchObject({ start: 1320, end: 1620 });
    expect(place.left + place.width).toBeLessThanOrEqual(100);
  });

  it('gives a mission without an end its driving time, else an hour', () => {
    expect(placeBlock(mission({ heure_debut: '10:00' }), undefined)).toMatchObject({ start: 600, end: 660 });
    expect(placeBlock(mission({ heure_debut: '10:00', duree_conduite_min: 120 }), undefined)).toMatchObject({ end: 720 });
    expect(placeBlock(mission({ heure_debut: '10:00', voyage_id: 'v' }), { id: 'v', code: 'V1', duree_conduite_min: 180, competences_requises: [] })).toMatchObject({
      end: 780,
    });
  });

  it('turns a position on the timeline into a quarter hour', () => {
    expect(minutesAt(0, 1680)).toBe(0);
    expect(minutesAt(600, 1680)).toBe(600);
    expect(minutesAt(607, 1680)).toBe(600);
    expect(minutesAt(608, 1680)).toBe(615);
    expect(minutesAt(-20, 1680)).toBe(0);
    expect(minutesAt(5000, 1680)).toBe(dayMinutes - 15);
    expect(minutesAt(10, 0)).toBe(0);
  });

  it('moves a mission keeping its length', () => {
    expect(shiftedTimes({ heure_debut: '08:00', heure_fin: '10:30' }, 13 * 60)).toEqual({ heure_debut: '13:00', heure_fin: '15:30' });
    expect(shiftedTimes({ heure_debut: '08:00' }, 9 * 60 + 15)).toEqual({ heure_debut: '09:15' });
    expect(shiftedTimes({ heure_debut: '08:00', heure_fin: '12:00' }, 26 * 60)).toEqual({ heure_debut: '26:00', heure_fin: '28:00' });
  });

  it('formats clock times up to 28:00 and marks the hours', () => {
    expect(clockOf(0)).toBe('00:00');
    expect(clockOf(25 * 60 + 5)).toBe('25:05');
    expect(clockOf(99999)).toBe('28:00');
    const marks = hourMarks();
    expect(marks[0]).toEqual({ label: '00h', left: 0 });
    expect(marks.at(-1)).toEqual({ label: '28h', left: 100 });
  });
});

describe('stacked lanes of a day row', () => {
  it('puts overlapping blocks one above the other and reuses a lane once it is free', () => {
    const { lanes, count } = stackLanes([
      { id: 'a', start: 480, end: 720 },
      { id: 'b', start: 540, end: 660 },
      { id: 'c', start: 720, end: 780 },
      { id: 'd', start: 600, end: 800 },
    ]);
    expect(Object.fromEntries(lanes)).toEqual({ a: 0, b: 1, d: 2, c: 0 });
    expect(count).toBe(3);
  });

  it('needs one lane for a row without overlaps, or without blocks', () => {
    expect(stackLanes([{ id: 'a', start: 0, end: 60 }, { id: 'b', start: 60, end: 120 }]).count).toBe(1);
    expect(stackLanes([]).count).toBe(1);
  });
});

describe('dropping along the timeline', () => {
  test('snaps to the nearest quarter hour within the day', () => {
    expect(snapToSlot(3 * 60 + 37)).toBe(3 * 60 + 30);
    expect(snapToSlot(3 * 60 + 38)).toBe(3 * 60 + 45);
    expect(snapToSlot(-20)).toBe(0);
    expect(snapToSlot(dayMinutes + 50)).toBe(dayMinutes - slotMinutes);
  });

  test('a vertical drag keeps the start time even with a little sideways jitter (03:30 stays 03:30)', () => {
    const start = 3 * 60 + 30;
    expect(dropStart({ start, deltaX: 0, laneWidth: 1000 })).toBe(start);
    expect(dropStart({ start, deltaX: verticalDragTolerance - 1, laneWidth: 1000 })).toBe(start);
    expect(dropStart({ start, deltaX: -(verticalDragTolerance - 1), laneWidth: 1000 })).toBe(start);
  });

  test('a horizontal drag moves the start by the distance dragged, snapped', () => {
    const start = 3 * 60 + 30;
    // 1680 px for 28 h: one pixel a minute.
    expect(dropStart({ start, deltaX: 60, laneWidth: dayMinutes })).toBe(4 * 60 + 30);
    expect(dropStart({ start, deltaX: -97, laneWidth: dayMinutes })).toBe(2 * 60);
    expect(dropStart({ start: 7, deltaX: 40, laneWidth: dayMinutes })).toBe(45);
  });
});
