import { hiddenFields, type PermissionMap } from '@relais/domain';
import { collections, type CollectionName } from '@relais/schema';
import { toFieldIssues } from '@relais/sync-protocol';
import { z } from 'zod';
import { ApiError } from '../http/errors';
import type { Doc } from '../replication/documents';
import type { DocumentAudit } from '../replication/store';

/** A TomatoPlan JSON object, as its clients send and receive it. */
export type Json = Record<string, unknown>;

/**
 * Cents fields shown and accepted in euros: TomatoPlan's clients speak euros with 2 decimals, Relais
 * keeps integer cents; the conversion happens here and nowhere else.
 */
const moneyFields: { [K in CollectionName]?: readonly string[] } = {
  missions: ['cout_sst', 'revenu'],
  revenus_palettes: ['revenu_par_palette'],
};

/** Fields the server manages; a client body never sets them. */
const managedFields = new Set(['id', 'rev', 'updated_at']);

export function toEuros(cents: number): number {
  return Math.round(cents) / 100;
}

export function toCents(euros: unknown, field: string): number {
  if (typeof euros !== 'number' || !Number.isFinite(euros)) {
    throw validationError(`${field} — montant en euros attendu`, [{ path: [field], code: 'invalid_type', message: 'montant en euros attendu' }]);
  }
  return Math.round(euros * 100);
}

/** zod's French messages, per parse: TomatoPlan's users read `detail` as is. */
export const frenchErrors = { error: z.locales.fr().localeError };

export function validationError(message: string, issues: unknown[] = []): ApiError {
  // 422 like FastAPI, whose clients test for it; the code stays the shared one.
  return new ApiError('VALIDATION_FAILED', `Données invalides : ${message}`, { issues }, 422);
}

const fieldsOf = new Map<CollectionName, readonly string[]>();

/** The collection's fields, read once: the zod shape is a getter that builds a new object on each read. */
function schemaFields(collection: CollectionName): readonly string[] {
  let fields = fieldsOf.get(collection);
  if (!fields) {
    fields = Object.keys(collections[collection].schema.shape);
    fieldsOf.set(collection, fields);
  }
  return fields;
}

/** The sst's embedded tariffs with euros for cents. */
function tarifsInEuros(tarifs: unknown): unknown {
  return Array.isArray(tarifs) ? tarifs.map((tarif: Json) => ({ ...tarif, prix: toEuros(Number(tarif['prix'])) })) : tarifs;
}

/**
 * A document as TomatoPlan answered it: every field present (null when empty), `uuid` beside `id`,
 * money in euros, the server's audit fields, and never a field hidden from the reader. The fields
 * shown are worked out once per reader, not per document (a week of missions is a thousand).
 */
export function documentPresenter(collection: CollectionName, permissions: PermissionMap): (doc: Doc, audit: DocumentAudit) => Json {
  const hidden = hiddenFields(collection, permissions);
  const shown = schemaFields(collection).filter((field) => !hidden.includes(field));
  const money = new Set(moneyFields[collection] ?? []);
  return (doc, audit) => {
    const out: Json = {};
    for (const field of shown) {
      const value = doc[field] ?? null;
      out[field] = typeof value === 'number' && money.has(field) ? toEuros(value) : value;
    }
    if (collection === 'sst' && 'tarifs' in out) {
      out['tarifs'] = tarifsInEuros(out['tarifs'] ?? []);
    }
    out['uuid'] = doc.id;
    out['created_at'] = audit.created_at;
    out['created_by'] = audit.created_by;
    out['updated_at'] = audit.updated_at;
    out['updated_by'] = audit.updated_by;
    return out;
  };
}

/** One document as TomatoPlan answered it (see `documentPresenter`). */
export function presentDocument(collection: CollectionName, doc: Doc, audit: DocumentAudit, permissions: PermissionMap): Json {
  return documentPresenter(collection, permissions)(doc, audit);
}

export function asObject(body: unknown): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError('un objet JSON est attendu');
  }
  return body as Json;
}

/**
 * The collection fields of a client body: unknown keys are ignored (as Pydantic does), money is
 * converted to cents, and null means "no value" (`null` entries stay so an update can clear a field).
 */
export function inputFields(collection: CollectionName, body: Json): Json {
  const money = new Set(moneyFields[collection] ?? []);
  const out: Json = {};
  for (const field of schemaFields(collection)) {
    if (managedFields.has(field) || !(field in body)) {
      continue;
    }
    const value = body[field];
    out[field] = value === null || !money.has(field) ? value : toCents(value, field);
  }
  return out;
}

/** Applies input fields to a document: null removes an optional field. */
export function mergeFields(base: Json, fields: Json): Json {
  const merged: Json = { ...base };
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined) {
      delete merged[field];
    } else {
      merged[field] = value;
    }
  }
  return merged;
}

/** Checks a full document against the shared zod schema; 422 with the first problem in French otherwise. */
export function checkSchema(collection: CollectionName, doc: Json, prefix: (string | number)[] = []): void {
  const parsed = collections[collection].schema.safeParse(doc, frenchErrors);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error.issues, prefix);
    const first = issues[0];
    throw validationError(first ? `${first.path.join('.')} — ${first.message}` : collection, issues);
  }
}

/** The id a client gave (`id`, or TomatoPlan's `uuid`), when it is a UUID; Relais creates one otherwise. */
export function clientId(body: Json): string | undefined {
  const candidate = body['uuid'] ?? body['id'];
  return typeof candidate === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(candidate) ? candidate.toLowerCase() : undefined;
}
