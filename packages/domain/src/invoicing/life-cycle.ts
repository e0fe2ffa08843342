import type { devisStatutValues, factureStatutValues } from '@relais/schema';
import { addDays, dateOfDay, dayNumber } from '../planning/calendar';

export type DevisStatut = (typeof devisStatutValues)[number];

/** What a quote may become: a sent quote is accepted, refused or lapses; the three are final. */
const devisTransitions: Record<DevisStatut, readonly DevisStatut[]> = {
  brouillon: ['envoye'],
  envoye: ['accepte', 'refuse', 'expire'],
  accepte: [],
  refuse: [],
  expire: [],
};

export function canChangeDevis(from: DevisStatut, to: DevisStatut): boolean {
  return devisTransitions[from].includes(to);
}

/**
 * Whether a quote may go from `from` to `to` through allowed steps: a PC offline records each step,
 * but the server may receive only the last state (brouillon → accepté, sent then accepted).
 */
export function canReachDevis(from: DevisStatut, to: DevisStatut): boolean {
  const seen = new Set<DevisStatut>([from]);
  const queue: DevisStatut[] = [from];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const next of devisTransitions[current]) {
      if (next === to) {
        return true;
      }
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

/** A sent quote past its validity day is expired, even before anyone records it. */
export function devisStatutOn(statut: DevisStatut, validite: string | undefined, today: string): DevisStatut {
  return statut === 'envoye' && validite !== undefined && today > validite ? 'expire' : statut;
}

/** Only an accepted quote becomes an invoice (or a deposit invoice). */
export function mayInvoiceDevis(statut: DevisStatut): boolean {
  return statut === 'accepte';
}

/** A draft is edited freely; a validated invoice (or credit note) is never edited nor deleted again (`judgeFactureWrite`). */
export type FactureStatut = (typeof factureStatutValues)[number];

/** What the invoice's payments say, from its amount due and what was paid and credited (cents). */
export type EtatPaiement = 'non_payee' | 'partiellement_payee' | 'payee' | 'trop_percue';

export function paymentState(totalTtc: number, paid: number, credited = 0): EtatPaiement {
  const due = totalTtc - credited;
  if (paid > due) {
    return 'trop_percue';
  }
  if (paid === due) {
    return 'payee';
  }
  return paid > 0 ? 'partiellement_payee' : 'non_payee';
}

/** Payment terms: a number of days, optionally to the end of the month reached ("45 jours fin de mois"). */
export interface PaymentTerms {
  jours: number;
  fin_de_mois: boolean;
}

/** The due date of an invoice issued on `issued` under `terms`. */
export function dueDate(issued: string, terms: PaymentTerms): string {
  const reached = addDays(issued, terms.jours);
  if (!terms.fin_de_mois) {
    return reached;
  }
  const [year = 1970, month = 1] = reached.split('-').map(Number);
  const firstOfNext = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return dateOfDay(dayNumber(firstOfNext) - 1);
}

/** A validated invoice still owed after its due date. */
export function isOverdue(statut: FactureStatut, due: string, today: string, etat: EtatPaiement): boolean {
  return statut === 'validee' && today > due && (etat === 'non_payee' || etat === 'partiellement_payee');
}
