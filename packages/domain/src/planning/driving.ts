import { dateOfDay, formatDuration, frenchDay } from './calendar';
import type { TimedMission } from './conflicts';
import type { PlanningConflict, PlanningConflictCode, PlanningSeverity } from './types';

/** The limits of EU regulation 561/2006 that a plan can break, in minutes. */
export const drivingLimits = {
  daily: 9 * 60,
  dailyExtended: 10 * 60,
  extendedDaysPerWeek: 2,
  weekly: 56 * 60,
  fortnightly: 90 * 60,
  dailyRest: 11 * 60,
  continuousDriving: 4 * 60 + 30,
  break: 45,
} as const;

function report(
  code: PlanningConflictCode,
  severity: PlanningSeverity,
  missions: readonly TimedMission[],
  message: string,
  params: Record<string, string | number>,
): PlanningConflict[] {
  const ids = missions.map((timed) => timed.mission.id);
  return ids.map((missionId) => ({ code, severity, missionId, message, params, related: ids.filter((id) => id !== missionId) }));
}

function groupBy<K>(missions: readonly TimedMission[], key: (timed: TimedMission) => K): Map<K, TimedMission[]> {
  const groups = new Map<K, TimedMission[]>();
  for (const timed of missions) {
    const value = key(timed);
    const group = groups.get(value);
    if (group) {
      group.push(timed);
    } else {
      groups.set(value, [timed]);
    }
  }
  return groups;
}

const drivingOf = (missions: readonly TimedMission[]): number => missions.reduce((sum, timed) => sum + (timed.driving ?? 0), 0);

/** Daily driving: 9 h, or 10 h at most twice in a week (art. 6.1). */
function dailyConflicts(byDay: Map<number, TimedMission[]>, name: string): PlanningConflict[] {
  const found: PlanningConflict[] = [];
  const extendedByWeek = new Map<number, number>();
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const missions = byDay.get(day) ?? [];
    const total = drivingOf(missions);
    if (total <= drivingLimits.daily) {
      continue;
    }
    const date = dateOfDay(day);
    // Every day over 9 h uses one of the week's two extensions, a day over 10 h too.
    const week = day - ((((day + 3) % 7) + 7) % 7);
    const rank = (extendedByWeek.get(week) ?? 0) + 1;
    extendedByWeek.set(week, rank);
    const params = { chauffeur: name, date, total: formatDuration(total) };
    if (total > drivingLimits.dailyExtended) {
      found.push(
        ...report('CONDUITE_JOUR_DEPASSEE', 'hard', missions, `${name} conduirait ${formatDuration(total)} le ${frenchDay(date)} (10 h au plus)`, { ...params, rank }),
      );
      continue;
    }
    if (rank > drivingLimits.extendedDaysPerWeek) {
      found.push(
        ...report(
          'CONDUITE_JOUR_DEPASSEE',
          'hard',
          missions,
          `${name} conduirait plus de 9 h le ${frenchDay(date)} pour la ${rank}e fois de la semaine (2 fois au plus)`,
          { ...params, rank },
        ),
      );
    } else {
      found.push(
        ...report('CONDUITE_JOUR_ETENDUE', 'soft', missions, `Journée de conduite étendue à ${formatDuration(total)} le ${frenchDay(date)} (${rank}/2 cette semaine)`, {
          ...params,
          rank,
        }),
      );
    }
  }
  return found;
}

/** Weekly driving 56 h (art. 6.2) and 90 h over two consecutive weeks (art. 6.3). */
function weeklyConflicts(byWeek: Map<number, TimedMission[]>, name: string): PlanningConflict[] {
  const found: PlanningConflict[] = [];
  for (const [week, missions] of byWeek) {
    const total = drivingOf(missions);
    if (total > drivingLimits.weekly) {
      found.push(
        ...report('CONDUITE_SEMAINE_DEPASSEE', 'hard', missions, `${name} conduirait ${formatDuration(total)} la semaine du ${frenchDay(dateOfDay(week))} (56 h au plus)`, {
          chauffeur: name,
          week: dateOfDay(week),
          total: formatDuration(total),
        }),
      );
    }
    const next = byWeek.get(week + 7);
    if (next) {
      const pair = drivingOf(missions) + drivingOf(next);
      if (pair > drivingLimits.fortnightly) {
        found.push(
          ...report(
            'CONDUITE_DEUX_SEMAINES_DEPASSEE',
            'hard',
            [...missions, ...next],
            `${name} conduirait ${formatDuration(pair)} sur les semaines du ${frenchDay(dateOfDay(week))} et du ${frenchDay(dateOfDay(week + 7))} (90 h au plus)`,
            { chauffeur: name, week: dateOfDay(week), total: formatDuration(pair) },
          ),
        );
      }
    }
  }
  return found;
}

/**
 * Daily rest (art. 8.2): within 24 hours of the start of a duty period there must be 11 consecutive
 * hours of rest, so missions separated by less than 11 h form one duty period, and that period may
 * not last more than 13 h.
 */
function restConflicts(sorted: readonly TimedMission[], name: string): PlanningConflict[] {
  const found: PlanningConflict[] = [];
  let period: TimedMission[] = [];
  let periodEnd = Number.NEGATIVE_INFINITY;
  const close = (): void => {
    const first = period[0];
    if (first && periodEnd - first.start > 24 * 60 - drivingLimits.dailyRest) {
      found.push(
        ...report(
          'REPOS_JOURNALIER_INSUFFISANT',
          'hard',
          period,
          `${name} n’aurait pas 11 h de repos dans les 24 h suivant sa prise de service du ${frenchDay(first.mission.date_mission)} à ${first.mission.heure_debut}`,
          { chauffeur: name, date: first.mission.date_mission, time: first.mission.heure_debut },
        ),
      );
    }
  };
  for (const timed of sorted) {
    if (period.length > 0 && timed.start - periodEnd >= drivingLimits.dailyRest) {
      close();
      period = [];
      periodEnd = Number.NEGATIVE_INFINITY;
    }
    period.push(timed);
    periodEnd = Math.max(periodEnd, timed.end);
  }
  close();
  return found;
}

/**
 * Breaks (art. 7): after 4 h 30 of driving, a 45-minute break. Checked where the plan tells:
 * missions with an end time and a planned driving time; a gap of 45 minutes between missions counts
 * as the break, and so does each 45 minutes a mission leaves beside its driving (one break per
 * 4 h 30 stretch: 9 h 01 of driving needs two).
 */
function breakConflicts(sorted: readonly TimedMission[], name: string): PlanningConflict[] {
  const found: PlanningConflict[] = [];
  let drivingSinceBreak = 0;
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const timed of sorted) {
    if (timed.start - previousEnd >= drivingLimits.break) {
      drivingSinceBreak = 0;
    }
    previousEnd = Math.max(previousEnd, timed.end);
    if (timed.driving === undefined) {
      continue; // Other work, no driving: neither driving time nor a break.
    }
    if (timed.slack === undefined) {
      drivingSinceBreak = 0; // Driving without an end time: nothing to compute from, no carry-over.
      continue;
    }
    // Each 45 minutes of slack is a break placed where the driving needs it (after 4 h 30 at most):
    // what is left after the last one is the stretch that must stay under 4 h 30 and carries over.
    const breaks = Math.floor(Math.max(0, timed.slack) / drivingLimits.break);
    const total = drivingSinceBreak + timed.driving - breaks * drivingLimits.continuousDriving;
    if (total <= 0) {
      drivingSinceBreak = 0; // A break is left over for the end of this mission.
      continue;
    }
    if (total > drivingLimits.continuousDriving) {
      found.push(
        ...report(
          'PAUSE_INSUFFISANTE',
          'hard',
          [timed],
          `${name} conduirait ${formatDuration(total)} sans pause de 45 min (4 h 30 au plus) jusqu’à la fin de la mission de ${timed.mission.heure_debut} le ${frenchDay(timed.mission.date_mission)}`,
          { chauffeur: name, total: formatDuration(total), date: timed.mission.date_mission, time: timed.mission.heure_debut },
        ),
      );
      drivingSinceBreak = 0;
      continue;
    }
    drivingSinceBreak = total;
  }
  return found;
}

/** Every 561/2006 conflict of one chauffeur's missions, sorted by start. */
export function drivingConflicts(sorted: readonly TimedMission[], name: string): PlanningConflict[] {
  const withDriving = sorted.filter((timed) => timed.driving !== undefined && timed.driving > 0);
  const byDay = groupBy(withDriving, (timed) => timed.day);
  const byWeek = groupBy(withDriving, (timed) => timed.day - ((((timed.day + 3) % 7) + 7) % 7));
  return [...dailyConflicts(byDay, name), ...weeklyConflicts(byWeek, name), ...restConflicts(sorted, name), ...breakConflicts(sorted, name)];
}
