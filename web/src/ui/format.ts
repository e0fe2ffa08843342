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

/**
 * The formatter of `language` kept in `cache`, made by `make` the first time: building an
 * `Intl` formatter costs far more than formatting with it, and a board formats on each render.
 */
export function formatterOf<T>(cache: Map<string, T>, language: string, make: () => T): T {
  let formatter = cache.get(language);
  if (formatter === undefined) {
    formatter = make();
    cache.set(language, formatter);
  }
  return formatter;
}

const longDayFormats = new Map<string, Intl.DateTimeFormat>();

/** "mercredi 15 janvier 2025" for the page header. */
export function formatDayLong(day: string, language: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const format = formatterOf(longDayFormats, language, () => new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
  return format.format(new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1));
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

const euroFormats = new Map<string, Intl.NumberFormat>();

/** Cents as euros for display: `1234` → `12,34 €` (French grouping and decimals). */
export function formatEuros(cents: number, language = 'fr'): string {
  return formatterOf(euroFormats, language, () => new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' })).format(cents / 100);
}

/** Cents as a euro input value: `1234` → `12,34`, `undefined` → empty. */
export function eurosInput(cents: number | undefined): string {
  if (cents === undefined) {
    return '';
  }
  const whole = Math.floor(cents / 100);
  return `${whole},${pad(cents % 100)}`;
}

/**
 * A typed euro amount as integer cents, without going through a float: `12,5` → `1250`,
 * `1 234.56` → `123456`. Empty gives `undefined`; anything else (more than 2 decimals, letters,
 * a sign) gives `NaN` so the schema reports it.
 */
export function parseEuros(input: string): number | undefined {
  const text = input.replace(/[\s\u00a0\u202f€]/g, '');
  if (text === '') {
    return undefined;
  }
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) {
    return Number.NaN;
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Minutes as `h:mm` (`545` → `9:05`); empty for `undefined`. */
export function formatMinutes(minutes: number | undefined): string {
  if (minutes === undefined) {
    return '';
  }
  return `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;
}

/** A typed `h:mm` (or plain minutes) as minutes; empty gives `undefined`, anything else `NaN`. */
export function parseMinutes(input: string): number | undefined {
  const text = input.trim();
  if (text === '') {
    return undefined;
  }
  const match = /^(\d{1,2}):([0-5]\d)$/.exec(text);
  if (match) {
    return Number(match[1]) * 60 + Number(match[2]);
  }
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** A count as the language writes it (`12 000` in French, `12,000` in English); one formatter per language. */
export function formatCount(count: number, language: string): string {
  return formatterOf(countFormats, language, () => new Intl.NumberFormat(language, { maximumFractionDigits: 0 })).format(count);
}
