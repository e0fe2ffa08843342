import { sameValue } from '@relais/sync-protocol';
import { issueMessage, type FieldFormat, type FieldMessage, type IssueLike } from '../i18n/errors';

/** The message to show next to each field, by field name. */
export type FieldErrors = Partial<Record<string, FieldMessage>>;

/** Placeholder bookkeeping fields so a form's values can be checked against the full schema. */
export const placeholderBase = {
  id: '00000000-0000-4000-8000-000000000000',
  rev: 1,
  updated_at: '2000-01-01T00:00:00.000Z',
} as const;

/** The first schema issue of each field, as a translatable message. */
export function schemaFieldErrors(
  issues: readonly IssueLike[],
  values: object,
  formats: Partial<Record<string, FieldFormat>> = {},
): FieldErrors {
  const input = values as Record<string, unknown>;
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field !== 'string' || errors[field] !== undefined) {
      continue;
    }
    errors[field] = issueMessage(issue, formats[field], input[field]);
  }
  return errors;
}

/** An empty input clears an optional text field; anything else is kept exactly as typed. */
export function optionalText(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** An empty input clears an optional number; anything else must parse (the schema reports `NaN`). */
export function optionalNumber(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

export function numberInput(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** Drops properties set to `undefined` (absent optional fields). */
export function compact<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;
}

/**
 * The fields of `next` that differ from `current`, for `updateDocument`: a field that became empty
 * is included as `undefined` so it is cleared.
 */
export function changedFields<T extends object>(current: object, next: T, fields: readonly (keyof T & string)[]): Partial<T> {
  const patch: Partial<T> = {};
  const before = current as Record<string, unknown>;
  for (const field of fields) {
    if (!sameValue(before[field], next[field])) {
      patch[field] = next[field];
    }
  }
  return patch;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((error) => error !== undefined);
}
