import type { Contact, Entreprise } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { contactForm, filterContacts, groupeIssues, keepOwnGroupes, noContactFilters, offeredGroupes, toggleGroupe } from './contact-form';

const alpha = '11111111-1111-4111-8111-111111111111';
const beta = '22222222-2222-4222-8222-222222222222';
const alphaVip = 'aaaaaaaa-0000-4000-8000-000000000001';
const alphaPme = 'aaaaaaaa-0000-4000-8000-000000000002';
const betaVip = 'bbbbbbbb-0000-4000-8000-000000000001';

const entreprises: Pick<Entreprise, 'id' | 'raison_sociale' | 'groupes'>[] = [
  { id: alpha, raison_sociale: 'Alpha SAS', groupes: [{ id: alphaVip, nom: 'VIP' }, { id: alphaPme, nom: 'PME' }] },
  { id: beta, raison_sociale: 'Beta SARL', groupes: [{ id: betaVip, nom: 'VIP Beta' }] },
];

const contact: Contact = {
  id: '33333333-3333-4333-8333-333333333333',
  rev: 1,
  updated_at: '2026-01-01T00:00:00.000Z',
  entreprise_id: alpha,
  type_contact: 'societe',
  nom: 'Dupont Logistique',
  adresse_facturation: { ligne1: '3 quai Est', code_postal: '69002', ville: 'Lyon' },
  groupe_ids: [alphaVip],
  is_active: true,
};

describe('contact groups: a contact joins groups of its own company only', () => {
  it('offers the chosen company’s groups and no other’s', () => {
    expect(offeredGroupes(alpha, entreprises).map((groupe) => groupe.id)).toEqual([alphaVip, alphaPme]);
    expect(offeredGroupes(beta, entreprises).map((groupe) => groupe.id)).toEqual([betaVip]);
    expect(offeredGroupes('', entreprises)).toEqual([]);
    expect(toggleGroupe(toggleGroupe([], alphaVip), alphaPme)).toEqual([alphaVip, alphaPme]);
    expect(toggleGroupe([alphaVip, alphaPme], alphaVip)).toEqual([alphaPme]);
  });

  it('flags the other company’s groups once the company changes, with the rule’s French message', () => {
    const issues = groupeIssues(beta, [alphaVip, betaVip], entreprises);
    expect(issues).toEqual([
      {
        code: 'GROUPE_AUTRE_ENTREPRISE',
        groupe_id: alphaVip,
        message: 'Ce groupe appartient à Alpha SAS : un contact ne rejoint que des groupes de sa propre entreprise',
      },
    ]);
    expect(keepOwnGroupes(beta, [alphaVip, betaVip, betaVip], entreprises)).toEqual([betaVip]);
  });

  it('refuses to save a contact in another company’s group, accepts its own', () => {
    const form = contactForm(entreprises);
    const values = form.toForm(contact);
    expect(form.validate(values, contact)).toEqual({});
    const moved = { ...values, entreprise_id: beta };
    expect(form.validate(moved, contact)['groupe_ids']).toBeDefined();
    expect(form.validate({ ...moved, groupe_ids: keepOwnGroupes(beta, moved.groupe_ids, entreprises) }, contact)).toEqual({});
    expect(form.patch(contact, { ...values, groupe_ids: [alphaVip, alphaPme] })).toEqual({ groupe_ids: [alphaVip, alphaPme] });
  });

  it('stores optional delivery address, own terms and reverse charge only when asked', () => {
    const form = contactForm(entreprises);
    const values = form.toForm(contact);
    expect(values.adresse_livraison.enabled).toBe(false);
    expect(values.conditions_paiement.enabled).toBe(false);
    const data = form.fromForm(values);
    expect(data.adresse_livraison).toBeUndefined();
    expect(data.conditions_paiement).toBeUndefined();
    expect(data.autoliquidation).toBeUndefined();
    const patch = form.patch(contact, {
      ...values,
      siret: '123 456 789 00012',
      adresse_livraison: { enabled: true, ligne1: 'Dock 4', ligne2: '', code_postal: '13016', ville: 'Marseille', pays: '' },
      conditions_paiement: { enabled: true, jours: '60', fin_de_mois: true },
      autoliquidation: true,
    });
    expect(patch).toEqual({
      siret: '12345678900012',
      adresse_livraison: { ligne1: 'Dock 4', code_postal: '13016', ville: 'Marseille' },
      conditions_paiement: { jours: 60, fin_de_mois: true },
      autoliquidation: true,
    });
    expect(form.validate({ ...values, conditions_paiement: { enabled: true, jours: 'trente', fin_de_mois: false } }, contact)['conditions_paiement']).toBeDefined();
  });
});

describe('contact list filters', () => {
  const list: Contact[] = [
    contact,
    { ...contact, id: '1', nom: 'Émile', prenom: 'Zola', type_contact: 'particulier', groupe_ids: [], email: 'emile@example.fr' },
    { ...contact, id: '2', nom: 'Beta Client', entreprise_id: beta, groupe_ids: [betaVip], is_active: false },
  ];

  it('searches names without accents, filters by company, group, type and status', () => {
    expect(filterContacts(list, { ...noContactFilters, search: 'emile' }).map((item) => item.id)).toEqual(['1']);
    expect(filterContacts(list, { ...noContactFilters, entrepriseId: beta }).map((item) => item.id)).toEqual(['2']);
    expect(filterContacts(list, { ...noContactFilters, groupeId: alphaVip }).map((item) => item.id)).toEqual([contact.id]);
    expect(filterContacts(list, { ...noContactFilters, type: 'particulier' }).map((item) => item.id)).toEqual(['1']);
    expect(filterContacts(list, { ...noContactFilters, active: 'inactive' }).map((item) => item.id)).toEqual(['2']);
    expect(filterContacts(list, noContactFilters).map((item) => item.nom)).toEqual(['Beta Client', 'Dupont Logistique', 'Émile']);
  });
});
