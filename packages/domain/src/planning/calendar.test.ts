import { describe, expect, it } from 'vitest';
import { addDays, dateOfDay, dayNumber, daysBetween, formatDuration, jourOf, today, weekdayIndex, weekStart, weekStartDay } from './calendar';
import { holdsLicence, licenceCategories } from './licences';

describe('calendar', () => {
  it('knows the weekday of known dates', () => {
    expect(weekdayIndex('1970-01-01')).toBe(3); // a Thursday
    expect(jourOf('2026-03-02')).toBe('lundi');
    expect(jourOf('2026-03-08')).toBe('dimanche');
    expect(jourOf('2024-02-29')).toBe('jeudi');
    expect(jourOf('1969-12-29')).toBe('lundi');
  });

  it('starts weeks on Monday', () => {
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
    expect(weekStart('2026-01-01')).toBe('2025-12-29');
    expect(weekStartDay('2026-03-05')).toBe(dayNumber('2026-03-02'));
  });

  it('counts days across months, leap days and years', () => {
    expect(dateOfDay(dayNumber('2024-02-28') + 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it('takes today in Europe/Paris, which is already tomorrow after 23:00 UTC in winter and 22:00 UTC in summer', () => {
    expect(today(new Date('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    expect(today(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
    expect(today(new Date('2026-07-15T21:59:59Z'))).toBe('2026-07-15');
    expect(today(new Date('2026-07-15T22:00:00Z'))).toBe('2026-07-16');
    expect(today(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(today(new Date('2026-01-15T23:30:00Z'), 'UTC')).toBe('2026-01-15');
  });

  it('makes its date formatter once per time zone, not once per call (ICU memory the GC does not see)', () => {
    const Original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        super(...args);
        made += 1;
      }
    } as typeof Intl.DateTimeFormat;
    try {
      for (let call = 0; call < 1000; call += 1) {
        today(new Date(Date.UTC(2026, 0, 1) + call * 3_600_000), call % 2 === 0 ? 'Europe/Paris' : 'America/Cayenne');
      }
    } finally {
      Intl.DateTimeFormat = Original;
    }
    expect(made).toBeLessThanOrEqual(2);
    expect(today(new Date('2026-01-15T23:30:00Z'), 'America/Cayenne')).toBe('2026-01-15');
  });

  it('formats durations as the messages show them', () => {
    expect(formatDuration(540)).toBe('9 h');
    expect(formatDuration(545)).toBe('9 h 05');
    expect(formatDuration(3361)).toBe('56 h 01');
  });
});

describe('licences', () => {
  it('lets CE cover C, and not the other way round', () => {
    expect(holdsLicence('CE', 'C')).toBe(true);
    expect(holdsLicence('C', 'CE')).toBe(false);
    expect(holdsLicence('C', 'C')).toBe(true);
    expect(holdsLicence('C', 'C1')).toBe(true);
    expect(holdsLicence('CE', 'C1E')).toBe(true);
    expect(holdsLicence('C1E', 'C')).toBe(false);
    expect(holdsLicence('B', 'C')).toBe(false);
    expect(holdsLicence('DE', 'CE')).toBe(false);
  });

  it('reads the lists TomatoPlan wrote, in any case', () => {
    expect(licenceCategories('c/ce')).toEqual(['C', 'CE']);
    expect(licenceCategories(' C, CE ; D ')).toEqual(['C', 'CE', 'D']);
    expect(holdsLicence('b, c', 'c')).toBe(true);
    expect(holdsLicence('B + C', 'CE')).toBe(false);
    expect(holdsLicence('C+E', 'C')).toBe(true);
  });

  it('holds nothing without a licence', () => {
    expect(holdsLicence(undefined, 'B')).toBe(false);
    expect(holdsLicence('', 'B')).toBe(false);
  });
});
