import { describe, expect, it } from 'vitest';
import {
  canChangeDevis,
  canReachDevis,
  devisStatutOn,
  dueDate,
  isOverdue,
  mayInvoiceDevis,
  paymentState,
  type DevisStatut,
} from './life-cycle';
import { devisStatutValues } from '@relais/schema';

describe('quote life cycle', () => {
  it('allows exactly draft → sent → accepted | refused | expired', () => {
    const allowed = devisStatutValues.flatMap((from) => devisStatutValues.filter((to) => canChangeDevis(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['brouillon→envoye', 'envoye→accepte', 'envoye→refuse', 'envoye→expire']);
  });

  it('refuses going back or skipping a step', () => {
    const refused: [DevisStatut, DevisStatut][] = [
      ['brouillon', 'accepte'],
      ['accepte', 'brouillon'],
      ['refuse', 'accepte'],
      ['expire', 'envoye'],
      ['accepte', 'refuse'],
    ];
    for (const [from, to] of refused) {
      expect(canChangeDevis(from, to), `${from}→${to}`).toBe(false);
    }
  });

  it('reaches a state through allowed steps (offline, the server may get the last one only)', () => {
    expect(canReachDevis('brouillon', 'accepte')).toBe(true);
    expect(canReachDevis('brouillon', 'expire')).toBe(true);
    expect(canReachDevis('envoye', 'refuse')).toBe(true);
    expect(canReachDevis('accepte', 'refuse')).toBe(false);
    expect(canReachDevis('refuse', 'brouillon')).toBe(false);
    expect(canReachDevis('envoye', 'brouillon')).toBe(false);
    expect(canReachDevis('brouillon', 'brouillon')).toBe(false);
  });

  it('lapses a sent quote the day after its validity day, not before', () => {
    expect(devisStatutOn('envoye', '2026-12-31', '2026-12-31')).toBe('envoye');
    expect(devisStatutOn('envoye', '2026-12-31', '2027-01-01')).toBe('expire');
    expect(devisStatutOn('accepte', '2026-12-31', '2027-01-01')).toBe('accepte');
    expect(devisStatutOn('brouillon', '2026-12-31', '2027-01-01')).toBe('brouillon');
  });

  it('invoices an accepted quote only', () => {
    expect(devisStatutValues.filter(mayInvoiceDevis)).toEqual(['accepte']);
  });
});

describe('invoice life cycle', () => {
  it('reads the payment state from the amounts, credit notes deducted', () => {
    expect(paymentState(12_000, 0)).toBe('non_payee');
    expect(paymentState(12_000, 5_000)).toBe('partiellement_payee');
    expect(paymentState(12_000, 12_000)).toBe('payee');
    expect(paymentState(12_000, 12_001)).toBe('trop_percue');
    expect(paymentState(12_000, 7_000, 5_000)).toBe('payee');
  });

  it('computes due dates, to the end of the month when the terms say so', () => {
    expect(dueDate('2026-01-15', { jours: 30, fin_de_mois: false })).toBe('2026-02-14');
    // 15 January + 45 days = 1 March, then the end of that month.
    expect(dueDate('2026-01-15', { jours: 45, fin_de_mois: true })).toBe('2026-03-31');
    expect(dueDate('2026-11-20', { jours: 45, fin_de_mois: true })).toBe('2027-01-31');
    expect(dueDate('2028-01-20', { jours: 30, fin_de_mois: true })).toBe('2028-02-29');
  });

  it('flags a validated invoice still owed after its due date', () => {
    expect(isOverdue('validee', '2026-11-26', '2026-11-27', 'partiellement_payee')).toBe(true);
    expect(isOverdue('validee', '2026-11-27', '2026-11-27', 'non_payee')).toBe(false);
    expect(isOverdue('validee', '2026-11-26', '2026-11-27', 'payee')).toBe(false);
    expect(isOverdue('brouillon', '2026-11-26', '2026-11-27', 'non_payee')).toBe(false);
  });
});
