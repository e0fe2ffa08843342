import type { Mission, Voyage } from '@relais/schema';
import { v5 as uuidv5 } from 'uuid';
import { daysBetween, jourOf } from './calendar';
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
}

/** A mission to create, without the bookkeeping (`rev`, `updated_at`) the edit helpers add. */
export type MissionDraft = Omit<Mission, 'rev' | 'updated_at'>;

export interface GenerationPlan {
  missions: MissionDraft[];
  /** Voyage days skipped because a mission already exists (or existed: it was deleted on purpose). */
  skipped: { voyage_id: string; date: string }[];
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
  const plan: GenerationPlan = { missions: [], skipped: [] };
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
        plan.skipped.push({ voyage_id: voyage.id, date });
        continue;
      }
      const start = voyage.heure_depart_defaut ?? '00:00';
      const end = arrivalOnStartDay(start, voyage.heure_arrivee_defaut);
      const chauffeur = options.assignUsualChauffeur ? voyage.chauffeur_habituel_id : undefined;
      plan.missions.push({
        id,
        date_mission: date,
        heure_debut: start,
        ...(end !== undefined ? { heure_fin: end } : {}),
        voyage_id: voyage.id,
        ...(chauffeur !== undefined ? { chauffeur_id: chauffeur } : {}),
        type_mission: voyage.type_mission ?? 'livraison',
        ...(voyage.depart !== undefined ? { depart: voyage.depart } : {}),
        destination: voyage.destination ?? voyage.nom,
        ...(voyage.pays_destination !== undefined ? { pays: voyage.pays_destination } : {}),
        ...(voyage.nb_palettes_moyen !== undefined ? { nb_palettes: voyage.nb_palettes_moyen } : {}),
        statut: 'planifie',
      });
    }
  }
  return plan;
}
