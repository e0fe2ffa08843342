import type { Facture, Ligne } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { dashboardFigures, lastTwelveMonths } from './dashboard-figures';

const alpha = 'e1111111-1111-4111-8111-111111111111';
const beta = 'e2222222-2222-4222-8222-222222222222';

function ligne(prix: number, quantite = 1, taux = 2000): Ligne {
  return { id: `l${prix}${quantite}`, designation: 'Transport', quantite, prix_unitaire_ht: prix, taux_tva_bp: taux };
}

function facture(id: string, fields: Partial<Facture>): Facture {
  return {
    id,
    rev: 1,
    updated_at: '2026-01-01T00:00:00.000Z',
    entreprise_id: alpha,
    contact_id: 'c1',
    type_facture: 'facture',
    statut: 'validee',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [],
    regime_tva: 'normale',
    ...fields,
  };
}

describe('dashboard figures', () => {
  it('lists the 12 months ending with today’s, across the year', () => {
    expect(lastTwelveMonths('2026-03-14')).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09',
      '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
  });

  /**
   * Worked example, today 2026-03-14:
   * - FA-1 (Jan.) 1 000,00 € HT → 1 200,00 € TTC, due 2026-02-10, 200 € paid: 1 000 € overdue by 32 days;
   * - FA-2 (Feb.) 500,00 € HT → 600,00 € TTC, due 2026-03-20: owed, not yet due;
   * - AV-1 (Feb.) credits 100,00 € HT of FA-2 (−120 € TTC): February's turnover 400 €, FA-2 owes 480 €;
   * - AC-1 (March) deposit 300,00 € HT at 10 %, paid in full;
   * - a draft (March, 9 999 €) and a 2025-02 invoice (out of the window) count for nothing;
   * - Beta's invoice (March, 50 €) only when every company is shown.
   */
  const factures: Facture[] = [
    facture('fa1', { numero: 'FA-2026-00001', date_facture: '2026-01-11', date_echeance: '2026-02-10', lignes: [ligne(50_000, 2)] }),
    facture('fa2', { numero: 'FA-2026-00002', date_facture: '2026-02-18', date_echeance: '2026-03-20', lignes: [ligne(50_000)], contact_id: 'c2' }),
    facture('av1', { numero: 'AV-2026-00001', type_facture: 'avoir', facture_origine_id: 'fa2', date_facture: '2026-02-25', date_echeance: '2026-03-27', lignes: [ligne(10_000, -1)] }),
    facture('ac1', { numero: 'FA-2026-00003', type_facture: 'acompte', date_facture: '2026-03-02', date_echeance: '2026-04-01', lignes: [ligne(30_000, 1, 1000)] }),
    facture('draft', { statut: 'brouillon', lignes: [ligne(999_900)] }),
    facture('old', { numero: 'FA-2025-00009', date_facture: '2025-02-10', date_echeance: '2025-03-12', lignes: [ligne(70_000)] }),
    facture('beta', { entreprise_id: beta, numero: 'B-1', date_facture: '2026-03-05', date_echeance: '2026-04-04', lignes: [ligne(5_000)] }),
  ];
  const reglements = [
    { facture_id: 'fa1', montant: 20_000 },
    { facture_id: 'ac1', montant: 33_000 },
    { facture_id: 'old', montant: 84_000 },
  ];
  const contacts = [
    { id: 'c1', nom: 'Dupont Logistique' },
    { id: 'c2', nom: 'Martin', prenom: 'Zoé' },
  ];

  it('sums turnover per month, subtracts credit notes, and finds what is owed and overdue', () => {
    const figures = dashboardFigures({ factures, reglements, contacts, today: '2026-03-14', entrepriseId: alpha });
    const turnover = Object.fromEntries(figures.months.map((entry) => [entry.month, entry.ht]));
    expect(turnover['2026-01']).toBe(100_000);
    expect(turnover['2026-02']).toBe(40_000);
    expect(turnover['2026-03']).toBe(30_000);
    expect(turnover['2025-04']).toBe(0);
    expect(figures.months).toHaveLength(12);
    // FA-1 owes 1 000 €, FA-2 480 €; the deposit and the old invoice are paid.
    expect(figures.unpaidTotal).toBe(148_000);
    expect(figures.unpaidCount).toBe(2);
    expect(figures.overdueTotal).toBe(100_000);
    expect(figures.overdueCount).toBe(1);
    expect(figures.reminders).toEqual([
      { factureId: 'fa1', numero: 'FA-2026-00001', client: 'Dupont Logistique', dateEcheance: '2026-02-10', joursRetard: 32, reste: 100_000 },
    ]);
  });

  it('adds every company when none is chosen; a later day makes more invoices overdue', () => {
    const all = dashboardFigures({ factures, reglements, contacts, today: '2026-03-14' });
    expect(all.months.find((entry) => entry.month === '2026-03')?.ht).toBe(35_000);
    // FA-2 is due on 2026-03-20: owed that day, overdue the next.
    const dueDay = dashboardFigures({ factures, reglements, contacts, today: '2026-03-20', entrepriseId: alpha });
    expect(dueDay.reminders.map((reminder) => reminder.numero)).toEqual(['FA-2026-00001']);
    const later = dashboardFigures({ factures, reglements, contacts, today: '2026-03-21', entrepriseId: alpha });
    expect(later.reminders.map((reminder) => [reminder.numero, reminder.client, reminder.joursRetard])).toEqual([
      ['FA-2026-00001', 'Dupont Logistique', 39],
      ['FA-2026-00002', 'Zoé Martin', 1],
    ]);
    expect(later.overdueTotal).toBe(148_000);
  });
});
