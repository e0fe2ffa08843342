import type { Entreprise } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { contactGroupIssues } from './contacts';

const nord = { id: 'e1', raison_sociale: 'Transports Nord', groupes: [{ id: 'g1', nom: 'Grands comptes' }, { id: 'g2', nom: 'BTP' }] };
const sud = { id: 'e2', raison_sociale: 'Transports Sud', groupes: [{ id: 'g3', nom: 'Grands comptes' }] };
const known: Pick<Entreprise, 'id' | 'raison_sociale' | 'groupes'>[] = [nord, sud];

describe('contactGroupIssues', () => {
  it('accepts groups of the contact’s own company, several at once', () => {
    expect(contactGroupIssues({ entreprise_id: 'e1', groupe_ids: ['g1', 'g2'] }, known)).toEqual([]);
    expect(contactGroupIssues({ entreprise_id: 'e1', groupe_ids: [] }, known)).toEqual([]);
  });

  it('refuses a group of another company, naming it', () => {
    const issues = contactGroupIssues({ entreprise_id: 'e1', groupe_ids: ['g1', 'g3'] }, known);
    expect(issues).toEqual([expect.objectContaining({ code: 'GROUPE_AUTRE_ENTREPRISE', groupe_id: 'g3' })]);
    expect(issues[0]?.message).toContain('Transports Sud');
  });

  it('refuses unknown and repeated groups', () => {
    expect(contactGroupIssues({ entreprise_id: 'e2', groupe_ids: ['g3', 'g3', 'zz'] }, known).map((issue) => issue.code)).toEqual([
      'GROUPE_EN_DOUBLE',
      'GROUPE_INCONNU',
    ]);
  });
});
