import { z } from 'zod';

/** Primary keys are client-generated UUIDs so documents can be created offline. */
export const idField = z.uuid().max(36);

/** A reference to another collection's document (its `id`). */
export const refField = z.uuid().max(36);

/** Calendar day, `YYYY-MM-DD`. */
export const dateField = z
  .string()
  .length(10)
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date attendue au format AAAA-MM-JJ');

/**
 * Time of day `HH:MM`. Night runs that pass midnight belong to the day they start,
 * so the old planning tool allowed times up to 28:00.
 */
export const timeField = z
  .string()
  .length(5)
  .regex(/^(([01]\d|2[0-7]):[0-5]\d|28:00)$/, 'heure attendue au format HH:MM (00:00 à 28:00)');

/** Timestamp, ISO 8601 in UTC with milliseconds, as produced by `Date.prototype.toISOString`. */
export const timestampField = z
  .string()
  .max(30)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/, 'horodatage ISO 8601 UTC attendu');

/**
 * What no text may hold: a lone surrogate (UTF-16 that is not well formed has no UTF-8 form, so
 * SQLite would store other characters than the ones acknowledged, and the writer's next edit would
 * conflict) and control characters other than TAB, LF and CR (NUL, U+0001–U+001F, DEL, U+0080–U+009F:
 * invisible, cut C strings, come from a bad copy-paste or a hostile client). Line breaks and tabs are
 * allowed in every text: comments and notes are multi-line, and TomatoPlan's data carries them in
 * names too; a one-line input cannot type them. Written with code units rather than
 * `String.prototype.isWellFormed`, which older browsers the PWA supports lack.
 */
function forbiddenCodeUnitAt(value: string, index: number): boolean {
  const code = value.charCodeAt(index);
  if (code < 0x20) {
    return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  }
  if (code >= 0x7f && code <= 0x9f) {
    return true;
  }
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = value.charCodeAt(index + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  // A low surrogate is fine only right after a high one.
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = index > 0 ? value.charCodeAt(index - 1) : 0;
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

export const forbiddenTextMessage = 'caractère interdit : caractère de contrôle ou Unicode mal formé';

/** True when a text holds only characters that are stored and read back exactly as sent. */
export function isStorableText(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    if (forbiddenCodeUnitAt(value, index)) {
      return false;
    }
  }
  return true;
}

/**
 * The one rule for every text field (collections, REST and sign-in bodies): a string whose
 * characters are stored exactly as acknowledged. A refinement, which the derived RxDB JSON schema
 * does not carry: the collections' schemas and versions stay unchanged.
 */
export function storableText(): z.ZodString {
  return z.string().refine(isStorableText, { message: forbiddenTextMessage });
}

export function text(max: number): z.ZodString {
  return storableText().max(max);
}

/** A text that must not be blank. Never trimmed: the server stores exactly what the client sent. */
export function requiredText(max: number): z.ZodString {
  return storableText().min(1).max(max).regex(/\S/, 'ne doit pas être vide');
}

/**
 * Fields every replicated document carries.
 * `rev` is bumped by whoever edits the document (the client on each local edit, the server when it
 * changes a document itself), so a stale edit can be detected and the client can predict exactly
 * what the server stores. The server's sequence number lives beside the document, never inside it.
 */
export const baseFields = {
  id: idField,
  rev: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  updated_at: timestampField,
} as const;

/** Money: an integer number of euro cents, never a float. */
export type Cents = number;

/** A non-negative amount in euro cents (up to 100 million euros). */
export const centsField = z.number().int().min(0).max(10_000_000_000);
