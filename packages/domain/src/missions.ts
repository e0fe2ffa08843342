import type { Mission } from '@relais/schema';
import { timeToMinutes } from './time';

/** A business-rule violation: a stable code (translated by the UI) and the field it concerns. */
export interface RuleIssue {
  code:
    | 'MISSION_FIN_AVANT_DEBUT'
    | 'PERIODE_FIN_AVANT_DEBUT'
    | 'LIGNE_INVALIDE'
    | 'SIRET_SIREN_DIFFERENTS'
    | 'VALIDITE_AVANT_DEVIS'
    | 'AVOIR_SANS_FACTURE'
    | 'AVOIR_POSITIF'
    | 'FACTURE_ORIGINE_HORS_AVOIR'
    | 'BROUILLON_NUMEROTE'
    | 'FACTURE_SANS_LIGNE'
    | 'FACTURE_NEGATIVE'
    | 'NUMEROTATION_DEBUT_FORMULE'
    | 'NUMEROTATION_FORMATS_CONFONDUS';
  field: string;
  message: string;
}

/**
 * Rules a mission must satisfy beyond its schema. Run in the PWA as the planner types and on the
 * server as the authority.
 */
export function checkMission(mission: Pick<Mission, 'heure_debut' | 'heure_fin'>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (mission.heure_fin !== undefined && timeToMinutes(mission.heure_fin) < timeToMinutes(mission.heure_debut)) {
    issues.push({
      code: 'MISSION_FIN_AVANT_DEBUT',
      field: 'heure_fin',
      message: "L'heure de fin précède l'heure de début",
    });
  }
  return issues;
}
