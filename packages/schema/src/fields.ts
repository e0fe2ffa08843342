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

export function text(max: number): z.ZodString {
  return z.string().max(max);
}

/** A text that must not be blank. Never trimmed: the server stores exactly what the client sent. */
export function requiredText(max: number): z.ZodString {
  return z.string().min(1).max(max).regex(/\S/, 'ne doit pas être vide');
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
