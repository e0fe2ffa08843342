import { checkMissionPlanning, judgeMission, type PermissionMap, type PlanningConflict, type PlanningData } from '@relais/domain';
import type { Mission } from '@relais/schema';
import type { MissionPatch } from './drop-target';

/** What to do with a placement on the board. */
export type PlacementDecision =
  | { action: 'none' }
  /** Save; `force_motif` is the reason when forced, `undefined` (cleared) otherwise. */
  | { action: 'save'; patch: MissionPatch & { force_motif: string | undefined } }
  /** Blocking conflicts the user may force: ask for a reason. */
  | { action: 'ask-reason'; conflicts: PlanningConflict[] }
  | { action: 'refuse'; reason: 'past' }
  | { action: 'refuse'; reason: 'conflicts'; conflicts: PlanningConflict[] };

function changed(mission: Mission, patch: MissionPatch): boolean {
  return (
    mission.chauffeur_id !== patch.chauffeur_id ||
    mission.sst_id !== patch.sst_id ||
    mission.date_mission !== patch.date_mission ||
    mission.heure_debut !== patch.heure_debut ||
    ('heure_fin' in patch && mission.heure_fin !== patch.heure_fin)
  );
}

/** The mission as it would be saved with `patch`. */
export function proposed(mission: Mission, patch: MissionPatch): Mission {
  const next: Mission = { ...mission, ...patch };
  for (const key of ['chauffeur_id', 'sst_id', 'heure_fin'] as const) {
    if (key in patch && patch[key] === undefined) {
      delete next[key];
    }
  }
  return next;
}

/**
 * The domain's verdict on a placement, as the board acts on it: save (clearing an old reason for
 * forcing), ask for a reason, or refuse. `forceMotif` is the reason once given.
 */
export function decidePlacement(input: {
  mission: Mission;
  patch: MissionPatch;
  data: PlanningData;
  permissions: PermissionMap;
  today: string;
  forceMotif?: string | undefined;
}): PlacementDecision {
  const { mission, patch, permissions } = input;
  if (!changed(mission, patch) && input.forceMotif === undefined) {
    return { action: 'none' };
  }
  const conflicts = checkMissionPlanning(input.data, proposed(mission, patch));
  const verdict = judgeMission({
    today: input.today,
    permissions,
    date: patch.date_mission,
    previousDate: mission.date_mission,
    forceMotif: input.forceMotif,
    conflicts,
  });
  if (verdict.ok) {
    return { action: 'save', patch: { ...patch, force_motif: verdict.forced?.motif } };
  }
  switch (verdict.code) {
    case 'PAST_PLANNING_LOCKED':
      return { action: 'refuse', reason: 'past' };
    case 'PLANNING_CONFLICT':
      return permissions.edit_past_planning_advanced
        ? { action: 'ask-reason', conflicts: verdict.conflicts }
        : { action: 'refuse', reason: 'conflicts', conflicts: verdict.conflicts };
    case 'PLANNING_FORCE_FORBIDDEN':
      return { action: 'refuse', reason: 'conflicts', conflicts: verdict.conflicts };
  }
}

/**
 * Whether moving this mission deserves a confirmation first: it is on a past day, or finished
 * (moving it rewrites what happened).
 */
export function needsConfirmation(mission: Pick<Mission, 'date_mission' | 'statut'>, today: string): 'past' | 'finished' | undefined {
  if (mission.statut === 'termine') {
    return 'finished';
  }
  return mission.date_mission < today ? 'past' : undefined;
}
