import type { Contact, Entreprise, Facture } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en } from '../../i18n/en';
import { buildDevis, buildFacture, devisDraftOf, factureDraftOf, factureWriteProblems, newDevisDraft, newFactureDraft, withContact } from './editor-state';
import { emptyLine } from './lines';
import { invoicingDocumentsMessages } from './messages';
import { patchOf } from './persistence';

const entrepriseId = '11111111-1111-4111-8111-111111111111';
const contactId = '22222222-2222-4222-8222-222222222222';
const lineId = '33333333-3333-4333-8333-333333333333';

const entreprise = { id: entrepriseId, regime_tva: 'normale', conditions_paiement: { jours: 30, fin_de_mois: false } } as Pick<Entreprise, 'id' | 'regime_tva' | 'conditions_paiement'> as Entreprise;
const contact = { id: contactId, autoliquidation: true, conditions_paiement: { jours: 45, fin_de_mois: true } } as Pick<Contact, 'id' | 'autoliquidation' | 'conditions_paiement'> as Contact;

const line = { ...emptyLine(lineId), designation: 'Transport Lyon', quantite: '1,5', prix: '100' };

describe('quote editor', () => {
  it('asks for the company, the customer and a line before saving', () => {
    const { problems } = buildDevis(newDevisDraft('', '2026-03-01', '2026-03-31'));
    expect(problems.map((problem) => problem.key)).toEqual([
      'invoicingDocuments.problems.entrepriseRequired',
      'invoicingDocuments.problems.contactRequired',
      'invoicingDocuments.problems.linesRequired',
    ]);
  });

  it('runs the domain rule on the dates (checkDevis)', () => {
    const draft = { ...newDevisDraft(entrepriseId, '2026-03-10', '2026-03-01'), contact_id: contactId, lignes: [line] };
    expect(buildDevis(draft).problems).toEqual([{ field: 'date_validite', key: 'errors.VALIDITE_AVANT_DEVIS' }]);
  });

  it('gives the quote the server stores, and reads it back', () => {
    const draft = { ...newDevisDraft(entrepriseId, '2026-03-01', '2026-03-31'), contact_id: contactId, objet: 'Transports de mars', lignes: [line] };
    const { data, problems } = buildDevis(draft);
    expect(problems).toEqual([]);
    expect(data).toEqual({
      entreprise_id: entrepriseId,
      contact_id: contactId,
      statut: 'brouillon',
      date_devis: '2026-03-01',
      date_validite: '2026-03-31',
      objet: 'Transports de mars',
      lignes: [{ id: lineId, designation: 'Transport Lyon', quantite: 1.5, prix_unitaire_ht: 10_000, taux_tva_bp: 2000 }],
      regime_tva: 'normale',
    });
    const stored = { ...data, id: '44444444-4444-4444-8444-444444444444', rev: 2, updated_at: '2026-03-01T00:00:00.000Z', numero: 'DE-2026-00001' };
    expect(devisDraftOf(stored)).toEqual({ ...draft, lignes: [{ ...line, quantite: '1,5', prix: '100,00', article_id: undefined, acompte_facture_id: undefined }] });
    expect(buildDevis(devisDraftOf(stored), stored).data.numero).toBe('DE-2026-00001');
  });
});

describe('invoice editor', () => {
  it('defaults the regime and the terms from the customer (regimeFor, termsFor)', () => {
    const draft = withContact(newFactureDraft(entreprise), contact, entreprise);
    expect(draft).toMatchObject({ contact_id: contactId, regime_tva: 'autoliquidation', jours: '45', fin_de_mois: true });
  });

  it('refuses to validate an invoice without lines (checkFacture), not to save the draft', () => {
    const draft = { ...newFactureDraft(entreprise), contact_id: contactId };
    expect(buildFacture(draft, undefined).problems).toEqual([]);
    expect(buildFacture(draft, undefined, 'validee').problems).toEqual([{ field: 'lignes', key: 'errors.FACTURE_SANS_LIGNE' }]);
  });

  it('refuses to validate an invoice or a deposit invoice totalling below zero (faites un avoir), saves it as a draft', () => {
    const negative = { ...newFactureDraft(entreprise), contact_id: contactId, lignes: [{ ...line, quantite: '-1' }] };
    expect(buildFacture(negative, undefined).problems).toEqual([]);
    expect(buildFacture(negative, undefined, 'validee').problems).toEqual([{ field: 'lignes', key: 'errors.FACTURE_NEGATIVE' }]);
    expect(buildFacture({ ...negative, type_facture: 'acompte' }, undefined, 'validee').problems).toEqual([{ field: 'lignes', key: 'errors.FACTURE_NEGATIVE' }]);
    // Settled by a deposit: zero, validated.
    const settled = { ...negative, lignes: [line, { ...line, id: '77777777-7777-4777-8777-777777777777', quantite: '-1,5' }] };
    expect(buildFacture(settled, undefined, 'validee').problems).toEqual([]);
  });

  it('checks the terms and a credit note’s reason and sign', () => {
    const draft = { ...newFactureDraft(entreprise), contact_id: contactId, jours: '200', lignes: [line] };
    expect(buildFacture(draft, undefined).problems.map((problem) => problem.key)).toEqual(['invoicingDocuments.problems.termsInvalid']);
    const avoir: Facture = {
      ...buildFacture({ ...draft, jours: '30' }, undefined).data,
      id: '55555555-5555-4555-8555-555555555555',
      rev: 1,
      updated_at: '2026-03-01T00:00:00.000Z',
      type_facture: 'avoir',
      facture_origine_id: '66666666-6666-4666-8666-666666666666',
      motif: 'Erreur',
    };
    const positive = buildFacture(factureDraftOf(avoir), avoir);
    expect(positive.problems).toEqual([{ field: 'lignes', key: 'errors.AVOIR_POSITIF' }]);
    expect(buildFacture({ ...factureDraftOf(avoir), motif: '' }, avoir).problems.map((problem) => problem.key)).toContain('invoicingDocuments.problems.motifRequired');
    const negative = buildFacture({ ...factureDraftOf(avoir), lignes: [{ ...line, quantite: '-1,5' }] }, avoir);
    expect(negative.problems).toEqual([]);
    expect(negative.data).toMatchObject({ type_facture: 'avoir', facture_origine_id: avoir.facture_origine_id, motif: 'Erreur', statut: 'brouillon' });
  });
});

describe('the domain’s write rules, run on this PC before writing (offline too)', () => {
  const base = buildFacture({ ...newFactureDraft(entreprise), contact_id: contactId, lignes: [line] }, undefined).data;
  const invoice: Facture = { ...base, id: '44444444-4444-4444-8444-444444444444', rev: 2, updated_at: '2026-03-01T00:00:00.000Z', statut: 'validee', numero: 'FA-2026-00001' };
  const local = { entreprises: [{ id: entrepriseId, raison_sociale: 'Transports Nord' }], contacts: [{ id: contactId, entreprise_id: entrepriseId, type_contact: 'societe' as const, nom: 'Logistique Sud', siren: '552100554', adresse_facturation: { ligne1: '4 quai Perrache', code_postal: '69002', ville: 'Lyon' } }], factures: [invoice] };

  it('says a validated invoice no longer changes, with the catalogue’s message in English too', async () => {
    const problems = factureWriteProblems(invoice, { ...invoice, notes: 'oubli' }, local);
    expect(problems).toEqual([
      { field: 'document', key: 'errors.FACTURE_VALIDEE_IMMUABLE', params: { numero: 'FA-2026-00001', type_facture: 'facture', change: 'modifier' } },
    ]);
    const t = await i18next.createInstance().init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
    expect(t(problems[0]!.key, problems[0]!.params ?? {})).toBe(
      'Document FA-2026-00001 is validated: it can no longer be edited or deleted; correct it with a credit note (or, for a credit note, a new invoice).',
    );
  });

  it('checks a validation against this PC’s customers and what a credit note already cancels', () => {
    expect(factureWriteProblems(undefined, { ...base, statut: 'validee' }, local)).toEqual([]);
    expect(factureWriteProblems(undefined, { ...base, statut: 'validee' }, { ...local, contacts: [] })[0]?.key).toBe('errors.CONTACT_INCONNU');
    const avoir = { ...base, type_facture: 'avoir' as const, statut: 'validee' as const, facture_origine_id: invoice.id, lignes: [{ ...invoice.lignes[0]!, quantite: -2 }] };
    expect(factureWriteProblems(undefined, avoir, local)).toEqual([
      { field: 'document', key: 'errors.AVOIR_DEPASSE_FACTURE', params: { numero: 'FA-2026-00001', credite: '240,00 €', facture: '180,00 €' } },
    ]);
    expect(factureWriteProblems(undefined, { ...avoir, lignes: [{ ...invoice.lignes[0]!, quantite: -1.5 }] }, local)).toEqual([]);
  });
});

describe('persistence and texts', () => {
  it('patches only what changed, clearing removed optional fields', () => {
    const existing = { id: 'x', rev: 3, updated_at: 't', objet: 'Ancien', statut: 'brouillon', lignes: [{ a: 1 }] };
    expect(patchOf(existing, { statut: 'brouillon', lignes: [{ a: 1 }] })).toEqual({ objet: undefined });
    expect(patchOf(existing, { objet: 'Ancien', statut: 'validee', lignes: [{ a: 1 }] })).toEqual({ statut: 'validee' });
  });

  it('has the pending-validation badge text in French', () => {
    expect(invoicingDocumentsMessages.fr.factures.state.attente_synchro).toBe('Validation en attente de synchronisation');
    expect(invoicingDocumentsMessages.en.factures.state.attente_synchro).toBe('Validation waiting for sync');
  });
});

describe('invoice editor: e-invoicing reform fields', () => {
  it('round-trips nature, delivery address and note overrides; empty inputs store nothing', () => {
    const draft = { ...newFactureDraft(entreprise), contact_id: contactId };
    const plainData = buildFacture(draft, undefined).data;
    expect(plainData).not.toHaveProperty('nature_operation');
    expect(plainData).not.toHaveProperty('adresse_livraison');
    expect(plainData).not.toHaveProperty('mentions_facturation');

    const edited = {
      ...draft,
      nature_operation: 'biens' as const,
      livraison: { enabled: true, ligne1: 'Quai 4', ligne2: '', code_postal: '38100', ville: 'Grenoble', pays: '' },
      mentions: { recouvrement: '', penalites: '', escompte: ' Escompte 2 % à 10 jours ' },
    };
    const built = buildFacture(edited, undefined);
    expect(built.problems).toEqual([]);
    expect(built.data.nature_operation).toBe('biens');
    expect(built.data.adresse_livraison).toEqual({ ligne1: 'Quai 4', code_postal: '38100', ville: 'Grenoble' });
    expect(built.data.mentions_facturation).toEqual({ escompte: 'Escompte 2 % à 10 jours' });
    const reopened = factureDraftOf({ ...built.data, id: 'f', rev: 1, updated_at: '2026-01-01T00:00:00.000Z' });
    expect(reopened.nature_operation).toBe('biens');
    expect(reopened.livraison.enabled).toBe(true);
    expect(reopened.mentions.escompte).toBe('Escompte 2 % à 10 jours');
  });
});
