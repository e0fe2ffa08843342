import { dayNumber, displayNumber, documentTotals, invoiceBalance, isOverdue, type NumberedDocument } from '@relais/domain';
import type { Contact, Facture, Reglement } from '@relais/schema';

/** Turnover excl. VAT of one calendar month (`YYYY-MM`), in cents. */
export interface MonthTurnover {
  month: string;
  ht: number;
}

/** An overdue invoice to chase. */
export interface Reminder {
  factureId: string;
  numero: string;
  client: string;
  dateEcheance: string;
  joursRetard: number;
  /** Still owed, TTC, in cents. */
  reste: number;
}

export interface DashboardFigures {
  /** The last 12 months, oldest first, ending with today's. */
  months: MonthTurnover[];
  /** Still owed on validated invoices and deposit invoices (TTC, cents). */
  unpaidTotal: number;
  unpaidCount: number;
  overdueTotal: number;
  overdueCount: number;
  /** Overdue invoices, the latest first. */
  reminders: Reminder[];
}

export interface DashboardInput {
  factures: readonly Facture[];
  reglements: readonly Pick<Reglement, 'facture_id' | 'montant'>[];
  contacts: readonly Pick<Contact, 'id' | 'nom' | 'prenom'>[];
  /** `YYYY-MM-DD`. */
  today: string;
  /** One issuing company; all of them when absent. */
  entrepriseId?: string | undefined;
  /** How an invoice is named in the user's language (`useDocumentNumber`); French labels when absent. */
  numberOf?: ((doc: NumberedDocument) => string) | undefined;
}

/** The 12 months ending with `today`'s, as `YYYY-MM`, oldest first. */
export function lastTwelveMonths(today: string): string[] {
  const [year = 1970, month = 1] = today.split('-').map(Number);
  return Array.from({ length: 12 }, (_, index) => {
    const offset = year * 12 + (month - 1) - (11 - index);
    return `${Math.floor(offset / 12)}-${String((offset % 12) + 1).padStart(2, '0')}`;
  });
}

/** The day a validated document counts on: its invoice date (given by the server at validation). */
function dayOf(facture: Facture): string | undefined {
  return facture.date_facture ?? facture.validee_le?.slice(0, 10);
}

/**
 * The invoicing dashboard's figures, from the documents of the store and today's date: turnover
 * excl. VAT per month (validated invoices and deposit invoices, less validated credit notes, from
 * `documentTotals`), what is still owed, and the overdue invoices (`invoiceBalance`, `isOverdue`).
 */
export function dashboardFigures(input: DashboardInput): DashboardFigures {
  const validated = input.factures.filter(
    (facture) => facture.statut === 'validee' && (input.entrepriseId === undefined || facture.entreprise_id === input.entrepriseId),
  );
  const months = lastTwelveMonths(input.today);
  const byMonth = new Map(months.map((month) => [month, 0]));
  for (const facture of validated) {
    const month = dayOf(facture)?.slice(0, 7);
    if (month !== undefined && byMonth.has(month)) {
      // A credit note's total is negative: it is subtracted.
      byMonth.set(month, (byMonth.get(month) ?? 0) + documentTotals(facture.lignes, facture.regime_tva).total_ht);
    }
  }

  const paid = new Map<string, Pick<Reglement, 'montant'>[]>();
  for (const reglement of input.reglements) {
    paid.set(reglement.facture_id, [...(paid.get(reglement.facture_id) ?? []), reglement]);
  }
  const avoirs = new Map<string, Facture[]>();
  for (const avoir of validated) {
    if (avoir.type_facture === 'avoir' && avoir.facture_origine_id !== undefined) {
      avoirs.set(avoir.facture_origine_id, [...(avoirs.get(avoir.facture_origine_id) ?? []), avoir]);
    }
  }
  const names = new Map(input.contacts.map((contact) => [contact.id, contact.prenom ? `${contact.prenom} ${contact.nom}` : contact.nom]));

  let unpaidTotal = 0;
  let unpaidCount = 0;
  const reminders: Reminder[] = [];
  for (const facture of validated) {
    if (facture.type_facture === 'avoir') {
      continue;
    }
    const balance = invoiceBalance(facture, paid.get(facture.id) ?? [], avoirs.get(facture.id) ?? []);
    if (balance.etat !== 'non_payee' && balance.etat !== 'partiellement_payee') {
      continue;
    }
    unpaidTotal += balance.reste;
    unpaidCount += 1;
    const due = facture.date_echeance;
    if (due !== undefined && isOverdue(facture.statut, due, input.today, balance.etat)) {
      reminders.push({
        factureId: facture.id,
        numero: (input.numberOf ?? displayNumber)(facture),
        client: names.get(facture.contact_id) ?? '—',
        dateEcheance: due,
        joursRetard: dayNumber(input.today) - dayNumber(due),
        reste: balance.reste,
      });
    }
  }
  reminders.sort((a, b) => b.joursRetard - a.joursRetard || a.numero.localeCompare(b.numero));
  return {
    months: months.map((month) => ({ month, ht: byMonth.get(month) ?? 0 })),
    unpaidTotal,
    unpaidCount,
    overdueTotal: reminders.reduce((sum, reminder) => sum + reminder.reste, 0),
    overdueCount: reminders.length,
    reminders,
  };
}
