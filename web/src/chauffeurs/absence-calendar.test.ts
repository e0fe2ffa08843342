import { describe, expect, it } from 'vitest';
import { monthGrid, shiftMonth } from './absence-calendar';

describe('absences calendar', () => {
  it('lays a month out in Monday-first weeks, with the neighbouring days marked outside the month', () => {
    // February 2027 starts on a Monday and has exactly four weeks.
    const february = monthGrid('2027-02', []);
    expect(february).toHaveLength(4);
    expect(february[0]?.[0]).toMatchObject({ date: '2027-02-01', inMonth: true });
    expect(february[3]?.[6]).toMatchObject({ date: '2027-02-28', inMonth: true });
    // November 2026 starts on a Sunday: six rows, from Monday 26 October to Sunday 6 December.
    const november = monthGrid('2026-11', []);
    expect(november).toHaveLength(6);
    expect(november[0]?.[0]).toMatchObject({ date: '2026-10-26', inMonth: false });
    expect(november[0]?.[6]).toMatchObject({ date: '2026-11-01', inMonth: true });
    expect(november[5]?.[6]).toMatchObject({ date: '2026-12-06', inMonth: false });
  });

  it('marks every day an absence covers, both ends included', () => {
    const weeks = monthGrid('2026-12', [{ id: 'a', date_debut: '2026-11-30', date_fin: '2026-12-02', type_absence: 'conges', motif: 'Ski' }]);
    const marked = weeks.flat().filter((day) => day.absence !== undefined).map((day) => day.date);
    expect(marked).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(weeks[0]?.[1]?.absence).toEqual({ id: 'a', type_absence: 'conges', motif: 'Ski' });
  });

  it('moves between months across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftMonth('2026-11', 14)).toBe('2028-01');
  });
});
