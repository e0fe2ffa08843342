import type { ComptesEntreprise, Contact, Facture, Reglement } from '@relais/schema';
import { neutraliseCsvCell } from '../csv';
import { documentTotals } from './totals';

/**
 * The "Fichier des écritures comptables" (FEC, art. A47 A-1 du LPF) of the invoicing: one sales
 * entry (journal VT) per validated invoice, deposit invoice or credit note, one bank entry (journal
 * BQ) per payment, on the company's own accounts (`comptes`, the PCG's defaults otherwise); the
 * customer lines of a settled invoice are lettered with its payments and credit notes. Pure, so the
 * server exports it and the PWA may build it offline alike.
 */

/** The 18 fields of a FEC line, in the order the administration requires. */
export const fecColumns = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

export type FecColumn = (typeof fecColumns)[number];

export interface FecAccount {
  num: string;
  lib: string;
}

/** The general ledger accounts used, resolved from the company's `comptes` (`fecAccounts`). */
export interface FecAccounts {
  clients: FecAccount;
  banque: FecAccount;
  /** Deposits received (4191): a deposit invoice's base, cleared by the final invoice. */
  acomptes: FecAccount;
  /** Sales of one VAT rate (basis points). */
  ventes: (tauxBp: number) => FecAccount;
  /** VAT collected at one rate (basis points). */
  tva: (tauxBp: number) => FecAccount;
}

/** The PCG's accounts, used for any the company did not set. */
export const defaultFecAccountNumbers = {
  clients: '411000',
  banque: '512000',
  acomptes: '419100',
  ventes: '706000',
  tva: '445710',
} as const;

function rateLabel(bp: number): string {
  const percent = bp / 100;
  return `${String(percent).replace('.', ',')} %`;
}

/** The company's FEC accounts: its own where set (per VAT rate for sales and VAT), the PCG's otherwise. */
export function fecAccounts(comptes: ComptesEntreprise | undefined): FecAccounts {
  const perRate = (list: ComptesEntreprise['ventes'], fallback: string, lib: string) => (tauxBp: number) => ({
    num: list?.find((entry) => entry.taux_tva_bp === tauxBp)?.compte ?? fallback,
    lib: `${lib} ${rateLabel(tauxBp)}`,
  });
  return {
    clients: { num: comptes?.clients ?? defaultFecAccountNumbers.clients, lib: 'Clients' },
    banque: { num: comptes?.banque ?? defaultFecAccountNumbers.banque, lib: 'Banque' },
    acomptes: { num: comptes?.acomptes ?? defaultFecAccountNumbers.acomptes, lib: 'Clients - avances et acomptes reçus' },
    ventes: perRate(comptes?.ventes, defaultFecAccountNumbers.ventes, 'Prestations de services'),
    tva: perRate(comptes?.tva, defaultFecAccountNumbers.tva, 'TVA collectée'),
  };
}

/** One line of an entry; amounts in cents, exactly one of `debit` / `credit` non-zero. */
export interface FecLine {
  journalCode: 'VT' | 'BQ';
  journalLib: string;
  ecritureNum: number;
  /** `YYYY-MM-DD`. */
  ecritureDate: string;
  compteNum: string;
  compteLib: string;
  compAuxNum: string;
  compAuxLib: string;
  pieceRef: string;
  pieceDate: string;
  ecritureLib: string;
  debit: number;
  credit: number;
  /** The lettering code of a settled customer line (`A`, `B`… `AA`), with the day it was settled. */
  ecritureLet: string;
  dateLet: string;
  validDate: string;
}

/** A balanced entry: its lines' debits equal their credits. */
export interface FecEntry {
  journalCode: 'VT' | 'BQ';
  ecritureNum: number;
  date: string;
  pieceRef: string;
  /** The invoice (VT) or payment (BQ) it records. */
  sourceId: string;
  lines: FecLine[];
}

export interface FecInput {
  /** The issuing company: its SIREN names the file; its `comptes` are its accounts. */
  entreprise: { id: string; siren: string; comptes?: ComptesEntreprise | undefined };
  /**
   * The company's validated invoices (all of them: a payment of the period may settle an invoice
   * of an earlier period); only those dated within the period make sales entries.
   */
  factures: readonly Facture[];
  contacts: readonly Pick<Contact, 'id' | 'nom' | 'prenom' | 'code'>[];
  /** Payments; those of the period for the company's validated invoices make bank entries. */
  reglements: readonly Reglement[];
  /** First and last day of the period, `YYYY-MM-DD`, both included. */
  du: string;
  au: string;
}

export interface Fec {
  fileName: string;
  entries: FecEntry[];
  /** The file: a header line then one line per entry line, tab-separated, CRLF line ends. */
  text: string;
}

const journals = { VT: 'Ventes', BQ: 'Banque' } as const;

const typeLabels: Record<Facture['type_facture'], string> = { facture: 'Facture', acompte: 'Acompte', avoir: 'Avoir' };

/** `YYYY-MM-DD` → `AAAAMMJJ`, the FEC's date format. */
export function fecDate(date: string): string {
  return date.replaceAll('-', '');
}

/** Cents → `1234,56` (comma decimal, no thousands separator), the FEC's amount format. */
export function fecAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.trunc(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

/** `<SIREN>FEC<AAAAMMJJ>.txt`, the period's closing date in the name. */
export function fecFileName(siren: string, au: string): string {
  return `${siren}FEC${fecDate(au)}.txt`;
}

/** The customer's auxiliary account: its code when it has one, otherwise derived from its id. */
export function customerAccount(contact: Pick<Contact, 'id' | 'code'> | undefined, contactId: string): string {
  const code = contact?.code?.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 17);
  return code || `C${contactId.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

function customerName(contact: Pick<Contact, 'nom' | 'prenom'> | undefined): string {
  if (!contact) {
    return 'Client inconnu';
  }
  return contact.prenom ? `${contact.prenom} ${contact.nom}` : contact.nom;
}

/** Tabs and line breaks would break the file's structure. */
function clean(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ').trim();
}

/** Throws when an entry's debits and credits differ: a FEC never holds an unbalanced entry. */
export function assertBalanced(entry: FecEntry): void {
  const debit = entry.lines.reduce((sum, line) => sum + line.debit, 0);
  const credit = entry.lines.reduce((sum, line) => sum + line.credit, 0);
  if (debit !== credit) {
    throw new Error(`écriture ${entry.ecritureNum} (${entry.pieceRef}) déséquilibrée : débit ${fecAmount(debit)}, crédit ${fecAmount(credit)}`);
  }
}

interface Movement {
  compteNum: string;
  compteLib: string;
  compAuxNum?: string;
  compAuxLib?: string;
  /** Positive on the debit side, negative on the credit side. */
  amount: number;
}

interface Draft {
  journalCode: 'VT' | 'BQ';
  date: string;
  pieceRef: string;
  pieceDate: string;
  validDate: string;
  ecritureLib: string;
  sourceId: string;
  /** The invoice whose customer account this piece settles (a credit note's and a payment's: their invoice's). */
  group: string;
  movements: Movement[];
}

/** The base of each VAT rate of some lines (`documentTotals`'s bases). */
function basesOf(lignes: Facture['lignes'], regime: Facture['regime_tva']): { taux_tva_bp: number; base_ht: number }[] {
  return lignes.length === 0 ? [] : documentTotals(lignes, regime).tva;
}

/**
 * A sales entry: debit the customer with the total incl. VAT; credit sales with each rate's base —
 * a deposit invoice's (or its credit note's) goes to deposits received (4191) instead, and a final
 * invoice's lines deducting a deposit clear 4191 (debit); credit VAT collected with each rate's tax.
 * The amounts of `documentTotals`, nothing recomputed.
 */
function salesMovements(facture: Facture, origine: Facture | undefined, accounts: FecAccounts, aux: Required<Pick<Movement, 'compAuxNum' | 'compAuxLib'>>): Movement[] {
  const totals = documentTotals(facture.lignes, facture.regime_tva);
  const deposit = facture.type_facture === 'acompte' || (facture.type_facture === 'avoir' && origine?.type_facture === 'acompte');
  const deductions = facture.lignes.filter((ligne) => ligne.acompte_facture_id !== undefined);
  const sold = facture.lignes.filter((ligne) => ligne.acompte_facture_id === undefined);
  const movements: Movement[] = [{ compteNum: accounts.clients.num, compteLib: accounts.clients.lib, ...aux, amount: totals.total_ttc }];
  for (const rate of basesOf(sold, facture.regime_tva)) {
    const account = deposit ? { num: accounts.acomptes.num, lib: `${accounts.acomptes.lib} ${rateLabel(rate.taux_tva_bp)}` } : accounts.ventes(rate.taux_tva_bp);
    movements.push({ compteNum: account.num, compteLib: account.lib, amount: -rate.base_ht });
  }
  for (const rate of basesOf(deductions, facture.regime_tva)) {
    movements.push({ compteNum: accounts.acomptes.num, compteLib: `${accounts.acomptes.lib} déduits`, amount: -rate.base_ht });
  }
  for (const rate of totals.tva) {
    const account = accounts.tva(rate.taux_tva_bp);
    movements.push({ compteNum: account.num, compteLib: account.lib, amount: -rate.montant_tva });
  }
  return movements;
}

/** `A`, `B`… `Z`, `AA`, `AB`…: the n-th lettering code (from 0). */
export function letteringCode(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${letteringCode(Math.floor(index / 26) - 1)}${letter}`;
}

/**
 * The groups of pieces whose customer lines cancel out by `au` (an invoice, its credit notes, their
 * payments and refunds, of any earlier period too), with the day the last of them was booked.
 */
function settledGroups(drafts: readonly Draft[], accounts: FecAccounts): Map<string, string> {
  const balance = new Map<string, { sum: number; pieces: number; last: string }>();
  for (const draft of drafts) {
    const customer = draft.movements.filter((movement) => movement.compteNum === accounts.clients.num).reduce((sum, movement) => sum + movement.amount, 0);
    if (customer === 0) {
      continue;
    }
    const group = balance.get(draft.group) ?? { sum: 0, pieces: 0, last: draft.date };
    balance.set(draft.group, { sum: group.sum + customer, pieces: group.pieces + 1, last: draft.date > group.last ? draft.date : group.last });
  }
  return new Map([...balance].filter(([, group]) => group.sum === 0 && group.pieces > 1).map(([id, group]) => [id, group.last]));
}

/**
 * The FEC of one company over a period. Sales (`salesMovements`): customer (411, auxiliary account
 * per customer), sales (706) per VAT rate, VAT collected (44571) per rate, deposits (4191) booked
 * and cleared; a credit note (negative totals) lands on the opposite sides. Payments: debit the
 * bank (512), credit the customer (411); a refund on a credit note the other way round. Entries are
 * numbered 1, 2, 3… in date order, sales before payments on the same day. The customer lines of an
 * invoice settled by the period's end (its payments and credit notes included) share a lettering
 * code and its date.
 */
export function buildFec(input: FecInput): Fec {
  const accounts = fecAccounts(input.entreprise.comptes);
  const { du, au } = input;
  const contacts = new Map(input.contacts.map((contact) => [contact.id, contact]));
  const companyInvoices = input.factures.filter(
    (facture) => facture.entreprise_id === input.entreprise.id && facture.statut === 'validee' && facture.date_facture !== undefined,
  );
  const byId = new Map(companyInvoices.map((facture) => [facture.id, facture]));
  const groupOf = (facture: Facture): string =>
    facture.type_facture === 'avoir' && facture.facture_origine_id !== undefined ? facture.facture_origine_id : facture.id;
  const auxOf = (facture: Facture) => {
    const contact = contacts.get(facture.contact_id);
    return { compAuxNum: customerAccount(contact, facture.contact_id), compAuxLib: customerName(contact) };
  };

  // Every piece up to the period's end: those before it only count for the lettering.
  const drafts: Draft[] = [];
  for (const facture of companyInvoices) {
    const date = facture.date_facture ?? '';
    if (date > au) {
      continue;
    }
    const aux = auxOf(facture);
    const numero = facture.numero ?? facture.id;
    const origine = facture.facture_origine_id === undefined ? undefined : byId.get(facture.facture_origine_id);
    drafts.push({
      journalCode: 'VT',
      date,
      pieceRef: numero,
      pieceDate: date,
      validDate: facture.validee_le?.slice(0, 10) ?? date,
      ecritureLib: `${typeLabels[facture.type_facture]} ${numero} ${aux.compAuxLib}`,
      sourceId: facture.id,
      group: groupOf(facture),
      movements: salesMovements(facture, origine, accounts, aux),
    });
  }

  for (const reglement of input.reglements) {
    const facture = byId.get(reglement.facture_id);
    if (!facture || reglement.date_reglement > au) {
      continue;
    }
    const aux = auxOf(facture);
    // Money received for an invoice; money paid back for a credit note.
    const amount = facture.type_facture === 'avoir' ? -reglement.montant : reglement.montant;
    const numero = facture.numero ?? facture.id;
    drafts.push({
      journalCode: 'BQ',
      date: reglement.date_reglement,
      pieceRef: numero,
      pieceDate: reglement.date_reglement,
      validDate: reglement.date_reglement,
      ecritureLib: `${facture.type_facture === 'avoir' ? 'Remboursement' : 'Règlement'} ${numero} ${aux.compAuxLib}${reglement.reference ? ` ${reglement.reference}` : ''}`,
      sourceId: reglement.id,
      group: groupOf(facture),
      movements: [
        { compteNum: accounts.banque.num, compteLib: accounts.banque.lib, amount },
        { compteNum: accounts.clients.num, compteLib: accounts.clients.lib, ...aux, amount: -amount },
      ],
    });
  }

  const settled = settledGroups(drafts, accounts);
  const inPeriod = drafts
    .filter((draft) => draft.date >= du)
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        (a.journalCode === b.journalCode ? 0 : a.journalCode === 'VT' ? -1 : 1) ||
        a.pieceRef.localeCompare(b.pieceRef) ||
        a.sourceId.localeCompare(b.sourceId),
    );

  const codes = new Map<string, string>();
  const entries: FecEntry[] = [];
  for (const draft of inPeriod) {
    const movements = draft.movements.filter((movement) => movement.amount !== 0);
    if (movements.length === 0) {
      continue; // An invoice of zero (a deposit fully deducted) moves no account.
    }
    const dateLet = settled.get(draft.group);
    const code = dateLet === undefined ? '' : (codes.get(draft.group) ?? letteringCode(codes.size));
    if (code !== '') {
      codes.set(draft.group, code);
    }
    const ecritureNum = entries.length + 1;
    const entry: FecEntry = {
      journalCode: draft.journalCode,
      ecritureNum,
      date: draft.date,
      pieceRef: draft.pieceRef,
      sourceId: draft.sourceId,
      lines: movements.map((movement) => {
        const lettered = code !== '' && movement.compteNum === accounts.clients.num;
        return {
          journalCode: draft.journalCode,
          journalLib: journals[draft.journalCode],
          ecritureNum,
          ecritureDate: draft.date,
          compteNum: movement.compteNum,
          compteLib: movement.compteLib,
          compAuxNum: movement.compAuxNum ?? '',
          compAuxLib: movement.compAuxLib ?? '',
          pieceRef: draft.pieceRef,
          pieceDate: draft.pieceDate,
          ecritureLib: draft.ecritureLib,
          debit: movement.amount > 0 ? movement.amount : 0,
          credit: movement.amount < 0 ? -movement.amount : 0,
          ecritureLet: lettered ? code : '',
          dateLet: lettered ? (dateLet ?? '') : '',
          validDate: draft.validDate,
        };
      }),
    };
    assertBalanced(entry);
    entries.push(entry);
  }

  return { fileName: fecFileName(input.entreprise.siren, au), entries, text: fecText(entries) };
}

/**
 * One FEC line as its 18 fields, in order. Accountants open the FEC in a spreadsheet too: a label
 * that would run there as a formula (a customer named `=HYPERLINK(…)`) gets a leading apostrophe,
 * like every CSV cell (`neutraliseCsvCell`); codes, dates and amounts never start that way.
 */
export function fecFields(line: FecLine): string[] {
  return [
    line.journalCode,
    line.journalLib,
    String(line.ecritureNum),
    fecDate(line.ecritureDate),
    line.compteNum,
    clean(line.compteLib),
    line.compAuxNum,
    clean(line.compAuxLib),
    clean(line.pieceRef),
    fecDate(line.pieceDate),
    clean(line.ecritureLib),
    fecAmount(line.debit),
    fecAmount(line.credit),
    line.ecritureLet,
    fecDate(line.dateLet),
    fecDate(line.validDate),
    '',
    '',
  ].map(neutraliseCsvCell);
}

/** The file's text: the header of the 18 field names, then every line of every entry. */
export function fecText(entries: readonly FecEntry[]): string {
  const rows = [fecColumns.join('\t'), ...entries.flatMap((entry) => entry.lines.map((line) => fecFields(line).join('\t')))];
  return `${rows.join('\r\n')}\r\n`;
}
