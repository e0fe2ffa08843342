import type { Devis, Entreprise, Facture } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { checkContact, checkDevis, checkEntreprise, checkFacture, checkFactureValidation } from './rules';

const base: Facture = {
  id: 'f0000000-0000-4000-8000-000000000001',
  rev: 1,
  updated_at: '2026-11-27T10:00:00.000Z',
  entreprise_id: 'e0000000-0000-4000-8000-000000000001',
  contact_id: 'c0000000-0000-4000-8000-000000000001',
  type_facture: 'facture',
  statut: 'brouillon',
  conditions_paiement: { jours: 30, fin_de_mois: false },
  lignes: [{ id: 'l1', designation: 'Transport', quantite: 1, prix_unitaire_ht: 10_000, taux_tva_bp: 2000 }],
  regime_tva: 'normale',
};

const codes = (issues: { code: string }[]) => issues.map((issue) => issue.code);

describe('invoice rules', () => {
  it('accepts a plain draft and a validated invoice with lines', () => {
    expect(checkFacture(base)).toEqual([]);
    expect(checkFacture({ ...base, statut: 'validee', numero: 'FA-1' })).toEqual([]);
  });

  it('a draft carries no definitive number; a validated invoice has lines', () => {
    expect(codes(checkFacture({ ...base, numero: 'FA-2026-00001' }))).toEqual(['BROUILLON_NUMEROTE']);
    expect(codes(checkFacture({ ...base, statut: 'validee', lignes: [] }))).toEqual(['FACTURE_SANS_LIGNE']);
  });

  it('a credit note cites its invoice and is negative; only credit notes cite one', () => {
    const line = base.lignes[0]!;
    expect(codes(checkFacture({ ...base, type_facture: 'avoir', lignes: [{ ...line, quantite: -1 }] }))).toEqual(['AVOIR_SANS_FACTURE']);
    expect(codes(checkFacture({ ...base, type_facture: 'avoir', facture_origine_id: base.id }))).toEqual(['AVOIR_POSITIF']);
    expect(checkFacture({ ...base, type_facture: 'avoir', facture_origine_id: base.id, lignes: [{ ...line, quantite: -1 }] })).toEqual([]);
    expect(codes(checkFacture({ ...base, facture_origine_id: base.id }))).toEqual(['FACTURE_ORIGINE_HORS_AVOIR']);
  });

  it('names a line whose quantity has more than three decimals', () => {
    const issues = checkFacture({ ...base, lignes: [{ ...base.lignes[0]!, quantite: 1.0005 }] });
    expect(issues).toEqual([expect.objectContaining({ code: 'LIGNE_INVALIDE', field: 'lignes.0.quantite' })]);
  });

  it('a quote’s validity follows its date', () => {
    const devis: Devis = { ...base, statut: 'brouillon', date_devis: '2026-11-27', date_validite: '2026-11-26', lignes: [] } as unknown as Devis;
    expect(codes(checkDevis(devis))).toEqual(['VALIDITE_AVANT_DEVIS']);
    expect(checkDevis({ ...devis, date_validite: '2026-12-27' })).toEqual([]);
  });

  it('a SIRET starts with its SIREN', () => {
    const contact = { siren: '123456789', siret: '98765432100012' } as Parameters<typeof checkContact>[0];
    expect(codes(checkContact(contact))).toEqual(['SIRET_SIREN_DIFFERENTS']);
    expect(checkContact({ ...contact, siret: '12345678900012' })).toEqual([]);
  });

  it('an invoice or a deposit invoice totalling below zero is not validated: faites un avoir', () => {
    const line = base.lignes[0]!;
    // 2 × 100 € less a 250 € discount line: -50 € HT, -60 € TTC.
    const negative: Facture = { ...base, lignes: [{ ...line, quantite: 2 }, { ...line, id: 'l2', designation: 'Geste commercial', quantite: -1, prix_unitaire_ht: 25_000 }] };
    const issues = checkFactureValidation(negative);
    expect(issues).toEqual([{ code: 'FACTURE_NEGATIVE', field: 'lignes', message: expect.stringContaining('faites un avoir') as string }]);
    expect(issues[0]?.message).toBe('Le total de cette facture est négatif (-60,00 € TTC) : une facture ne rend pas d’argent, faites un avoir');
    expect(checkFactureValidation({ ...negative, type_facture: 'acompte' })[0]?.message).toContain('facture d’acompte est négatif');
    // Negative quantities alone, as reported (FA-2026-00008 was given to such a document).
    expect(codes(checkFactureValidation({ ...base, lignes: [{ ...line, quantite: -3 }] }))).toEqual(['FACTURE_NEGATIVE']);
    // Under franchise the total has no VAT, the rule is the same.
    expect(codes(checkFactureValidation({ ...negative, regime_tva: 'franchise' }))).toEqual(['FACTURE_NEGATIVE']);
    // A draft may be negative on the way (checkFacture does not mind); a credit note is negative by nature.
    expect(checkFacture(negative)).toEqual([]);
    expect(checkFactureValidation({ ...negative, type_facture: 'avoir', facture_origine_id: base.id })).toEqual([]);
  });

  it('a total of exactly zero is validated (a final invoice its deposits cover), a positive one too', () => {
    const line = base.lignes[0]!;
    const settled: Facture = { ...base, lignes: [line, { ...line, id: 'l2', designation: 'Acompte FA-2026-00003', quantite: -1 }] };
    expect(checkFactureValidation(settled)).toEqual([]);
    expect(checkFactureValidation(base)).toEqual([]);
    // One cent below zero is refused.
    expect(codes(checkFactureValidation({ ...settled, lignes: [line, { ...line, id: 'l2', quantite: -1, prix_unitaire_ht: 10_001 }] }))).toEqual([
      'FACTURE_NEGATIVE',
    ]);
  });

  it('a company whose invoice and credit-note formats can write the same number is refused, on both fields', () => {
    const entreprise = {
      numerotation: { devis: 'DE-{YYYY}-{00000}', facture: 'FA-{YYYY}-{00000}', avoir: 'AV-{YYYY}-{00000}' },
    } as Entreprise;
    expect(checkEntreprise(entreprise)).toEqual([]);
    const same = checkEntreprise({ ...entreprise, numerotation: { ...entreprise.numerotation, avoir: 'FA-{YYYY}-{00000}' } });
    expect(same.map((issue) => [issue.code, issue.field])).toEqual([
      ['NUMEROTATION_FORMATS_CONFONDUS', 'numerotation.facture'],
      ['NUMEROTATION_FORMATS_CONFONDUS', 'numerotation.avoir'],
    ]);
    expect(same[0]?.message).toContain('Les factures (FA-{YYYY}-{00000}) et les avoirs (FA-{YYYY}-{00000}) peuvent recevoir le même numéro');
    // Quotes share the company's numbers too.
    expect(codes(checkEntreprise({ ...entreprise, numerotation: { ...entreprise.numerotation, devis: 'FA-{YYYY}-{000}' } }))).toEqual([
      'NUMEROTATION_FORMATS_CONFONDUS',
      'NUMEROTATION_FORMATS_CONFONDUS',
    ]);
    expect(codes(checkEntreprise({ ...entreprise, numerotation: { ...entreprise.numerotation, facture: '=FA{0}' } }))).toEqual(['NUMEROTATION_DEBUT_FORMULE']);
  });
});
