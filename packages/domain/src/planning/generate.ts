import type { Mission, Voyage } from '@relais/schema';
import { v5 as uuidv5 } from 'uuid';
import { daysBetween, jourOf } from './calendar';
import { checkMissionPlanning, hardConflicts } from './conflicts';
import type { PlanningConflict, PlanningData } from './types';
import { minutesToTime, timeToMinutes } from '../time';

/** Namespace of the ids of generated missions (fixed: the same voyage and day always give the same id). */
const generatedMissionNamespace = '6f1c1c1e-8a57-4d2e-9b8e-3b9d7f0c2a41';

/**
 * The id of the mission a voyage generates on a day. Deterministic, so generating twice (or on two
 * offline PCs) produces the same documents instead of duplicates.
 */
export function generatedMissionId(voyageId: string, date: string): string {
  return uuidv5(`${voyageId}/${date}`, generatedMissionNamespace);
}

/**
 * The arrival time as the plan writes it: a night run leaving 21:00 and arriving 04:00 arrives at
 * 28:00 of its start day. An arrival that cannot be written so (past 28:00) is left out.
 */
function arrivalOnStartDay(start: string, arrival: string | undefined): string | undefined {
  if (arrival === undefined) {
    return undefined;
  }
  const startMinutes = timeToMinutes(start);
  const arrivalMinutes = timeToMinutes(arrival);
  if (arrivalMinutes >= startMinutes) {
    return arrival;
  }
  const nextDay = arrivalMinutes + 24 * 60;
  return nextDay <= 28 * 60 ? minutesToTime(nextDay) : undefined;
}

export interface GenerationOptions {
  from: string;
  to: string;
  /** Puts each line's usual chauffeur on its missions. */
  assignUsualChauffeur: boolean;
  /** Only these voyages; all active ones when absent. */
  voyageIds?: readonly string[];
  /**
   * The chauffeurs, absences, voyages and the missions already planned around the range: the usual
   * chauffeur is put on a mission only where the planning rules allow it (no blocking conflict: leave,
   * training, another booking, rest…), as the server will judge it. Without it, no check is made.
   */
  planning?: PlanningData;
  /** Days before this one are left out (`PAST_DAY`): the server refuses them without `edit_past_planning`. */
  firstAllowedDay?: string;
}

/** A mission to create, without the bookkeeping (`rev`, `updated_at`) the edit helpers add. */
export type MissionDraft = Omit<Mission, 'rev' | 'updated_at'>;

/** A generated mission left without its usual chauffeur, and why. */
export interface UnassignedDraft {
  id: string;
  voyage_id: string;
  date: string;
  chauffeur_id: string;
  /** The blocking conflicts assigning the chauffeur would have caused. */
  conflicts: PlanningConflict[];
}

export interface GenerationPlan {
  missions: MissionDraft[];
  /** Voyage days skipped: a mission exists (or existed: it was deleted on purpose), or the day is past. */
  skipped: { voyage_id: string; date: string; reason: 'EXISTS' | 'PAST_DAY' }[];
  /** Missions created without the usual chauffeur the rules did not allow on that day (also in `missions`). */
  unassigned: UnassignedDraft[];
}

/**
 * The missions active voyages run from `from` to `to` on their `jours_operation`. A day where the
 * voyage already has a mission, or where its generated mission exists or was deleted (`knownIds`),
 * is skipped: generating again changes nothing.
 */
export function generateMissions(
  voyages: readonly Voyage[],
  existing: readonly Pick<Mission, 'voyage_id' | 'date_mission'>[],
  knownIds: ReadonlySet<string>,
  options: GenerationOptions,
): GenerationPlan {
  const planned = new Set(existing.filter((mission) => mission.voyage_id !== undefined).map((mission) => `${mission.voyage_id}/${mission.date_mission}`));
  const wanted = options.voyageIds ? new Set(options.voyageIds) : undefined;
  const plan: GenerationPlan = { missions: [], skipped: [], unassigned: [] };
  // The missions planned so far, this plan's included: two generated runs of one chauffeur are checked together.
  const plannedSoFar = options.planning ? [...options.planning.missions] : [];
  const days = daysBetween(options.from, options.to);
  for (const voyage of voyages) {
    if (!voyage.is_active || (wanted && !wanted.has(voyage.id))) {
      continue;
    }
    for (const date of days) {
      if (!voyage.jours_operation.includes(jourOf(date))) {
        continue;
      }
      const id = generatedMissionId(voyage.id, date);
      if (planned.has(`${voyage.id}/${date}`) || knownIds.has(id)) {
        plan.skipped.push({ voyage_id: voyage.id, date, reason: 'EXISTS' });
        continue;
      }
      if (options.firstAllowedDay !== undefined && date < options.firstAllowedDay) {
        plan.skipped.push({ voyage_id: voyage.id, date, reason: 'PAST_DAY' });
        continue;
      }
      const start = voyage.heure_depart_defaut ?? '00:00';
      const end = arrivalOnStartDay(start, voyage.heure_arrivee_defaut);
      const usual = options.assignUsualChauffeur ? voyage.chauffeur_habituel_id : undefined;
      const base: MissionDraft = {
        id,
        date_mission: date,
        heure_debut: start,
        ...(end !== undefined ? { heure_fin: end } : {}),
        voyage_id: voyage.id,
        type_mission: voyage.type_mission ?? 'livraison',
        ...(voyage.depart !== undefined ? { depart: voyage.depart } : {}),
        destination: voyage.destination ?? voyage.nom,
        ...(voyage.pays_destination !== undefined ? { pays: voyage.pays_destination } : {}),
        ...(voyage.nb_palettes_moyen !== undefined ? { nb_palettes: voyage.nb_palettes_moyen } : {}),
        statut: 'planifie',
      };
      let draft = usual === undefined ? base : { ...base, chauffeur_id: usual };
      if (usual !== undefined && options.planning) {
        const blocking = hardConflicts(checkMissionPlanning({ ...options.planning, missions: plannedSoFar }, draft));
        if (blocking.length > 0) {
          plan.unassigned.push({ id, voyage_id: voyage.id, date, chauffeur_id: usual, conflicts: blocking });
          draft = base;
        }
      }
      plan.missions.push(draft);
      plannedSoFar.push(draft);
    }
  }
  return plan;
}
