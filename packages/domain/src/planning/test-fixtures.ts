/**
 * Builders for the planning tests only (not exported from the package): each builds a valid
 * record with the fields a test does not care about filled in, so a test states only what matters.
 */
import type { AbsenceFacts, ChauffeurFacts, PlannedMission, PlanningConflict, PlanningConflictCode, PlanningData, VoyageFacts } from './types';

export function chauffeur(overrides: Partial<ChauffeurFacts> = {}): ChauffeurFacts {
  return {
    id: 'c1',
    nom: 'Martin',
    prenom: 'Luc',
    is_active: true,
    permis: 'CE',
    adr: false,
    fimo: true,
    competences: [],
    ...overrides,
  };
}

export function voyage(overrides: Partial<VoyageFacts> = {}): VoyageFacts {
  return { id: 'v1', code: 'LYO-01', ...overrides };
}

export function mission(overrides: Partial<PlannedMission> = {}): PlannedMission {
  return {
    id: 'm1',
    date_mission: '2026-03-02',
    heure_debut: '08:00',
    heure_fin: '10:00',
    chauffeur_id: 'c1',
    statut: 'planifie',
    ...overrides,
  };
}

export function absence(overrides: Partial<AbsenceFacts> = {}): AbsenceFacts {
  return { chauffeur_id: 'c1', date_debut: '2026-03-02', date_fin: '2026-03-04', type_absence: 'conges', ...overrides };
}

export function planning(input: {
  missions?: readonly PlannedMission[];
  chauffeurs?: readonly ChauffeurFacts[];
  voyages?: readonly VoyageFacts[];
  absences?: readonly AbsenceFacts[];
}): PlanningData {
  return {
    missions: input.missions ?? [],
    chauffeurs: new Map((input.chauffeurs ?? [chauffeur()]).map((entry) => [entry.id, entry])),
    voyages: new Map((input.voyages ?? []).map((entry) => [entry.id, entry])),
    absences: input.absences ?? [],
  };
}

/** The codes found, sorted, so a test compares sets of findings. */
export function codes(conflicts: readonly PlanningConflict[] | undefined): PlanningConflictCode[] {
  return (conflicts ?? []).map((found) => found.code).sort();
}

/** A driving-only mission on a day: starts at `start`, no end time (no break check), `minutes` of driving. */
export function drive(id: string, date: string, minutes: number, start = '05:00'): PlannedMission {
  const { heure_fin: _end, ...rest } = mission({ id, date_mission: date, heure_debut: start, duree_conduite_min: minutes });
  return rest;
}
