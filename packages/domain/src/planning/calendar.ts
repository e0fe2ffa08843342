import type { Jour } from '@relais/schema';

const msPerDay = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` day (calendar arithmetic, no time zone involved). */
export function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Math.round(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) / msPerDay);
}

/** The `YYYY-MM-DD` day of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayIndex(date: string): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

const jours: readonly Jour[] = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** The French weekday name of a day, as voyages list their `jours_operation`. */
export function jourOf(date: string): Jour {
  return jours[weekdayIndex(date)] ?? 'lundi';
}

/** The day number of the Monday that starts a day's week (weeks run Monday to Sunday, as in 561/2006). */
export function weekStartDay(date: string): number {
  return dayNumber(date) - weekdayIndex(date);
}

/** The Monday `YYYY-MM-DD` of a day's week. */
export function weekStart(date: string): string {
  return dateOfDay(weekStartDay(date));
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = dayNumber(from); day <= dayNumber(to); day += 1) {
    days.push(dateOfDay(day));
  }
  return days;
}

/** The planning's time zone: days and "today" are those of the office. */
export const planningTimeZone = 'Europe/Paris';

/**
 * One formatter per time zone, made once: an `Intl.DateTimeFormat` holds ICU memory outside the
 * JavaScript heap, which the garbage collector does not see, so one made per call (the server
 * judges every mission written) grew the server by hundreds of megabytes under a burst of writes.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today's `YYYY-MM-DD` in the planning's time zone. */
export function today(now: Date = new Date(), timeZone: string = planningTimeZone): string {
  let formatter = dayFormatters.get(timeZone);
  if (formatter === undefined) {
    // The Canadian French locale formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('fr-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}

/** `h:mm` of a number of minutes (`9 h 05`), for messages. */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}

const shortWeekdays = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'] as const;
const shortMonths = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'] as const;

/**
 * A `YYYY-MM-DD` day as a person reads it in French (`mar. 8 déc.`; with the year when `withYear`):
 * the domain's messages reach users through the server, which formats them the same everywhere.
 */
export function frenchDay(date: string, withYear = false): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined || Number.isNaN(day)) {
    return date;
  }
  const text = `${shortWeekdays[weekdayIndex(date)] ?? ''} ${day} ${shortMonths[month - 1] ?? ''}`;
  return withYear ? `${text} ${year}` : text;
}

const absenceWords: Record<string, string> = { conges: 'congés', maladie: 'maladie', formation: 'formation', autre: 'autre motif' };

/** An absence type (`conges`) as a person says it (`congés`). */
export function absenceWord(type: string): string {
  return absenceWords[type] ?? type;
}
