/**
 * Definitive numbers of invoices and credit notes: one gap-free series per issuing company and
 * document type, assigned by the server when a draft is validated. A format is text with tokens:
 * `{YYYY}` (year of validation), `{YY}`, `{MM}`, and `{0…0}` (the sequence number, zero-padded to
 * as many digits as zeros, e.g. `FA-{YYYY}-{00000}` → `FA-2026-00042`).
 */

const tokenPattern = /\{(YYYY|YY|MM|0+)\}/g;

export interface NumberingIssue {
  code: 'NUMEROTATION_SANS_SEQUENCE' | 'NUMEROTATION_JETON_INCONNU' | 'NUMEROTATION_TROP_LONGUE';
  message: string;
}

/** What is wrong with a numbering format, if anything (exactly one sequence token, known tokens only). */
export function checkNumberingFormat(format: string): NumberingIssue[] {
  const issues: NumberingIssue[] = [];
  const sequences = [...format.matchAll(tokenPattern)].filter((match) => match[1]?.startsWith('0'));
  if (sequences.length !== 1) {
    issues.push({ code: 'NUMEROTATION_SANS_SEQUENCE', message: 'Le format doit contenir une et une seule séquence, par exemple {00000}' });
  }
  const unknown = format.replace(tokenPattern, '').match(/\{[^}]*\}/);
  if (unknown) {
    issues.push({ code: 'NUMEROTATION_JETON_INCONNU', message: `Jeton inconnu dans le format : ${unknown[0]}` });
  }
  if (format.length > 40) {
    issues.push({ code: 'NUMEROTATION_TROP_LONGUE', message: 'Le format ne doit pas dépasser 40 caractères' });
  }
  return issues;
}

/** The number `sequence` of a series in `format`, for a document validated on `date` (`YYYY-MM-DD`). */
export function formatDocumentNumber(format: string, sequence: number, date: string): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`numéro de séquence invalide : ${sequence}`);
  }
  const [year = '', month = ''] = date.split('-');
  return format.replace(tokenPattern, (_, token: string) => {
    switch (token) {
      case 'YYYY':
        return year;
      case 'YY':
        return year.slice(2);
      case 'MM':
        return month;
      default:
        return String(sequence).padStart(token.length, '0');
    }
  });
}

/**
 * The series a number belongs to: the format with its date tokens filled. Formats with `{YYYY}`
 * restart at 1 each year; the server keeps one counter per company, document type and series key.
 */
export function seriesKey(format: string, date: string): string {
  const [year = '', month = ''] = date.split('-');
  return format.replace(tokenPattern, (_, token: string) => (token === 'YYYY' ? year : token === 'YY' ? year.slice(2) : token === 'MM' ? month : '#'));
}
