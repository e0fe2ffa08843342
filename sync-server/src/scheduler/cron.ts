import { Cron } from 'croner';
import { z } from 'zod';

/** The time zone of schedules unless `RELAIS_JOBS_TIMEZONE` says otherwise. */
export const defaultTimezone = 'Europe/Paris';

/** A schedule that never fires: the job still runs by hand or from the console. */
export const scheduleOff = 'off';

/**
 * `housekeeping`, `wms-backup:3`: lower case, digits, `-`, `.`, `:` (a connector's jobs carry their
 * connection). `runs` and `events` are taken by the routes `/admin/jobs/runs/…` and `/admin/jobs/events`.
 */
export const jobNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.:-]{0,99}$/, 'nom de tâche attendu : minuscules, chiffres, « - », « . » ou « : »')
  .refine((name) => name !== 'runs' && name !== 'events', { message: 'nom de tâche réservé' });

/** A croner pattern with 5 fields (minute hour day month weekday), an optional leading seconds field, or a nickname (`@daily`). */
export function cronPattern(expression: string, timezone: string): Cron {
  return new Cron(expression, { paused: true, timezone, mode: '5-or-6-parts' });
}

export function isValidCron(expression: string): boolean {
  try {
    cronPattern(expression, 'UTC');
    return true;
  } catch {
    return false;
  }
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export const cronExpressionSchema = z
  .string()
  .trim()
  .refine(isValidCron, { message: 'expression cron invalide (ex. « 30 3 * * * » : minute heure jour mois jour-de-semaine)' });

/** A job's schedule: a cron expression or `off`. */
export const scheduleSchema = z.union([z.literal(scheduleOff), cronExpressionSchema], {
  error: 'expression cron invalide (ex. « 30 3 * * * » : minute heure jour mois jour-de-semaine) ou « off »',
});

export const timezoneSchema = z.string().trim().refine(isValidTimezone, { message: 'fuseau horaire inconnu (ex. Europe/Paris)' });

/** The next fire strictly after `after`, or null (an `off` schedule, or none left). */
export function nextFire(schedule: string, timezone: string, after: Date): Date | null {
  return schedule === scheduleOff ? null : cronPattern(schedule, timezone).nextRun(after);
}

/**
 * The fires in (`after`, `until`], oldest first, how many there were in all and the last one: only
 * the first `limit` are listed, and counting stops at `countLimit` (an every-second job down for a week).
 */
export function firesBetween(schedule: string, timezone: string, after: Date, until: Date, limit: number, countLimit = 100_000): { fires: Date[]; total: number; last: Date | null } {
  const fires: Date[] = [];
  let last: Date | null = null;
  if (schedule === scheduleOff) {
    return { fires, total: 0, last };
  }
  const pattern = cronPattern(schedule, timezone);
  let total = 0;
  let cursor: Date | null = pattern.nextRun(after);
  while (cursor !== null && cursor.getTime() <= until.getTime() && total < countLimit) {
    if (fires.length < limit) {
      fires.push(cursor);
    }
    total += 1;
    last = cursor;
    cursor = pattern.nextRun(cursor);
  }
  return { fires, total, last };
}
