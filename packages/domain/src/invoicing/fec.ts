import type { Contact, Facture, Reglement } from '@relais/schema';
import { neutraliseCsvCell } from '../csv';
import { documentTotals } from './totals';

/**
 * The "Fichier des écritures comptables" (FEC, art. A47 A-1 du LPF) of the invoicing: one sales
 * entry (journal VT) per validated invoice, deposit invoice or credit note, one bank entry (journal
 * BQ) per payment. Pure, so the server exports it and the PWA may build it offline alike.
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

/** The general ledger accounts used; the defaults follow the French chart of accounts (PCG). */
export interface FecAccounts {
  clients: { num: string; lib: string };
  ventes: { num: string; lib: string };
  tva: { num: string; lib: string };
  banque: { num: string; lib: string };
}

export const defaultFecAccounts: FecAccounts = {
  clients: { num: '411000', lib: 'Clients' },
  ventes: { num: '706000', lib: 'Prestations de services' },
  tva: { num: '445710', lib: 'TVA collectée' },
  banque: { num: '512000', lib: 'Banque' },
};

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
  /** The issuing company: its SIREN names the file. */
  entreprise: { id: string; siren: string };
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
  accounts?: FecAccounts;
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

function rateLabel(bp: number): string {
  const percent = bp / 100;
  return `${String(percent).replace('.', ',')} %`;
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

/**
 * The FEC of one company over a period. Sales: debit the customer (411, auxiliary account per
 * customer) with the total incl. VAT, credit sales (706) with each VAT rate's base and VAT
 * collected (44571) with each rate's tax — the amounts of `documentTotals`, nothing recomputed; a
 * credit note (negative totals) lands on the opposite sides. Payments: debit the bank (512),
 * credit the customer (411); a refund on a credit note the other way round. Entries are numbered
 * 1, 2, 3… in date order, sales before payments on the same day.
 */
export function buildFec(input: FecInput): Fec {
  const accounts = input.accounts ?? defaultFecAccounts;
  const { du, au } = input;
  const contacts = new Map(input.contacts.map((contact) => [contact.id, contact]));
  const companyInvoices = input.factures.filter(
    (facture) => facture.entreprise_id === input.entreprise.id && facture.statut === 'validee' && facture.date_facture !== undefined,
  );
  const byId = new Map(companyInvoices.map((facture) => [facture.id, facture]));

  interface Draft {
    journalCode: 'VT' | 'BQ';
    date: string;
    pieceRef: string;
    pieceDate: string;
    validDate: string;
    ecritureLib: string;
    sourceId: string;
    movements: Movement[];
  }
  const drafts: Draft[] = [];

  for (const facture of companyInvoices) {
    const date = facture.date_facture ?? '';
    if (date < du || date > au) {
      continue;
    }
    const contact = contacts.get(facture.contact_id);
    const aux = { compAuxNum: customerAccount(contact, facture.contact_id), compAuxLib: customerName(contact) };
    const totals = documentTotals(facture.lignes, facture.regime_tva);
    const movements: Movement[] = [{ compteNum: accounts.clients.num, compteLib: accounts.clients.lib, ...aux, amount: totals.total_ttc }];
    for (const rate of totals.tva) {
      movements.push({ compteNum: accounts.ventes.num, compteLib: `${accounts.ventes.lib} ${rateLabel(rate.taux_tva_bp)}`, amount: -rate.base_ht });
    }
    for (const rate of totals.tva) {
      movements.push({ compteNum: accounts.tva.num, compteLib: `${accounts.tva.lib} ${rateLabel(rate.taux_tva_bp)}`, amount: -rate.montant_tva });
    }
    const numero = facture.numero ?? facture.id;
    drafts.push({
      journalCode: 'VT',
      date,
      pieceRef: numero,
      pieceDate: date,
      validDate: facture.validee_le?.slice(0, 10) ?? date,
      ecritureLib: `${typeLabels[facture.type_facture]} ${numero} ${aux.compAuxLib}`,
      sourceId: facture.id,
      movements,
    });
  }

  for (const reglement of input.reglements) {
    const facture = byId.get(reglement.facture_id);
    if (!facture || reglement.date_reglement < du || reglement.date_reglement > au) {
      continue;
    }
    const contact = contacts.get(facture.contact_id);
    const aux = { compAuxNum: customerAccount(contact, facture.contact_id), compAuxLib: customerName(contact) };
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
      movements: [
        { compteNum: accounts.banque.num, compteLib: accounts.banque.lib, amount },
        { compteNum: accounts.clients.num, compteLib: accounts.clients.lib, ...aux, amount: -amount },
      ],
    });
  }

  drafts.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.journalCode === b.journalCode ? 0 : a.journalCode === 'VT' ? -1 : 1) ||
      a.pieceRef.localeCompare(b.pieceRef) ||
      a.sourceId.localeCompare(b.sourceId),
  );

  const entries: FecEntry[] = [];
  for (const draft of drafts) {
    const movements = draft.movements.filter((movement) => movement.amount !== 0);
    if (movements.length === 0) {
      continue; // An invoice of zero (a deposit fully deducted) moves no account.
    }
    const ecritureNum = entries.length + 1;
    const entry: FecEntry = {
      journalCode: draft.journalCode,
      ecritureNum,
      date: draft.date,
      pieceRef: draft.pieceRef,
      sourceId: draft.sourceId,
      lines: movements.map((movement) => ({
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
        validDate: draft.validDate,
      })),
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
    '',
    '',
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
