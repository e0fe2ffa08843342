import { toThousandths } from '@relais/domain';
import type { Adresse, ConditionsPaiement } from '@relais/schema';

/**
 * French number formats for printed documents, in integer arithmetic (no float on the way from cents
 * to text). Digits are grouped by three with a no-break space and "€" is glued with a no-break space
 * too, so an amount never splits across two lines: `123456` → `1 234,56 €`. The web app's
 * `formatEuros` (Intl) prints the same figures on screen; this one is the PDFs' own, kept here so
 * the package needs neither the DOM nor Intl's locale data.
 */
export const NBSP = '\u00a0';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** Cents as euros: `123456` → `1 234,56 €`, `-500` → `-5,00 €`. */
export function formatEurosFr(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`montant ${cents} : nombre entier de centimes attendu`);
  }
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const euros = Math.floor(magnitude / 100);
  const rest = magnitude % 100;
  return `${sign}${groupThousands(String(euros))},${String(rest).padStart(2, '0')}${NBSP}€`;
}

/** A rate in basis points as a percentage: `2000` → `20 %`, `550` → `5,5 %`, `1215` → `12,15 %`. */
export function formatRateBp(bp: number): string {
  const whole = Math.floor(bp / 100);
  const decimals = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${decimals === '' ? '' : `,${decimals}`}${NBSP}%`;
}

/** A quantity with up to three decimals: `2` → `2`, `2.5` → `2,5`, `-1234.125` → `-1 234,125`. */
export function formatQuantity(quantity: number): string {
  const thousandths = toThousandths(quantity);
  const sign = thousandths < 0 ? '-' : '';
  const magnitude = Math.abs(thousandths);
  const decimals = String(magnitude % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${sign}${groupThousands(String(Math.floor(magnitude / 1000)))}${decimals === '' ? '' : `,${decimals}`}`;
}

/** A calendar day `YYYY-MM-DD` as `dd/mm/yyyy`. */
export function formatDateFr(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) {
    throw new RangeError(`date ${day} : AAAA-MM-JJ attendu`);
  }
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** `123456789` → `123 456 789`; a SIRET `12345678900012` → `123 456 789 00012`. */
export function formatSiren(value: string): string {
  return value.length === 14 ? `${formatSiren(value.slice(0, 9))} ${value.slice(9)}` : value.replace(/(\d{3})(?=\d)/g, '$1 ');
}

/** An IBAN in groups of four: `FR7630006000011234567890189` → `FR76 3000 6000 0112 3456 7890 189`. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Payment terms in words: `à réception`, `30 jours`, `45 jours fin de mois`. */
export function formatTerms(terms: ConditionsPaiement): string {
  if (terms.jours === 0) {
    return terms.fin_de_mois ? 'fin de mois' : 'à réception';
  }
  return `${terms.jours} jours${terms.fin_de_mois ? ' fin de mois' : ''}`;
}

/** An address as printed lines; the country only when it is not France. */
export function addressLines(adresse: Adresse): string[] {
  const lines = [adresse.ligne1];
  if (adresse.ligne2 !== undefined && adresse.ligne2.trim() !== '') {
    lines.push(adresse.ligne2);
  }
  lines.push(`${adresse.code_postal} ${adresse.ville}`);
  if (adresse.pays !== undefined && adresse.pays.trim() !== '' && adresse.pays.trim().toLowerCase() !== 'france') {
    lines.push(adresse.pays);
  }
  return lines;
}
