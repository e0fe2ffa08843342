import type { Devis, Entreprise, Facture } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { invoicingRuleMessage } from './write-messages';
import { judgeContactWrite, judgeDevisWrite, judgeEntrepriseWrite, judgeFactureWrite, judgeReglementWrite, type InvoicingVerdict } from './write-rules';

const now = '2026-11-27T10:00:00.000Z';
const entrepriseId = 'e0000000-0000-4000-8000-000000000001';
const contactId = 'c0000000-0000-4000-8000-000000000001';

function facture(overrides: Partial<Facture> = {}): Facture {
  return {
    id: 'f0000000-0000-4000-8000-000000000001',
    rev: 1,
    updated_at: now,
    entreprise_id: entrepriseId,
    contact_id: contactId,
    type_facture: 'facture',
    statut: 'brouillon',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [{ id: 'l1', designation: 'Transport', quantite: 1, prix_unitaire_ht: 10_000, taux_tva_bp: 2000 }],
    regime_tva: 'normale',
    ...overrides,
  };
}

const validated = facture({ statut: 'validee', numero: 'FA-2026-00001', date_facture: '2026-11-27', validee_le: now });
const adresse_facturation = { ligne1: '4 quai Perrache', code_postal: '69002', ville: 'Lyon' };
const client = { entreprise_id: entrepriseId, type_contact: 'societe', nom: 'Logistique Sud', siren: '552100554', adresse_facturation } as const;
const known = { entreprise: { raison_sociale: 'Transports Nord', tva_intracom: 'FR40303265045' }, contact: client };

function avoir(cents: number, overrides: Partial<Facture> = {}): Facture {
  return facture({
    id: `a0000000-0000-4000-8000-${String(cents).padStart(12, '0')}`,
    type_facture: 'avoir',
    statut: 'validee',
    facture_origine_id: validated.id,
    lignes: [{ id: 'l1', designation: 'Remboursement', quantite: -1, prix_unitaire_ht: cents, taux_tva_bp: 2000 }],
    ...overrides,
  });
}

/** The verdict's code, or `ok` / `ok+numéro` for an accepted write. */
function outcome(verdict: InvoicingVerdict): string {
  if (verdict.ok) {
    return verdict.validation ? 'ok+numéro' : 'ok';
  }
  return `${verdict.deferred ? 'brouillon:' : ''}${verdict.code}`;
}

describe('judgeFactureWrite', () => {
  it('lets a draft be edited and deleted, and numbers its validation', () => {
    const draft = facture();
    expect(outcome(judgeFactureWrite(draft, { ...draft, notes: 'révisé' }, { serverWrite: false }))).toBe('ok');
    expect(outcome(judgeFactureWrite(draft, { ...draft, _deleted: true }, { serverWrite: false }))).toBe('ok');
    expect(outcome(judgeFactureWrite(draft, { ...draft, statut: 'validee' }, { serverWrite: false, validation: known }))).toBe('ok+numéro');
    // Created validated offline: a validation too.
    expect(outcome(judgeFactureWrite(undefined, { ...draft, statut: 'validee' }, { serverWrite: false, validation: known }))).toBe('ok+numéro');
  });

  it('never changes a validated document again, but the sendings the server appends', () => {
    const edit = judgeFactureWrite(validated, { ...validated, notes: 'oubli' }, { serverWrite: false });
    expect(edit).toEqual({ ok: false, code: 'FACTURE_VALIDEE_IMMUABLE', params: { numero: 'FA-2026-00001', type_facture: 'facture', change: 'modifier' } });
    expect(outcome(judgeFactureWrite(validated, { ...validated, _deleted: true }, { serverWrite: true }))).toBe('FACTURE_VALIDEE_IMMUABLE');
    const back = judgeFactureWrite(validated, { ...validated, statut: 'brouillon' }, { serverWrite: false });
    expect(!back.ok && back.params).toMatchObject({ change: 'brouillon' });
    expect(outcome(judgeFactureWrite(validated, { ...validated, rev: 2, updated_at: '2026-11-28T00:00:00.000Z' }, { serverWrite: false }))).toBe('ok');
    const sent = { ...validated, envois: [{ at: now, destinataires: 'client@exemple.fr' }] };
    expect(outcome(judgeFactureWrite(validated, sent, { serverWrite: false }))).toBe('FACTURE_VALIDEE_IMMUABLE');
    expect(outcome(judgeFactureWrite(validated, sent, { serverWrite: true }))).toBe('ok');
    // Appending only: a recorded sending is never rewritten.
    expect(outcome(judgeFactureWrite(sent, { ...sent, envois: [{ at: now, destinataires: 'autre@exemple.fr' }] }, { serverWrite: true }))).toBe(
      'FACTURE_VALIDEE_IMMUABLE',
    );
  });

  it('keeps as a draft a validation the facts refuse: unknown company or customer, another company’s customer, below zero', () => {
    const asked = facture({ statut: 'validee' });
    expect(outcome(judgeFactureWrite(undefined, asked, { serverWrite: false, validation: { ...known, entreprise: undefined } }))).toBe(
      'brouillon:ENTREPRISE_INCONNUE',
    );
    expect(outcome(judgeFactureWrite(undefined, asked, { serverWrite: false, validation: { ...known, contact: undefined } }))).toBe('brouillon:CONTACT_INCONNU');
    const other = judgeFactureWrite(undefined, asked, { serverWrite: false, validation: { ...known, contact: { ...client, entreprise_id: 'autre' } } });
    expect(other).toMatchObject({ ok: false, deferred: true, code: 'CONTACT_AUTRE_ENTREPRISE', params: { entreprise: 'Transports Nord' } });
    const negative = facture({ statut: 'validee', lignes: [{ id: 'l1', designation: 'x', quantite: -1, prix_unitaire_ht: 10_000, taux_tva_bp: 2000 }] });
    expect(judgeFactureWrite(undefined, negative, { serverWrite: false, validation: known })).toMatchObject({
      code: 'FACTURE_NEGATIVE',
      params: { total: '-120,00 €' },
    });
  });

  it('keeps as a draft a validation with an exempt line that says no reason, naming the line', () => {
    const exempt = (exoneration: string | undefined, exoneration_code?: string) =>
      facture({
        statut: 'validee',
        lignes: [
          { id: 'l1', designation: 'Transport', quantite: 1, prix_unitaire_ht: 10_000, taux_tva_bp: 2000 },
          { id: 'l2', designation: 'Transport Lyon → Turin', quantite: 1, prix_unitaire_ht: 50_000, taux_tva_bp: 0, ...(exoneration === undefined ? {} : { exoneration }), ...(exoneration_code === undefined ? {} : { exoneration_code }) },
        ],
      });
    const verdict = judgeFactureWrite(undefined, exempt('  '), { serverWrite: false, validation: known });
    expect(verdict).toMatchObject({ ok: false, deferred: true, code: 'LIGNE_EXONEREE_SANS_MOTIF', params: { ligne: 'Transport Lyon → Turin' } });
    expect(!verdict.ok && invoicingRuleMessage(verdict)).toBe(
      'La ligne « Transport Lyon → Turin » est exonérée de TVA sans motif : choisissez le motif d’exonération (article du CGI) ou saisissez-le, puis validez à nouveau',
    );
    expect(outcome(judgeFactureWrite(undefined, exempt(undefined, 'VATEX-EU-G'), { serverWrite: false, validation: known }))).toBe('brouillon:LIGNE_EXONEREE_SANS_MOTIF');
    expect(outcome(judgeFactureWrite(undefined, exempt('Exonération de TVA, article 262 I du CGI (exportation)', 'VATEX-EU-G'), { serverWrite: false, validation: known }))).toBe('ok+numéro');
    // A 0 % line without exemption is zero-rated (Z): nothing to say.
    expect(outcome(judgeFactureWrite(undefined, exempt(undefined), { serverWrite: false, validation: known }))).toBe('ok+numéro');
  });

  it('keeps as a draft a validation for a customer without electronic address (BR-FR-12), saying what to fill in', () => {
    const asked = facture({ statut: 'validee' });
    const etranger = { entreprise_id: entrepriseId, type_contact: 'societe', nom: 'Spedizioni Torino', adresse_facturation } as const;
    const verdict = judgeFactureWrite(undefined, asked, { serverWrite: false, validation: { ...known, contact: etranger } });
    expect(verdict).toMatchObject({ ok: false, deferred: true, code: 'CONTACT_SANS_ADRESSE_ELECTRONIQUE', params: { contact: 'Spedizioni Torino' } });
    expect(!verdict.ok && invoicingRuleMessage(verdict)).toContain('son numéro de TVA intracommunautaire');
    const withVat = { ...known, contact: { ...etranger, tva_intracom: 'IT12345678901' } };
    expect(outcome(judgeFactureWrite(undefined, asked, { serverWrite: false, validation: withVat }))).toBe('ok+numéro');
    const withMail = { ...known, contact: { ...etranger, email: 'compta@torino.example' } };
    expect(outcome(judgeFactureWrite(undefined, asked, { serverWrite: false, validation: withMail }))).toBe('ok+numéro');
    const person = { entreprise_id: entrepriseId, type_contact: 'particulier', nom: 'Martin', prenom: 'Claire', adresse_facturation } as const;
    expect(judgeFactureWrite(undefined, asked, { serverWrite: false, validation: { ...known, contact: person } })).toMatchObject({
      code: 'CONTACT_SANS_ADRESSE_ELECTRONIQUE',
      params: { contact: 'Claire Martin' },
    });
  });

  it('keeps as a draft an intra-community supply or an export missing what EN 16931 asks of it, naming the line and the field', () => {
    const berlin = { ligne1: 'Hauptstraße 5', code_postal: '10115', ville: 'Berlin', pays: 'Allemagne' };
    const allemand = { entreprise_id: entrepriseId, type_contact: 'societe', nom: 'Bäckerei Schmidt GmbH', email: 'buchhaltung@schmidt.example', adresse_facturation: berlin } as const;
    const supply = facture({
      statut: 'validee',
      date_prestation: '2026-11-20',
      lignes: [{ id: 'l1', designation: 'Bacs isothermes', quantite: 40, prix_unitaire_ht: 6_500, taux_tva_bp: 0, exoneration: 'Exonération de TVA, article 262 ter I du CGI (livraison intracommunautaire)', exoneration_code: 'VATEX-EU-IC' }],
    });
    const verdict = judgeFactureWrite(undefined, supply, { serverWrite: false, validation: { ...known, contact: allemand } });
    expect(verdict).toMatchObject({ ok: false, deferred: true, code: 'LIVRAISON_UE_SANS_TVA_CLIENT', params: { ligne: 'Bacs isothermes', contact: 'Bäckerei Schmidt GmbH' } });
    expect(!verdict.ok && invoicingRuleMessage(verdict)).toBe(
      'Livraison intracommunautaire (ligne « Bacs isothermes ») : renseignez le numéro de TVA intracommunautaire du client Bäckerei Schmidt GmbH sur sa fiche, puis validez à nouveau',
    );
    const withVat = { ...known, contact: { ...allemand, tva_intracom: 'DE123456789' } };
    expect(outcome(judgeFactureWrite(undefined, supply, { serverWrite: false, validation: withVat }))).toBe('ok+numéro');
    expect(judgeFactureWrite(undefined, supply, { serverWrite: false, validation: { ...withVat, entreprise: { raison_sociale: 'Transports Nord' } } })).toMatchObject({
      code: 'LIVRAISON_UE_SANS_TVA_ENTREPRISE',
      params: { ligne: 'Bacs isothermes', entreprise: 'Transports Nord' },
    });
    expect(outcome(judgeFactureWrite(undefined, { ...supply, date_prestation: undefined }, { serverWrite: false, validation: withVat }))).toBe('brouillon:LIVRAISON_UE_SANS_DATE');
    const inFrance = { ...withVat, contact: { ...withVat.contact, adresse_facturation }, };
    expect(judgeFactureWrite(undefined, supply, { serverWrite: false, validation: inFrance })).toMatchObject({ code: 'LIVRAISON_UE_HORS_UE', params: { pays: 'France' } });
    const exportation = facture({ statut: 'validee', lignes: [{ ...supply.lignes[0]!, designation: 'Rayonnages', exoneration_code: 'VATEX-EU-G' }] });
    expect(judgeFactureWrite(undefined, exportation, { serverWrite: false, validation: { ...known, entreprise: { raison_sociale: 'Transports Nord' } } })).toMatchObject({
      code: 'EXPORT_SANS_TVA_ENTREPRISE',
      params: { ligne: 'Rayonnages', entreprise: 'Transports Nord' },
    });
  });

  it('holds credit notes to a validated invoice of the same parties, within its total incl. VAT', () => {
    const facts = (autresAvoirs: Facture[], origine: Facture | undefined = validated) => ({ serverWrite: false, validation: { ...known, origine, autresAvoirs } });
    expect(outcome(judgeFactureWrite(undefined, avoir(5000), facts([], facture())))).toBe('brouillon:AVOIR_FACTURE_ORIGINE_INVALIDE');
    expect(outcome(judgeFactureWrite(undefined, avoir(5000), { serverWrite: false, validation: known }))).toBe('brouillon:AVOIR_FACTURE_ORIGINE_INVALIDE');
    expect(judgeFactureWrite(undefined, avoir(5000, { contact_id: 'autre' }), facts([]))).toMatchObject({
      code: 'AVOIR_FACTURE_ORIGINE_INVALIDE',
      params: { numero: 'FA-2026-00001', raison: 'autre_partie' },
    });
    // 60,00 + 60,00 = 120,00 TTC: exactly the invoice; one cent more is refused.
    expect(outcome(judgeFactureWrite(undefined, avoir(5000), facts([avoir(5000)])))).toBe('ok+numéro');
    const beyond = judgeFactureWrite(undefined, avoir(5001), facts([avoir(5000)]));
    expect(beyond).toMatchObject({ code: 'AVOIR_DEPASSE_FACTURE', params: { numero: 'FA-2026-00001', credite: '120,01 €', facture: '120,00 €' } });
    expect(!beyond.ok && invoicingRuleMessage(beyond)).toBe(
      'Les avoirs de la facture FA-2026-00001 atteindraient 120,01 € TTC, plus que la facture elle-même (120,00 € TTC)',
    );
  });
});

describe('judgeDevisWrite', () => {
  const devis: Devis = {
    id: 'd0000000-0000-4000-8000-000000000001',
    rev: 1,
    updated_at: now,
    entreprise_id: entrepriseId,
    contact_id: contactId,
    numero: 'DE-2026-00001',
    statut: 'envoye',
    date_devis: '2026-11-01',
    date_validite: '2026-12-01',
    lignes: [],
    regime_tva: 'normale',
  };

  it('follows the life cycle, freezes a sent quote, keeps it in its company, and keeps a quote an invoice cites', () => {
    expect(outcome(judgeDevisWrite(devis, { ...devis, statut: 'accepte' }, {}))).toBe('ok');
    expect(judgeDevisWrite({ ...devis, statut: 'accepte' }, { ...devis, statut: 'envoye' }, {})).toMatchObject({
      code: 'DEVIS_STATUT_INVALIDE',
      params: { de: 'accepte', vers: 'envoye' },
    });
    expect(outcome(judgeDevisWrite(devis, { ...devis, objet: 'ajout' }, {}))).toBe('DEVIS_FIGE');
    expect(outcome(judgeDevisWrite(devis, { ...devis, envois: [{ at: now, destinataires: 'a@b.fr' }] }, {}))).toBe('ok');
    const draft = { ...devis, statut: 'brouillon' as const };
    expect(judgeDevisWrite(draft, { ...draft, entreprise_id: 'autre' }, {})).toMatchObject({ code: 'DEVIS_FIGE', params: { raison: 'entreprise' } });
    expect(outcome(judgeDevisWrite(draft, { ...draft, objet: 'libre' }, {}))).toBe('ok');
    expect(judgeDevisWrite(devis, { ...devis, _deleted: true }, { factureNumero: 'FA-2026-00004' })).toMatchObject({
      code: 'DEVIS_FACTURE',
      params: { numero: 'DE-2026-00001', facture: 'FA-2026-00004' },
    });
    expect(outcome(judgeDevisWrite(devis, { ...devis, _deleted: true }, {}))).toBe('ok');
  });
});

describe('parties and payments', () => {
  const groupe = { id: 'g1', nom: 'Grands comptes' };
  const entreprise = { id: entrepriseId, raison_sociale: 'Transports Nord', groupes: [groupe] } as unknown as Entreprise;

  it('keeps a group a contact uses; a contact joins its own company’s groups only', () => {
    const membres = new Map([['g1', { nom: 'Martin', prenom: 'Paul' }]]);
    expect(judgeEntrepriseWrite(entreprise, { ...entreprise, groupes: [] }, { membres })).toMatchObject({
      code: 'GROUPE_UTILISE',
      params: { groupe: 'Grands comptes', contact: 'Paul Martin' },
    });
    expect(outcome(judgeEntrepriseWrite(entreprise, { ...entreprise, groupes: [] }, { membres: new Map() }))).toBe('ok');
    const sud = { id: 'e2', raison_sociale: 'Transports Sud', groupes: [{ id: 'g2', nom: 'Export' }] };
    expect(judgeContactWrite({ entreprise_id: entrepriseId, groupe_ids: ['g2'] } as never, [entreprise, sud])).toMatchObject({
      code: 'GROUPE_AUTRE_ENTREPRISE',
      params: { groupe: 'Export', entreprise: 'Transports Sud' },
    });
    expect(outcome(judgeContactWrite({ entreprise_id: entrepriseId, groupe_ids: ['g1'] } as never, [entreprise, sud]))).toBe('ok');
  });

  it('records a payment on a validated invoice only', () => {
    const paid = { facture_id: validated.id };
    expect(outcome(judgeReglementWrite(paid, { facture: validated }))).toBe('ok');
    expect(judgeReglementWrite(paid, { facture: facture() })).toMatchObject({ params: { raison: 'non_validee' } });
    expect(judgeReglementWrite(paid, { facture: avoir(100) })).toMatchObject({ params: { raison: 'avoir' } });
    expect(outcome(judgeReglementWrite(paid, { facture: undefined }))).toBe('REGLEMENT_FACTURE_NON_VALIDEE');
  });
});
