function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A local calendar day as `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function todayIso(): string {
  return isoDay(new Date());
}

/** The day `delta` days after `day` (both `YYYY-MM-DD`). */
export function shiftDay(day: string, delta: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return isoDay(new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + delta));
}

export function isValidDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && shiftDay(day, 0) === day;
}

/** "mercredi 15 janvier 2025" for the page header. */
export function formatDayLong(day: string, language: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1),
  );
}

/** A timestamp as a short local time, with the day when it is not today. */
export function formatClock(timestamp: string, language: string, now: Date = new Date()): string {
  const date = new Date(timestamp);
  const sameDay = isoDay(date) === isoDay(now);
  return new Intl.DateTimeFormat(language, {
    ...(sameDay ? {} : { day: '2-digit', month: '2-digit' }),
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
}
