import { displayNumber } from '@relais/domain';
import type { Devis, Facture, Reglement } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { devisRow, emptyFilters, factureRow, formatDay, linksOf, matchesDevis, matchesFacture, totalsRow } from './filters';

const entreprise = '11111111-1111-4111-8111-111111111111';
const client = '22222222-2222-4222-8222-222222222222';
const other = '33333333-3333-4333-8333-333333333333';

function facture(id: string, patch: Partial<Facture> = {}): Facture {
  return {
    id,
    rev: 1,
    updated_at: '2026-03-01T10:00:00.000Z',
    entreprise_id: entreprise,
    contact_id: client,
    type_facture: 'facture',
    statut: 'validee',
    numero: `FA-2026-${id.slice(0, 5)}`,
    date_facture: '2026-03-01',
    date_echeance: '2026-03-31',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [{ id: `${id.slice(0, 35)}1`, designation: 'Transport', quantite: 1, prix_unitaire_ht: 10_000, taux_tva_bp: 2000 }],
    regime_tva: 'normale',
    ...patch,
  };
}

const paid = facture('aaaaaaaa-0000-4000-8000-000000000001');
const partly = facture('aaaaaaaa-0000-4000-8000-000000000002', { date_facture: '2026-04-10', date_echeance: '2026-05-10' });
const late = facture('aaaaaaaa-0000-4000-8000-000000000003', { contact_id: other });
const draft = facture('aaaaaaaa-0000-4000-8000-000000000004', { statut: 'brouillon', numero: undefined, date_facture: undefined, date_echeance: undefined });
const pending = facture('aaaaaaaa-0000-4000-8000-000000000005', { numero: undefined, date_facture: undefined, date_echeance: undefined });
const avoir = facture('aaaaaaaa-0000-4000-8000-000000000006', {
  type_facture: 'avoir',
  facture_origine_id: late.id,
  numero: 'AV-2026-00001',
  lignes: [{ id: 'aaaaaaaa-0000-4000-8000-0000000000a6', designation: 'Transport', quantite: -0.5, prix_unitaire_ht: 10_000, taux_tva_bp: 2000 }],
});

function reglement(factureId: string, montant: number): Reglement {
  return { id: `r-${factureId}-${montant}`, rev: 1, updated_at: '2026-03-02T00:00:00.000Z', facture_id: factureId, date_reglement: '2026-03-02', montant, mode: 'virement' };
}

const all = [paid, partly, late, draft, pending, avoir];
const links = linksOf(all, [reglement(paid.id, 12_000), reglement(partly.id, 2_000)]);
const today = '2026-04-15';
const rows = all.map((doc) => factureRow(doc, links, today, displayNumber));

describe('invoice list rows', () => {
  it('states each invoice: draft, pending validation, paid, partly paid, overdue with days late, credit note', () => {
    expect(rows.map((row) => row.state)).toEqual(['payee', 'partiellement_payee', 'en_retard', 'brouillon', 'attente_synchro', 'avoir']);
    expect(rows[2]?.joursRetard).toBe(15);
    expect(rows[3]?.numero).toBe('Brouillon du 01/03/2026');
    expect(rows[3]?.date).toMatch(/^2026-03-0[12]$/);
  });

  it('owes what is left after payments and validated credit notes', () => {
    expect(rows[0]?.balance?.reste).toBe(0);
    expect(rows[1]?.balance?.reste).toBe(10_000);
    // 120,00 € TTC less a validated credit note of 60,00 € TTC.
    expect(rows[2]?.balance).toMatchObject({ total_ttc: 12_000, credite: 6_000, reste: 6_000 });
    expect(rows[3]?.balance).toBeUndefined();
  });

  it('filters by status, customer and period', () => {
    const pick = (filters: Partial<typeof emptyFilters>) => rows.filter((row) => matchesFacture(row, { ...emptyFilters, ...filters })).map((row) => row.facture.id);
    expect(pick({})).toHaveLength(6);
    expect(pick({ statut: 'brouillon' })).toEqual([draft.id]);
    expect(pick({ statut: 'validee' })).toEqual([paid.id, partly.id, late.id, pending.id]);
    expect(pick({ statut: 'payee' })).toEqual([paid.id]);
    expect(pick({ statut: 'partiellement_payee' })).toEqual([partly.id]);
    expect(pick({ statut: 'en_retard' })).toEqual([late.id]);
    expect(pick({ statut: 'avoirs' })).toEqual([avoir.id]);
    expect(pick({ contact_id: other })).toEqual([late.id]);
    expect(pick({ from: '2026-04-01', to: '2026-04-30' })).toEqual([partly.id]);
    expect(pick({ entreprise_id: other })).toEqual([]);
  });

  it('totals the filtered set: credit notes negative, drafts owe nothing yet', () => {
    expect(totalsRow(rows)).toEqual({ count: 6, total_ht: 10_000 * 5 - 5_000, total_ttc: 12_000 * 5 - 6_000, reste: 0 + 10_000 + 6_000 });
    expect(totalsRow([])).toEqual({ count: 0, total_ht: 0, total_ttc: 0, reste: 0 });
  });
});

describe('quote list rows', () => {
  const devis: Devis = {
    id: 'bbbbbbbb-0000-4000-8000-000000000001',
    rev: 1,
    updated_at: '2026-03-01T00:00:00.000Z',
    entreprise_id: entreprise,
    contact_id: client,
    statut: 'envoye',
    date_devis: '2026-03-01',
    date_validite: '2026-03-31',
    lignes: [{ id: 'bbbbbbbb-0000-4000-8000-0000000000b1', designation: 'Transport', quantite: 2, prix_unitaire_ht: 5_000, taux_tva_bp: 1000 }],
    regime_tva: 'normale',
  };

  it('shows a sent quote past its validity as expired, and its draft number', () => {
    expect(devisRow(devis, '2026-03-15', (doc) => displayNumber(doc, (day) => `Draft of ${day}`))).toMatchObject({ statut: 'envoye', numero: 'Draft of 2026-03-01', total_ht: 10_000, total_ttc: 11_000 });
    expect(devisRow(devis, '2026-04-01', displayNumber).statut).toBe('expire');
  });

  it('filters by status (as shown), customer and period', () => {
    const row = devisRow(devis, '2026-04-01', displayNumber);
    expect(matchesDevis(row, { ...emptyFilters, statut: 'expire' })).toBe(true);
    expect(matchesDevis(row, { ...emptyFilters, statut: 'envoye' })).toBe(false);
    expect(matchesDevis(row, { ...emptyFilters, contact_id: other })).toBe(false);
    expect(matchesDevis(row, { ...emptyFilters, from: '2026-03-02' })).toBe(false);
    expect(matchesDevis(row, { ...emptyFilters, to: '2026-03-01' })).toBe(true);
  });
});

describe('dates', () => {
  it('shows a day in French, or in English', () => {
    expect(formatDay('2026-11-28', 'fr')).toBe('28/11/2026');
    expect(formatDay('2026-11-28', 'en-GB')).toBe('28/11/2026');
    expect(formatDay(undefined, 'fr')).toBe('');
  });
});
