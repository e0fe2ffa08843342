import type { Contact, Entreprise } from '@relais/schema';

export interface ContactGroupIssue {
  code: 'GROUPE_INCONNU' | 'GROUPE_AUTRE_ENTREPRISE' | 'GROUPE_EN_DOUBLE';
  groupe_id: string;
  message: string;
}

/**
 * A contact belongs to one issuing company and may join several groups of that same company only.
 * `entreprises` are the companies the checker knows (the PWA's store, the server's table): a group
 * of another company is named as such, a group nobody knows as unknown. The PWA runs it while the
 * form is edited, the server in the write transaction.
 */
export function contactGroupIssues(
  contact: Pick<Contact, 'entreprise_id' | 'groupe_ids'>,
  entreprises: readonly Pick<Entreprise, 'id' | 'raison_sociale' | 'groupes'>[],
): ContactGroupIssue[] {
  const owner = new Map<string, Pick<Entreprise, 'id' | 'raison_sociale'>>();
  for (const entreprise of entreprises) {
    for (const groupe of entreprise.groupes) {
      owner.set(groupe.id, entreprise);
    }
  }
  const seen = new Set<string>();
  const issues: ContactGroupIssue[] = [];
  for (const groupe_id of contact.groupe_ids) {
    if (seen.has(groupe_id)) {
      issues.push({ code: 'GROUPE_EN_DOUBLE', groupe_id, message: 'Le contact est déjà dans ce groupe' });
      continue;
    }
    seen.add(groupe_id);
    const entreprise = owner.get(groupe_id);
    if (!entreprise) {
      issues.push({ code: 'GROUPE_INCONNU', groupe_id, message: `Groupe inconnu : ${groupe_id}` });
    } else if (entreprise.id !== contact.entreprise_id) {
      issues.push({
        code: 'GROUPE_AUTRE_ENTREPRISE',
        groupe_id,
        message: `Ce groupe appartient à ${entreprise.raison_sociale} : un contact ne rejoint que des groupes de sa propre entreprise`,
      });
    }
  }
  return issues;
}
