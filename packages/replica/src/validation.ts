import { collections } from '@relais/schema';
import { wrappedValidateStorageFactory, type RxJsonSchema, type RxValidationError } from 'rxdb';
import type { z } from 'zod';

/** Fields RxDB adds to every stored document; they are not part of a collection's contract. */
const storageFields = new Set(['_deleted', '_rev', '_meta', '_attachments']);

function fieldsKey(version: number, fields: Iterable<string>): string {
  return `${version}|${[...fields].filter((field) => !storageFields.has(field)).sort().join(',')}`;
}

/** Each collection's zod schema, found from the RxDB schema derived from it (same version, same fields). */
const schemaByFields = new Map<string, z.ZodType>(
  Object.values(collections).map((definition) => [fieldsKey(definition.jsonSchema.version, Object.keys(definition.jsonSchema.properties)), definition.schema]),
);

const noIssues = (): RxValidationError[] => [];

/**
 * The validator of one storage instance: the collection's own zod schema (the contract the server
 * checks too), so local writes get the same verdicts offline as online. RxDB's internal stores and
 * the stores of older schema versions met during a migration are not ours to validate.
 */
export function zodValidator(schema: RxJsonSchema<unknown>): (doc: Record<string, unknown>) => RxValidationError[] {
  const contract = schemaByFields.get(fieldsKey(schema.version, Object.keys(schema.properties)));
  if (contract === undefined) {
    return noIssues;
  }
  return (doc) => {
    const fields = Object.fromEntries(Object.entries(doc).filter(([field]) => !storageFields.has(field)));
    const parsed = contract.safeParse(fields);
    return parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
  };
}

/**
 * Validates every write to the local replica. zod rather than RxDB's ajv plugin: ajv compiles its
 * validators with `new Function`, which the Content-Security-Policy (no `unsafe-eval`) forbids.
 */
export const wrappedValidateZodStorage = wrappedValidateStorageFactory(zodValidator, 'zod');
