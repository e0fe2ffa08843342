import { v5 as uuidv5 } from 'uuid';

/**
 * Fixed namespace of the importer's ids. Never change it: ids derive from it, so importing the same
 * folder again finds the documents of the first import instead of creating twins.
 */
const importNamespace = '6f1d9a52-3c1e-4b8a-9d57-2a0c4e7b5f31';

/** The id of the document imported from `key` (an old id, a name, a code) of a given kind. */
export function importId(kind: string, key: string): string {
  return uuidv5(`${kind}:${key}`, importNamespace);
}

/** A value that cannot be read as asked; the message is French and goes to the report. */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** Names typed by hand over years: compared without case, accents or repeated spaces. */
export function nameKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Optional text: numbers are accepted (a phone number saved as a number), blanks are absent. */
export function optionalText(value: unknown, field: string): string | undefined {
  if (isBlank(value)) {
    return undefined;
  }
  if (typeof value === 'string') {
    return value.trim();
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  throw new ValueError(`${field} : texte attendu, reçu ${describe(value)}`);
}

export function requiredString(value: unknown, field: string): string {
  const text = optionalText(value, field);
  if (text === undefined) {
    throw new ValueError(`${field} manquant`);
  }
  return text;
}

const trueWords = new Set(['true', 'vrai', 'oui', 'o', 'yes', 'y', '1', 'x']);
const falseWords = new Set(['false', 'faux', 'non', 'n', 'no', '0', '']);

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number' && (value === 0 || value === 1)) {
    return value === 1;
  }
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === '') {
      return undefined;
    }
    if (trueWords.has(word)) {
      return true;
    }
    if (falseWords.has(word)) {
      return false;
    }
  }
  throw new ValueError(`${field} : oui/non attendu, reçu ${describe(value)}`);
}

/** A number written by hand: `12`, `"12"`, `"12,5"`, `"1 250,00 €"`. */
export function optionalNumber(value: unknown, field: string): number | undefined {
  if (isBlank(value)) {
    return undefined;
  }
  if (typeof value === 'number') {
    if (Number.isFinite(value)) {
      return value;
    }
  } else if (typeof value === 'string') {
    const cleaned = value.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) {
      return Number(cleaned);
    }
  }
  throw new ValueError(`${field} : nombre attendu, reçu ${describe(value)}`);
}

export function optionalInteger(value: unknown, field: string): number | undefined {
  const number = optionalNumber(value, field);
  if (number !== undefined && !Number.isInteger(number)) {
    throw new ValueError(`${field} : nombre entier attendu, reçu ${describe(value)}`);
  }
  return number;
}

/**
 * Euros to integer cents. Rounded from the decimal text, not by float multiplication alone, so
 * 19,99 € is 1999 and never 1998.
 */
export function optionalCents(value: unknown, field: string): number | undefined {
  const euros = optionalNumber(value, field);
  if (euros === undefined) {
    return undefined;
  }
  if (euros < 0) {
    throw new ValueError(`${field} : montant négatif (${describe(value)})`);
  }
  return Math.round(Number((euros * 100).toFixed(6)));
}

/** `YYYY-MM-DD`, or the `JJ/MM/AAAA` the old tool showed. */
export function optionalDate(value: unknown, field: string): string | undefined {
  const text = optionalText(value, field);
  if (text === undefined) {
    return undefined;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    return text;
  }
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (french) {
    return `${french[3]}-${french[2]?.padStart(2, '0')}-${french[1]?.padStart(2, '0')}`;
  }
  throw new ValueError(`${field} : date attendue (AAAA-MM-JJ), reçu ${describe(value)}`);
}

/** `7:30`, `07h30`, `0730` → `07:30`; range checks (up to 28:00) are the schema's. */
export function optionalTime(value: unknown, field: string): string | undefined {
  const text = optionalText(value, field);
  if (text === undefined) {
    return undefined;
  }
  const match = /^(\d{1,2})\s*[:hH]?\s*(\d{2})?$/.exec(text);
  if (!match) {
    throw new ValueError(`${field} : heure attendue (HH:MM), reçu ${describe(value)}`);
  }
  return `${match[1]?.padStart(2, '0')}:${match[2] ?? '00'}`;
}

export function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'une liste';
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return `« ${String(value)} »`;
  }
  return typeof value === 'object' ? 'un objet' : typeof value;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's text, refusing what is not UTF-8 (a CSV saved by Excel in Windows-1252): reading it
 * anyway would store mangled accents in every name.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ValueError('fichier qui n’est pas en UTF-8 (enregistrez-le en UTF-8, « CSV UTF-8 » dans Excel)');
  }
}
