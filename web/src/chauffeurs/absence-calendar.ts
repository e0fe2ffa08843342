import { addDays, dateOfDay, dayNumber, weekStart } from '@relais/domain';
import type { Disponibilite } from '@relais/schema';

export interface CalendarDay {
  date: string;
  /** False for the days of the neighbouring months that fill the first and last weeks. */
  inMonth: boolean;
  /** The absence covering the day, if any (the first one when several overlap). */
  absence: Pick<Disponibilite, 'id' | 'type_absence' | 'motif'> | undefined;
}

/** `YYYY-MM` of a day. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month `offset` months after `month` (`YYYY-MM`). */
export function shiftMonth(month: string, offset: number): string {
  const [year = 1970, number = 1] = month.split('-').map(Number);
  const index = year * 12 + (number - 1) + offset;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The weeks (Monday first) that show a month, each day with the absence covering it: what the
 * absences calendar draws.
 */
export function monthGrid(month: string, absences: readonly Pick<Disponibilite, 'id' | 'date_debut' | 'date_fin' | 'type_absence' | 'motif'>[]): CalendarDay[][] {
  const first = `${month}-01`;
  const last = addDays(`${shiftMonth(month, 1)}-01`, -1);
  const weeks: CalendarDay[][] = [];
  for (let day = dayNumber(weekStart(first)); day <= dayNumber(last); day += 7) {
    weeks.push(
      Array.from({ length: 7 }, (_, offset) => {
        const date = dateOfDay(day + offset);
        const absence = absences.find((candidate) => candidate.date_debut <= date && date <= candidate.date_fin);
        return {
          date,
          inMonth: monthOf(date) === month,
          absence: absence ? { id: absence.id, type_absence: absence.type_absence, ...(absence.motif === undefined ? {} : { motif: absence.motif }) } : undefined,
        };
      }),
    );
  }
  return weeks;
}
