import type { PermissionMap } from '../permissions';
import { hardConflicts } from './conflicts';
import type { PlanningConflict } from './types';

/** Who may save a mission whose plan breaks a blocking rule, given a reason. */
export function mayForce(permissions: PermissionMap): boolean {
  return permissions.edit_past_planning_advanced;
}

/** Whether a change touches a day before `today` (its day before or after the change). */
export function touchesPastDay(today: string, ...dates: (string | undefined)[]): boolean {
  return dates.some((date) => date !== undefined && date < today);
}

/** Why a mission may not be saved as planned (the conflicts themselves have their own codes). */
export type PlanningVerdictCode = 'PLANNING_CONFLICT' | 'PLANNING_FORCE_FORBIDDEN' | 'PAST_PLANNING_LOCKED';

export type PlanningVerdict =
  | { ok: true; forced?: { motif: string; conflicts: PlanningConflict[] } }
  | { ok: false; code: PlanningVerdictCode; message: string; conflicts: PlanningConflict[] };

/**
 * Whether a mission may be saved as planned: past days need `edit_past_planning`; blocking
 * conflicts need a reason (`force_motif`) from someone allowed to force. Run by the PWA before
 * saving and by the server as the authority.
 */
export function judgeMission(input: {
  today: string;
  permissions: PermissionMap;
  date: string;
  previousDate?: string | undefined;
  forceMotif?: string | undefined;
  conflicts: readonly PlanningConflict[];
}): PlanningVerdict {
  if (!input.permissions.edit_past_planning && touchesPastDay(input.today, input.date, input.previousDate)) {
    return {
      ok: false,
      code: 'PAST_PLANNING_LOCKED',
      message: 'Modifier le planning d’un jour passé demande le droit « edit_past_planning »',
      conflicts: [],
    };
  }
  const blocking = hardConflicts(input.conflicts);
  if (blocking.length === 0) {
    return { ok: true };
  }
  const motif = input.forceMotif?.trim();
  if (!motif) {
    return { ok: false, code: 'PLANNING_CONFLICT', message: blocking.map((found) => found.message).join(' ; '), conflicts: blocking };
  }
  if (!mayForce(input.permissions)) {
    return {
      ok: false,
      code: 'PLANNING_FORCE_FORBIDDEN',
      message: `Conflit bloquant (${blocking.map((found) => found.message).join(' ; ')}) : le forcer demande le droit « edit_past_planning_advanced »`,
      conflicts: blocking,
    };
  }
  return { ok: true, forced: { motif, conflicts: blocking } };
}
