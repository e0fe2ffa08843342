import { dayNumber, devisStatutOn, documentTotals, invoiceBalance, isOverdue, type DevisStatut, type InvoiceBalance, type NumberedDocument } from '@relais/domain';
import type { Devis, Facture, Reglement } from '@relais/schema';

/**
 * The rows of the quote and invoice lists: what each shows (number, date, amounts, what is still
 * owed, status) and how the filters and the totals row read them. Pure, so they are unit-tested.
 */

/** What an invoice's status badge says. */
export type FactureState =
  | 'brouillon'
  /** Validated on this device, its number not given by the server yet. */
  | 'attente_synchro'
  | 'non_payee'
  | 'partiellement_payee'
  | 'payee'
  | 'trop_percue'
  | 'en_retard'
  /** A validated credit note. */
  | 'avoir';

export interface FactureRow {
  facture: Facture;
  numero: string;
  /** The invoice date once validated, else the day of the last edit (drafts). */
  date: string;
  total_ht: number;
  total_ttc: number;
  /** What is still owed: validated invoices and deposit invoices only. */
  balance?: InvoiceBalance | undefined;
  state: FactureState;
  /** Days past the due date, for an overdue invoice. */
  joursRetard?: number | undefined;
}

export const factureFilterStatuts = ['tous', 'brouillon', 'validee', 'payee', 'partiellement_payee', 'en_retard', 'avoirs'] as const;
export type FactureFilterStatut = (typeof factureFilterStatuts)[number];

export interface DocumentFilters {
  statut: string;
  contact_id: string;
  entreprise_id: string;
  /** `YYYY-MM-DD` or empty. */
  from: string;
  to: string;
}

export const emptyFilters: DocumentFilters = { statut: 'tous', contact_id: '', entreprise_id: '', from: '', to: '' };

/** The local day of a timestamp (`updated_at`), `YYYY-MM-DD`. */
export function dayOf(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) {
    return timestamp.slice(0, 10);
  }
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The payments of each invoice and the credit notes citing it, by invoice id. */
export interface InvoiceLinks {
  reglements: ReadonlyMap<string, readonly Reglement[]>;
  avoirs: ReadonlyMap<string, readonly Facture[]>;
}

export function linksOf(factures: readonly Facture[], reglements: readonly Reglement[]): InvoiceLinks {
  const byFacture = new Map<string, Reglement[]>();
  for (const reglement of reglements) {
    byFacture.set(reglement.facture_id, [...(byFacture.get(reglement.facture_id) ?? []), reglement]);
  }
  const avoirs = new Map<string, Facture[]>();
  for (const facture of factures) {
    if (facture.type_facture === 'avoir' && facture.facture_origine_id !== undefined) {
      avoirs.set(facture.facture_origine_id, [...(avoirs.get(facture.facture_origine_id) ?? []), facture]);
    }
  }
  return { reglements: byFacture, avoirs };
}

function safeTotals(facture: Pick<Facture, 'lignes' | 'regime_tva'>): { total_ht: number; total_ttc: number } {
  try {
    const totals = documentTotals(facture.lignes, facture.regime_tva);
    return { total_ht: totals.total_ht, total_ttc: totals.total_ttc };
  } catch {
    return { total_ht: 0, total_ttc: 0 };
  }
}

/** How a list names a document: `useDocumentNumber`'s, in the user's language. */
export type NumberOf = (doc: NumberedDocument) => string;

/** What the list shows of an invoice, on `today`. */
export function factureRow(facture: Facture, links: InvoiceLinks, today: string, numberOf: NumberOf): FactureRow {
  const { total_ht, total_ttc } = safeTotals(facture);
  const base = {
    facture,
    numero: numberOf(facture),
    date: facture.date_facture ?? dayOf(facture.updated_at),
    total_ht,
    total_ttc,
  };
  if (facture.statut === 'brouillon') {
    return { ...base, state: 'brouillon' };
  }
  if (facture.numero === undefined) {
    return { ...base, state: 'attente_synchro' };
  }
  if (facture.type_facture === 'avoir') {
    return { ...base, state: 'avoir' };
  }
  const balance = invoiceBalance(facture, links.reglements.get(facture.id) ?? [], links.avoirs.get(facture.id) ?? []);
  if (facture.date_echeance !== undefined && isOverdue(facture.statut, facture.date_echeance, today, balance.etat)) {
    return { ...base, balance, state: 'en_retard', joursRetard: dayNumber(today) - dayNumber(facture.date_echeance) };
  }
  return { ...base, balance, state: balance.etat };
}

function inPeriod(date: string, filters: DocumentFilters): boolean {
  return (filters.from === '' || date >= filters.from) && (filters.to === '' || date <= filters.to);
}

/** Whether an invoice row passes the filters. */
export function matchesFacture(row: FactureRow, filters: DocumentFilters): boolean {
  const { facture } = row;
  if (filters.contact_id !== '' && facture.contact_id !== filters.contact_id) {
    return false;
  }
  if (filters.entreprise_id !== '' && facture.entreprise_id !== filters.entreprise_id) {
    return false;
  }
  if (!inPeriod(row.date, filters)) {
    return false;
  }
  switch (filters.statut as FactureFilterStatut) {
    case 'brouillon':
      return facture.statut === 'brouillon';
    case 'validee':
      return facture.statut === 'validee' && facture.type_facture !== 'avoir';
    case 'payee':
      return row.state === 'payee' || row.state === 'trop_percue';
    case 'partiellement_payee':
      return row.state === 'partiellement_payee' || (row.state === 'en_retard' && row.balance?.etat === 'partiellement_payee');
    case 'en_retard':
      return row.state === 'en_retard';
    case 'avoirs':
      return facture.type_facture === 'avoir';
    case 'tous':
      return true;
    default:
      return true;
  }
}

export interface TotalsRow {
  count: number;
  total_ht: number;
  total_ttc: number;
  /** What the validated invoices of the set still owe (overpayments count negative). */
  reste: number;
}

/** The totals row under a filtered list: credit notes count negative, drafts owe nothing yet. */
export function totalsRow(rows: readonly Pick<FactureRow, 'total_ht' | 'total_ttc' | 'balance'>[]): TotalsRow {
  return rows.reduce<TotalsRow>(
    (sum, row) => ({
      count: sum.count + 1,
      total_ht: sum.total_ht + row.total_ht,
      total_ttc: sum.total_ttc + row.total_ttc,
      reste: sum.reste + (row.balance?.reste ?? 0),
    }),
    { count: 0, total_ht: 0, total_ttc: 0, reste: 0 },
  );
}

export interface DevisRow {
  devis: Devis;
  numero: string;
  date: string;
  total_ht: number;
  total_ttc: number;
  /** Its status today: a sent quote past its validity is shown expired. */
  statut: DevisStatut;
}

export function devisRow(devis: Devis, today: string, numberOf: NumberOf): DevisRow {
  const { total_ht, total_ttc } = safeTotals({ lignes: devis.lignes, regime_tva: devis.regime_tva });
  return {
    devis,
    numero: numberOf(devis),
    date: devis.date_devis,
    total_ht,
    total_ttc,
    statut: devisStatutOn(devis.statut, devis.date_validite, today),
  };
}

export function matchesDevis(row: DevisRow, filters: DocumentFilters): boolean {
  const { devis } = row;
  return (
    (filters.statut === 'tous' || filters.statut === '' || row.statut === filters.statut) &&
    (filters.contact_id === '' || devis.contact_id === filters.contact_id) &&
    (filters.entreprise_id === '' || devis.entreprise_id === filters.entreprise_id) &&
    inPeriod(row.date, filters)
  );
}

/** Newest first: by date, then by number. */
export function byDateDesc<R extends { date: string; numero: string }>(a: R, b: R): number {
  return b.date.localeCompare(a.date) || b.numero.localeCompare(a.numero);
}

/** A day `YYYY-MM-DD` in the user's language (`28/11/2026` in French); empty stays empty. */
export function formatDay(day: string | undefined, language: string): string {
  if (day === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return day ?? '';
  }
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(year, month - 1, date));
}
