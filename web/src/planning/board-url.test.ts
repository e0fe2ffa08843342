import { describe, expect, test } from 'vitest';
import { boardSearch, daysOfView, openingDay, openingDays, parseBoardLocation, stepOfView } from './board-url';

describe('board URL state', () => {
  test('a place written to the URL reads back the same', () => {
    for (const view of ['day', 'week', 'twoWeeks'] as const) {
      expect(parseBoardLocation(boardSearch({ day: '2026-12-08', view }))).toEqual({ day: '2026-12-08', view });
    }
    expect(boardSearch({ day: '2026-12-08', view: 'week' })).toBe('?jour=2026-12-08&vue=semaine');
  });

  test('an invalid or missing day or view is ignored, not shown', () => {
    expect(parseBoardLocation('?jour=2026-13-40&vue=mois')).toEqual({ day: undefined, view: undefined });
    expect(parseBoardLocation('')).toEqual({ day: undefined, view: undefined });
  });

  test('the views show one day, a week and two weeks from Monday', () => {
    expect(daysOfView('day', '2026-12-09')).toEqual(['2026-12-09']);
    const week = daysOfView('week', '2026-12-09');
    expect(week[0]).toBe('2026-12-07');
    expect(week).toHaveLength(7);
    const two = daysOfView('twoWeeks', '2026-12-09');
    expect(two[0]).toBe('2026-12-07');
    expect(two[13]).toBe('2026-12-20');
    expect([stepOfView('day'), stepOfView('week'), stepOfView('twoWeeks')]).toEqual([1, 7, 14]);
  });

  test('the board opens on today when it has missions, else on the next day that has some', () => {
    expect(openingDay('2026-12-06', '2026-12-06')).toBe('2026-12-06');
    expect(openingDay('2026-12-06', '2026-12-08')).toBe('2026-12-08');
    expect(openingDay('2026-12-06', undefined)).toBe('2026-12-06');
  });

  test("before the local store exists, the board opens on the URL's place, else the tab's last one, else today", () => {
    expect(openingDays('?jour=2026-12-09&vue=semaine', '?jour=2026-11-02&vue=jour', '2026-12-06')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(openingDays('', '?jour=2026-11-02&vue=quinzaine', '2026-12-06')).toEqual({ from: '2026-11-02', to: '2026-11-15' });
    expect(openingDays('?vue=semaine', undefined, '2026-12-09')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(openingDays('', undefined, '2026-12-06')).toEqual({ from: '2026-12-06', to: '2026-12-06' });
  });
});
