/**
 * Definitive numbers of quotes, invoices and credit notes: one series per issuing company and
 * document type, assigned by the server (a quote when first stored, an invoice when validated). A
 * format is text with tokens: `{YYYY}` (year of validation), `{YY}`, `{MM}`, and `{0…0}` (the
 * sequence number, zero-padded to as many digits as zeros, e.g. `FA-{YYYY}-{00000}` →
 * `FA-2026-00042`). A number is never given twice in a company, whatever its formats were over
 * time: the server keeps every number it gave and skips those already taken.
 */
import { startsLikeFormula } from '../csv';

const tokenPattern = /\{(YYYY|YY|MM|0+)\}/g;

/** The three numbered kinds of document: quotes, invoices (deposits included), credit notes. */
export type NumberingKind = 'devis' | 'facture' | 'avoir';
export const numberingKinds: readonly NumberingKind[] = ['devis', 'facture', 'avoir'];

export interface NumberingIssue {
  code:
    | 'NUMEROTATION_SANS_SEQUENCE'
    | 'NUMEROTATION_JETON_INCONNU'
    | 'NUMEROTATION_TROP_LONGUE'
    | 'NUMEROTATION_DEBUT_FORMULE'
    | 'NUMEROTATION_FORMATS_CONFONDUS';
  message: string;
  /** With `NUMEROTATION_FORMATS_CONFONDUS`: the kind of document whose numbers this format can write. */
  other?: NumberingKind;
}

/**
 * What is wrong with a numbering format, if anything: exactly one sequence token, known tokens
 * only, 40 characters at most, and no start a spreadsheet reads as a formula (`=`, `+`, `-`, `@`):
 * the CSV exports would have to alter such a number to neutralise it.
 */
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
  if (startsLikeFormula(format)) {
    issues.push({ code: 'NUMEROTATION_DEBUT_FORMULE', message: 'Un numéro ne commence pas par =, +, - ou @ : un tableur le prendrait pour une formule' });
  }
  return issues;
}

const kindLabels: Record<NumberingKind, string> = { devis: 'devis', facture: 'factures', avoir: 'avoirs' };

/**
 * What is wrong with a company's three formats: each format's own issues, then each pair of kinds
 * whose formats can write the same number (`formatsCanCollide`), named on both. One format alone
 * never writes a number twice: its date tokens have a fixed width, so its single sequence is read
 * back from the number unambiguously; what it wrote under earlier formats is the server's to skip.
 */
export function checkNumberingFormats(formats: Readonly<Record<NumberingKind, string>>): Record<NumberingKind, NumberingIssue[]> {
  const issues = { devis: checkNumberingFormat(formats.devis), facture: checkNumberingFormat(formats.facture), avoir: checkNumberingFormat(formats.avoir) };
  const valid = new Set(numberingKinds.filter((kind) => issues[kind].length === 0));
  for (const kind of valid) {
    for (const other of valid) {
      if (other !== kind && formatsCanCollide(formats[kind], formats[other])) {
        const [first, second] = numberingKinds.indexOf(kind) < numberingKinds.indexOf(other) ? [kind, other] : [other, kind];
        issues[kind].push({
          code: 'NUMEROTATION_FORMATS_CONFONDUS',
          other,
          message: `Les ${kindLabels[first]} (${formats[first]}) et les ${kindLabels[second]} (${formats[second]}) peuvent recevoir le même numéro : donnez à chacun un préfixe qui lui est propre, par exemple DE-, FA- et AV-`,
        });
      }
    }
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

/** One position of a written number: a given character, or any digit. */
type Cell = { kind: 'char'; char: string } | { kind: 'digit' };

interface FormatModel {
  cells: Cell[];
  /** The position, after the sequence's padding digits, where more digits may follow. */
  loopAt: number;
}

const digit: Cell = { kind: 'digit' };

/** The model of a format with exactly one sequence and known tokens (see `checkNumberingFormat`). */
function modelOf(format: string): FormatModel | undefined {
  const cells: Cell[] = [];
  let loopAt: number | undefined;
  let last = 0;
  for (const match of format.matchAll(tokenPattern)) {
    for (const char of format.slice(last, match.index)) {
      cells.push({ kind: 'char', char });
    }
    const token = match[1] ?? '';
    const width = token === 'YYYY' ? 4 : token.length;
    cells.push(...Array.from({ length: width }, () => digit));
    if (token.startsWith('0')) {
      if (loopAt !== undefined) {
        return undefined;
      }
      loopAt = cells.length;
    }
    last = match.index + match[0].length;
  }
  for (const char of format.slice(last)) {
    cells.push({ kind: 'char', char });
  }
  return loopAt === undefined ? undefined : { cells, loopAt };
}

function isDigitChar(char: string): boolean {
  return char >= '0' && char <= '9';
}

function cellsMeet(a: Cell, b: Cell): boolean {
  if (a.kind === 'digit') {
    return b.kind === 'digit' || isDigitChar(b.char);
  }
  return b.kind === 'digit' ? isDigitChar(a.char) : a.char === b.char;
}

/**
 * Whether two formats can write the same number, for some dates and sequence numbers: a walk
 * through both models at once, one character at a time, reaching both ends together. A model holds
 * the format's literal characters, the digits of its date tokens (`{YYYY}` four, `{YY}` and `{MM}`
 * two, any digit each) and its sequence `{0…0}`, at least as many digits as zeros (a longer
 * sequence is written whole). It writes a little more than the format ever does (year 0000,
 * sequence 000): it may refuse a pair real dates keep apart, never accept a pair that can collide.
 * Invalid formats (no single sequence) are not compared: `checkNumberingFormat` refuses them first.
 */
export function formatsCanCollide(first: string, second: string): boolean {
  const a = modelOf(first);
  const b = modelOf(second);
  if (!a || !b) {
    return false;
  }
  const seen = new Set<string>();
  const queue: [number, number][] = [[0, 0]];
  const visit = (i: number, j: number): void => {
    const key = `${i},${j}`;
    if (!seen.has(key)) {
      seen.add(key);
      queue.push([i, j]);
    }
  };
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    const [i, j] = state;
    if (i === a.cells.length && j === b.cells.length) {
      return true;
    }
    const cellA = a.cells[i];
    const cellB = b.cells[j];
    if (cellA && cellB && cellsMeet(cellA, cellB)) {
      visit(i + 1, j + 1);
    }
    // One sequence writes an extra digit while the other writes one of its own positions.
    if (i === a.loopAt && cellB && cellsMeet(digit, cellB)) {
      visit(i, j + 1);
    }
    if (j === b.loopAt && cellA && cellsMeet(cellA, digit)) {
      visit(i + 1, j);
    }
  }
  return false;
}
