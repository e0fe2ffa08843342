import { dayNumber, documentTotals, isOverdue, neutraliseCsvCell, paymentState, type DocumentTotals, type EtatPaiement } from '@relais/domain';
import type { Contact, Facture, Reglement } from '@relais/schema';
import { stringify } from 'csv-stringify/sync';

/**
 * What the invoicing exports read of the stored documents, computed once: each validated
 * document's totals (`documentTotals`, the only totals function), what was paid on it and what its
 * credit notes took off, and its payment state.
 */

export type CsvSeparator = ';' | ',';

export type ContactInfo = Pick<Contact, 'id' | 'nom' | 'prenom' | 'siren' | 'email' | 'code'>;

export interface InvoiceStatus {
  facture: Facture;
  totals: DocumentTotals;
  /** Sum of the payments recorded on it (cents). */
  paid: number;
  /** What its validated credit notes take off (cents, positive). */
  credited: number;
  /** Still owed: TTC − credited − paid (negative when overpaid). */
  remaining: number;
  /** The payment state; `avoir` for a credit note. */
  etat: EtatPaiement | 'avoir';
}

/** The validated documents with their amounts and payment state, by id. */
export function invoiceStatuses(factures: readonly Facture[], reglements: readonly Reglement[]): Map<string, InvoiceStatus> {
  const validated = factures.filter((facture) => facture.statut === 'validee');
  const totals = new Map(validated.map((facture) => [facture.id, documentTotals(facture.lignes, facture.regime_tva)]));
  const paid = new Map<string, number>();
  for (const reglement of reglements) {
    paid.set(reglement.facture_id, (paid.get(reglement.facture_id) ?? 0) + reglement.montant);
  }
  const credited = new Map<string, number>();
  for (const facture of validated) {
    if (facture.type_facture === 'avoir' && facture.facture_origine_id !== undefined) {
      const amount = -(totals.get(facture.id)?.total_ttc ?? 0);
      credited.set(facture.facture_origine_id, (credited.get(facture.facture_origine_id) ?? 0) + amount);
    }
  }
  const statuses = new Map<string, InvoiceStatus>();
  for (const facture of validated) {
    const documentTotal = totals.get(facture.id) ?? documentTotals(facture.lignes, facture.regime_tva);
    const paidOn = paid.get(facture.id) ?? 0;
    if (facture.type_facture === 'avoir') {
      statuses.set(facture.id, { facture, totals: documentTotal, paid: paidOn, credited: 0, remaining: 0, etat: 'avoir' });
      continue;
    }
    const creditedOn = credited.get(facture.id) ?? 0;
    statuses.set(facture.id, {
      facture,
      totals: documentTotal,
      paid: paidOn,
      credited: creditedOn,
      remaining: documentTotal.total_ttc - creditedOn - paidOn,
      etat: paymentState(documentTotal.total_ttc, paidOn, creditedOn),
    });
  }
  return statuses;
}

export const etatLabels: Record<EtatPaiement | 'avoir', string> = {
  non_payee: 'Non payée',
  partiellement_payee: 'Partiellement payée',
  payee: 'Payée',
  trop_percue: 'Trop-perçu',
  avoir: 'Avoir',
};

export const typeFactureLabels: Record<Facture['type_facture'], string> = { facture: 'Facture', acompte: 'Acompte', avoir: 'Avoir' };

export const modeLabels: Record<Reglement['mode'], string> = {
  virement: 'Virement',
  cheque: 'Chèque',
  carte: 'Carte bancaire',
  especes: 'Espèces',
  prelevement: 'Prélèvement',
};

/** `1234,56` with `;` (French spreadsheets), `1234.56` with `,`; no thousands separator. */
export function csvAmount(cents: number, separator: CsvSeparator): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const decimal = separator === ';' ? ',' : '.';
  return `${sign}${Math.trunc(absolute / 100)}${decimal}${String(absolute % 100).padStart(2, '0')}`;
}

/** `JJ/MM/AAAA` with `;` (French spreadsheets), ISO `AAAA-MM-JJ` with `,`. */
export function csvDate(date: string | undefined, separator: CsvSeparator): string {
  if (date === undefined) {
    return '';
  }
  if (separator === ',') {
    return date;
  }
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

export function contactName(contact: Pick<Contact, 'nom' | 'prenom'> | undefined): string {
  if (!contact) {
    return '';
  }
  return contact.prenom ? `${contact.prenom} ${contact.nom}` : contact.nom;
}

/**
 * UTF-8 with a BOM (Excel then reads the accents), CRLF line ends, a header line; every cell
 * through `neutraliseCsvCell`, so a customer named `=HYPERLINK(…)` is text in the accountant's
 * spreadsheet while amounts (`-12,50`) stay numbers.
 */
function toCsv(header: string[], rows: string[][], separator: CsvSeparator): string {
  return stringify(
    [header, ...rows].map((row) => row.map(neutraliseCsvCell)),
    { delimiter: separator, bom: true, record_delimiter: 'windows' },
  );
}

export interface ExportInput {
  factures: readonly Facture[];
  contacts: readonly ContactInfo[];
  reglements: readonly Reglement[];
  du: string;
  au: string;
  /** One issuing company only; all of them when absent. */
  entrepriseId?: string | undefined;
  separator: CsvSeparator;
}

function inScope(facture: Facture, entrepriseId: string | undefined): boolean {
  return entrepriseId === undefined || facture.entreprise_id === entrepriseId;
}

export const facturesCsvHeader = ['Numéro', 'Type', 'Date', 'Échéance', 'Client', 'SIREN client', 'Montant HT', 'TVA', 'Montant TTC', 'Réglé', 'Reste dû', 'État'];

/** The validated invoices, deposit invoices and credit notes dated within the period, by date then number. */
export function facturesCsv(input: ExportInput): string {
  const contacts = new Map(input.contacts.map((contact) => [contact.id, contact]));
  const statuses = [...invoiceStatuses(input.factures, input.reglements).values()]
    .filter(({ facture }) => inScope(facture, input.entrepriseId))
    .filter(({ facture }) => facture.date_facture !== undefined && facture.date_facture >= input.du && facture.date_facture <= input.au)
    .sort((a, b) => (a.facture.date_facture ?? '').localeCompare(b.facture.date_facture ?? '') || (a.facture.numero ?? '').localeCompare(b.facture.numero ?? ''));
  const amount = (cents: number): string => csvAmount(cents, input.separator);
  const rows = statuses.map(({ facture, totals, paid, remaining, etat }) => {
    const contact = contacts.get(facture.contact_id);
    return [
      facture.numero ?? '',
      typeFactureLabels[facture.type_facture],
      csvDate(facture.date_facture, input.separator),
      csvDate(facture.date_echeance, input.separator),
      contactName(contact),
      contact?.siren ?? '',
      amount(totals.total_ht),
      amount(totals.total_tva),
      amount(totals.total_ttc),
      amount(paid),
      amount(remaining),
      etatLabels[etat],
    ];
  });
  return toCsv(facturesCsvHeader, rows, input.separator);
}

export const reglementsCsvHeader = ['Date', 'Facture', 'Client', 'Mode', 'Référence', 'Montant'];

/** The payments received within the period on validated documents, by date then invoice number. */
export function reglementsCsv(input: ExportInput): string {
  const contacts = new Map(input.contacts.map((contact) => [contact.id, contact]));
  const factures = new Map(input.factures.filter((facture) => facture.statut === 'validee').map((facture) => [facture.id, facture]));
  const rows = input.reglements
    .map((reglement) => ({ reglement, facture: factures.get(reglement.facture_id) }))
    .filter((entry): entry is { reglement: Reglement; facture: Facture } => entry.facture !== undefined && inScope(entry.facture, input.entrepriseId))
    .filter(({ reglement }) => reglement.date_reglement >= input.du && reglement.date_reglement <= input.au)
    .sort((a, b) => a.reglement.date_reglement.localeCompare(b.reglement.date_reglement) || (a.facture.numero ?? '').localeCompare(b.facture.numero ?? ''))
    .map(({ reglement, facture }) => [
      csvDate(reglement.date_reglement, input.separator),
      facture.numero ?? '',
      contactName(contacts.get(facture.contact_id)),
      modeLabels[reglement.mode],
      reglement.reference ?? '',
      csvAmount(reglement.montant, input.separator),
    ]);
  return toCsv(reglementsCsvHeader, rows, input.separator);
}

/** `factures-2026-11-01-2026-11-30.csv`. */
export function periodFileName(prefix: string, du: string, au: string, extension = 'csv'): string {
  return `${prefix}-${du}-${au}.${extension}`;
}

export interface Relance {
  facture_id: string;
  entreprise_id: string;
  contact_id: string;
  numero: string | null;
  type_facture: Facture['type_facture'];
  client: string;
  email: string | null;
  date_facture: string | null;
  date_echeance: string;
  jours_retard: number;
  total_ttc: number;
  reste_du: number;
  etat: EtatPaiement;
}

/**
 * The validated invoices still owed after their due date on `date` (`isOverdue` over the payment
 * state, payments and credit notes counted), the latest first.
 */
export function relances(input: { factures: readonly Facture[]; contacts: readonly ContactInfo[]; reglements: readonly Reglement[]; date: string; entrepriseId?: string | undefined }): Relance[] {
  const contacts = new Map(input.contacts.map((contact) => [contact.id, contact]));
  const overdue: Relance[] = [];
  for (const status of invoiceStatuses(input.factures, input.reglements).values()) {
    const { facture, etat } = status;
    if (etat === 'avoir' || !inScope(facture, input.entrepriseId) || facture.date_echeance === undefined) {
      continue;
    }
    if (!isOverdue(facture.statut, facture.date_echeance, input.date, etat)) {
      continue;
    }
    const contact = contacts.get(facture.contact_id);
    overdue.push({
      facture_id: facture.id,
      entreprise_id: facture.entreprise_id,
      contact_id: facture.contact_id,
      numero: facture.numero ?? null,
      type_facture: facture.type_facture,
      client: contactName(contact),
      email: contact?.email ?? null,
      date_facture: facture.date_facture ?? null,
      date_echeance: facture.date_echeance,
      jours_retard: dayNumber(input.date) - dayNumber(facture.date_echeance),
      total_ttc: status.totals.total_ttc,
      reste_du: status.remaining,
      etat,
    });
  }
  return overdue.sort((a, b) => b.jours_retard - a.jours_retard || (a.numero ?? '').localeCompare(b.numero ?? ''));
}
