import { checkPlanning, type AbsenceFacts, type PlanningConflict, type PlanningData } from '@relais/domain';

interface ChauffeurCheck {
  missions: readonly unknown[];
  chauffeur: unknown;
  absences: readonly AbsenceFacts[];
  conflicts: Map<string, PlanningConflict[]>;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * `checkPlanning`, run again only for the chauffeurs whose missions, facts or absences changed:
 * the planning rules only ever compare a chauffeur's own missions, so a replication batch or an
 * edit re-checks the chauffeurs it touched, not the whole window. Same result as `checkPlanning`.
 */
export function createIncrementalPlanning(): (data: PlanningData) => Map<string, PlanningConflict[]> {
  let voyages: PlanningData['voyages'] | undefined;
  let checks = new Map<string, ChauffeurCheck>();
  return (data) => {
    if (data.voyages !== voyages) {
      // A voyage's times place its missions: every chauffeur is checked again.
      voyages = data.voyages;
      checks = new Map();
    }
    const missionsOf = new Map<string, PlanningData['missions'][number][]>();
    for (const mission of data.missions) {
      if (mission.chauffeur_id === undefined || mission.statut === 'annule') {
        continue;
      }
      const list = missionsOf.get(mission.chauffeur_id);
      if (list) {
        list.push(mission);
      } else {
        missionsOf.set(mission.chauffeur_id, [mission]);
      }
    }
    const absencesOf = new Map<string, AbsenceFacts[]>();
    for (const absence of data.absences) {
      absencesOf.set(absence.chauffeur_id, [...(absencesOf.get(absence.chauffeur_id) ?? []), absence]);
    }
    const next = new Map<string, ChauffeurCheck>();
    const result = new Map<string, PlanningConflict[]>();
    for (const [chauffeurId, missions] of missionsOf) {
      const chauffeur = data.chauffeurs.get(chauffeurId);
      const absences = absencesOf.get(chauffeurId) ?? [];
      const previous = checks.get(chauffeurId);
      const check =
        previous && previous.chauffeur === chauffeur && sameItems(previous.missions, missions) && sameItems(previous.absences, absences)
          ? previous
          : { missions, chauffeur, absences, conflicts: checkPlanning({ missions, chauffeurs: data.chauffeurs, voyages: data.voyages, absences }) };
      next.set(chauffeurId, check);
      for (const [missionId, conflicts] of check.conflicts) {
        result.set(missionId, conflicts);
      }
    }
    checks = next;
    return result;
  };
}
