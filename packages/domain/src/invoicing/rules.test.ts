import type { Devis, Facture } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { checkContact, checkDevis, checkFacture } from './rules';

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
});
