/**
 * A first check of a schedule as the administrator types it, so the form says what is wrong before
 * sending; the server checks again with croner, the authority.
 */
export type CronIssue = 'empty' | 'fields' | 'syntax' | 'range';

const nicknames = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly']);

/** Bounds of minute, hour, day of month, month, day of week (7 is Sunday too); a leading seconds field is 0–59. */
const bounds: readonly (readonly [number, number])[] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

const names = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat)$/i;

function partIssue(part: string, [low, high]: readonly [number, number]): CronIssue | null {
  const [range = '', step, extra] = part.split('/');
  if (extra !== undefined || (step !== undefined && !/^\d+$/.test(step))) {
    return 'syntax';
  }
  if (range === '*' || range === '?') {
    return null;
  }
  const ends = range.split('-');
  if (ends.length > 2 || ends.some((end) => end === '')) {
    return 'syntax';
  }
  for (const end of ends) {
    if (names.test(end)) {
      continue;
    }
    if (!/^\d+$/.test(end)) {
      return 'syntax';
    }
    const value = Number(end);
    if (value < low || value > high) {
      return 'range';
    }
  }
  return null;
}

/** Null when the schedule looks valid: `off`, a nickname, or 5 (or 6, with seconds) cron fields. */
export function scheduleIssue(schedule: string): CronIssue | null {
  const text = schedule.trim();
  if (text === '') {
    return 'empty';
  }
  if (text === 'off' || nicknames.has(text.toLowerCase())) {
    return null;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    return 'fields';
  }
  const withBounds = fields.length === 6 ? [[0, 59] as const, ...bounds] : bounds;
  for (const [index, field] of fields.entries()) {
    const limits = withBounds[index] ?? [0, 59];
    for (const part of field.split(',')) {
      const issue = partIssue(part, limits);
      if (issue) {
        return issue;
      }
    }
  }
  return null;
}
