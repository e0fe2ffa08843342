import type { Mission, Voyage } from '@relais/schema';

export interface DaySheetLine {
  mission: Mission;
  voyage: Pick<Voyage, 'code' | 'nom'> | undefined;
}

/**
 * A chauffeur's missions of one day in driving order (start time, then end time), cancelled ones
 * left out, each with its voyage.
 */
export function daySheetLines(
  missions: readonly Mission[],
  voyages: readonly Pick<Voyage, 'id' | 'code' | 'nom'>[],
  chauffeurId: string,
  day: string,
): DaySheetLine[] {
  const byId = new Map(voyages.map((voyage) => [voyage.id, voyage]));
  return missions
    .filter((mission) => mission.chauffeur_id === chauffeurId && mission.date_mission === day && mission.statut !== 'annule')
    .sort((a, b) => a.heure_debut.localeCompare(b.heure_debut) || (a.heure_fin ?? '').localeCompare(b.heure_fin ?? ''))
    .map((mission) => ({ mission, voyage: mission.voyage_id === undefined ? undefined : byId.get(mission.voyage_id) }));
}
