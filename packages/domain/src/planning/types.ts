import type { Chauffeur, Disponibilite, Mission, Voyage } from '@relais/schema';

/** What the planning checks read of a mission. */
export type PlannedMission = Pick<
  Mission,
  'id' | 'date_mission' | 'heure_debut' | 'heure_fin' | 'chauffeur_id' | 'voyage_id' | 'statut' | 'duree_conduite_min' | 'force_motif'
>;

/** What the planning checks read of a chauffeur. */
export type ChauffeurFacts = Pick<
  Chauffeur,
  | 'id'
  | 'nom'
  | 'prenom'
  | 'is_active'
  | 'permis'
  | 'adr'
  | 'fimo'
  | 'competences'
  | 'permis_validite'
  | 'fimo_validite'
  | 'adr_validite'
  | 'visite_medicale_validite'
>;

/** What the planning checks read of a voyage. */
export type VoyageFacts = Pick<Voyage, 'id' | 'code' | 'duree_conduite_min' | 'competences_requises' | 'permis_requis'>;

/** What the planning checks read of an absence. */
export type AbsenceFacts = Pick<Disponibilite, 'chauffeur_id' | 'date_debut' | 'date_fin' | 'type_absence'>;

/** Everything the planning checks need; missions of other chauffeurs are ignored where irrelevant. */
export interface PlanningData {
  missions: readonly PlannedMission[];
  chauffeurs: ReadonlyMap<string, ChauffeurFacts>;
  voyages: ReadonlyMap<string, VoyageFacts>;
  absences: readonly AbsenceFacts[];
}

export const planningConflictCodes = [
  'CHAUFFEUR_DOUBLE_RESERVE',
  'CHAUFFEUR_ABSENT',
  'CHAUFFEUR_INACTIF',
  'COMPETENCE_MANQUANTE',
  'PERMIS_INSUFFISANT',
  'PERMIS_EXPIRE',
  'FIMO_EXPIREE',
  'ADR_EXPIRE',
  'VISITE_MEDICALE_EXPIREE',
  'CONDUITE_JOUR_ETENDUE',
  'CONDUITE_JOUR_DEPASSEE',
  'CONDUITE_SEMAINE_DEPASSEE',
  'CONDUITE_DEUX_SEMAINES_DEPASSEE',
  'REPOS_JOURNALIER_INSUFFISANT',
  'PAUSE_INSUFFISANTE',
] as const;

export type PlanningConflictCode = (typeof planningConflictCodes)[number];

/** `hard` blocks saving unless forced with a reason; `soft` warns. */
export type PlanningSeverity = 'hard' | 'soft';

export interface PlanningConflict {
  code: PlanningConflictCode;
  severity: PlanningSeverity;
  /** The mission the conflict is reported on. */
  missionId: string;
  /** French, for the user; `params` lets another language rebuild it. */
  message: string;
  params: Record<string, string | number>;
  /** The other missions involved (the overlapping one, the rest of an over-long day…). */
  related: string[];
}
