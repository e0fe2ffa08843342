import type { Devis, Facture } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { acompteFromDevis, avoirFromFacture, displayNumber, factureFromDevis, invoiceBalance, regimeFor, termsFor } from './convert';
import { checkFacture } from './rules';
import { documentTotals } from './totals';

function ids(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;
}

const now = '2026-11-27T10:00:00.000Z';
const terms = { jours: 30, fin_de_mois: false };

const devis: Devis = {
  id: 'd0000000-0000-4000-8000-000000000001',
  rev: 3,
  updated_at: now,
  entreprise_id: 'e0000000-0000-4000-8000-000000000001',
  contact_id: 'c0000000-0000-4000-8000-000000000001',
  numero: 'DE-2026-0007',
  statut: 'accepte',
  date_devis: '2026-11-01',
  date_validite: '2026-12-01',
  objet: 'Transport de palettes',
  lignes: [
    { id: 'l1', designation: 'Palette Lyon → Paris', quantite: 10, prix_unitaire_ht: 4500, taux_tva_bp: 2000 },
    { id: 'l2', designation: 'Manutention', quantite: 2.5, prix_unitaire_ht: 3000, remise_bp: 1000, taux_tva_bp: 1000 },
  ],
  regime_tva: 'normale',
};

describe('quote → invoice', () => {
  it('copies the lines with new ids and keeps the link', () => {
    const facture = factureFromDevis(devis, [], { newId: ids(), now, conditions_paiement: terms });
    expect(facture).toMatchObject({ type_facture: 'facture', statut: 'brouillon', devis_id: devis.id, contact_id: devis.contact_id, objet: 'Transport de palettes' });
    expect(facture.lignes.map((ligne) => [ligne.designation, ligne.quantite, ligne.prix_unitaire_ht, ligne.remise_bp, ligne.taux_tva_bp])).toEqual(
      devis.lignes.map((ligne) => [ligne.designation, ligne.quantite, ligne.prix_unitaire_ht, ligne.remise_bp, ligne.taux_tva_bp]),
    );
    expect(facture.lignes.map((ligne) => ligne.id)).not.toContain('l1');
    expect(documentTotals(facture.lignes).total_ttc).toBe(documentTotals(devis.lignes).total_ttc);
    expect(checkFacture(facture)).toEqual([]);
  });

  it('a 30 % deposit splits over the VAT rates, and the final invoice deducts it with its VAT', () => {
    // Bases: 20 % → 450,00 ; 10 % → 67,50 ; total HT 517,50 → 30 % = 155,25
    const acompte = acompteFromDevis(devis, { pourcentage_bp: 3000 }, { newId: ids(), now, conditions_paiement: terms });
    const acompteTotals = documentTotals(acompte.lignes);
    expect(acompteTotals.total_ht).toBe(15_525);
    expect(acompteTotals.tva.map((entry) => [entry.taux_tva_bp, entry.base_ht])).toEqual([
      [1000, 2025],
      [2000, 13_500],
    ]);
    // Validated offline, not numbered yet: the deduction names the quote, never a draft label.
    const pending = factureFromDevis(devis, [{ ...acompte, statut: 'validee' }], { newId: ids(), now, conditions_paiement: terms });
    expect(pending.lignes.filter((ligne) => ligne.acompte_facture_id === acompte.id).map((ligne) => ligne.designation)).toEqual([
      'Acompte déjà facturé sur le devis DE-2026-0007',
      'Acompte déjà facturé sur le devis DE-2026-0007',
    ]);
    const validated: Facture = { ...acompte, statut: 'validee', numero: 'FA-2026-00003' };
    const finale = factureFromDevis(devis, [validated], { newId: ids(), now, conditions_paiement: terms });
    const totals = documentTotals(finale.lignes);
    expect(totals.total_ht).toBe(51_750 - 15_525);
    // VAT is rounded per rate on each document: deposit 10 % tax 202,5 → 2,03 €; balance 472,5 → 4,73 €;
    // the two invoices together carry one cent more than the quote (614,26 € vs 614,25 €).
    expect(acompteTotals.total_ttc).toBe(18_428);
    expect(totals.total_ttc).toBe(42_998);
    expect(totals.total_ttc + acompteTotals.total_ttc - documentTotals(devis.lignes).total_ttc).toBe(1);
    expect(finale.lignes.filter((ligne) => ligne.acompte_facture_id === acompte.id).map((ligne) => ligne.designation)).toEqual([
      'Acompte FA-2026-00003 déjà facturé',
      'Acompte FA-2026-00003 déjà facturé',
    ]);
  });

  it('a deposit given as an amount is exact to the cent and refused beyond the quote', () => {
    const acompte = acompteFromDevis(devis, { montant_ht: 10_001 }, { newId: ids(), now, conditions_paiement: terms });
    expect(documentTotals(acompte.lignes).total_ht).toBe(10_001);
    expect(() => acompteFromDevis(devis, { montant_ht: 51_751 }, { newId: ids(), now, conditions_paiement: terms })).toThrow(RangeError);
    expect(() => acompteFromDevis(devis, { pourcentage_bp: 0 }, { newId: ids(), now, conditions_paiement: terms })).toThrow(RangeError);
  });
});

describe('invoice → credit note', () => {
  const facture: Facture = { ...factureFromDevis(devis, [], { newId: ids(), now, conditions_paiement: terms }), statut: 'validee', numero: 'FA-2026-00010' };

  it('a full credit note mirrors the invoice and cites it', () => {
    const avoir = avoirFromFacture(facture, { motif: 'Erreur de tarif' }, { newId: ids(), now });
    expect(avoir).toMatchObject({ type_facture: 'avoir', statut: 'brouillon', facture_origine_id: facture.id, motif: 'Erreur de tarif' });
    expect(documentTotals(avoir.lignes).total_ttc).toBe(-documentTotals(facture.lignes).total_ttc);
    expect(checkFacture(avoir)).toEqual([]);
  });

  it('a partial credit note takes the chosen quantities only', () => {
    const first = facture.lignes[0]!;
    const avoir = avoirFromFacture(facture, { motif: 'Palette non livrée', quantities: new Map([[first.id, 1]]) }, { newId: ids(), now });
    expect(avoir.lignes).toHaveLength(1);
    expect(documentTotals(avoir.lignes).total_ht).toBe(-4500);
  });

  it('balance: payments and validated credit notes, drafts ignored', () => {
    const avoir = avoirFromFacture(facture, { motif: 'Geste', quantities: new Map([[facture.lignes[0]!.id, 1]]) }, { newId: ids(), now });
    const total = documentTotals(facture.lignes).total_ttc; // 540,00 + 74,25 = 614,25
    expect(total).toBe(61_425);
    expect(invoiceBalance(facture, [{ montant: 20_000 }], [avoir])).toEqual({ total_ttc: total, regle: 20_000, credite: 0, reste: total - 20_000, etat: 'partiellement_payee' });
    const validatedAvoir = { ...avoir, statut: 'validee' as const };
    expect(invoiceBalance(facture, [{ montant: 20_000 }, { montant: 36_025 }], [validatedAvoir])).toMatchObject({ credite: 5400, reste: 0, etat: 'payee' });
    expect(invoiceBalance(facture, [{ montant: 70_000 }], [])).toMatchObject({ reste: total - 70_000, etat: 'trop_percue' });
  });
});

describe('labels and defaults', () => {
  it('shows drafts with a local label until the server numbers them', () => {
    const updated_at = '2026-12-06T09:30:00.000Z';
    expect(displayNumber({ updated_at, date_facture: '2026-11-28' })).toBe('Brouillon du 28/11/2026');
    expect(displayNumber({ updated_at })).toBe('Brouillon du 06/12/2026');
    expect(displayNumber({ updated_at, date_devis: '2026-12-01' })).toBe('Brouillon du 01/12/2026');
    expect(displayNumber({ updated_at }, (day) => `Draft of ${day}`)).toBe('Draft of 2026-12-06');
    expect(displayNumber({ updated_at, numero: 'FA-2026-00001' })).toBe('FA-2026-00001');
  });

  it('takes the customer’s terms and regime first', () => {
    const entreprise = { conditions_paiement: terms, regime_tva: 'normale' as const };
    expect(termsFor({ conditions_paiement: { jours: 45, fin_de_mois: true } }, entreprise)).toEqual({ jours: 45, fin_de_mois: true });
    expect(termsFor({}, entreprise)).toEqual(terms);
    expect(regimeFor({ autoliquidation: true }, entreprise)).toBe('autoliquidation');
    expect(regimeFor({ autoliquidation: true }, { regime_tva: 'franchise' })).toBe('franchise');
    expect(regimeFor({}, entreprise)).toBe('normale');
  });
});
