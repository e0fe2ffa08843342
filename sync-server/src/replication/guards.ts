import { collections, type CollectionName } from '@relais/schema';
import type { RuleParams } from '@relais/sync-protocol';
import type Database from 'better-sqlite3';
import type { Doc } from './documents';
import type { WriteContext } from './store';

export interface WriteGuardInput {
  collection: CollectionName;
  /** The document as it will be stored (a tombstone for a deletion). */
  incoming: Doc;
  /** The stored document it replaces, if any. */
  existing: Doc | undefined;
  context: WriteContext;
  /** The write's timestamp (ISO 8601). */
  at: string;
  /** Facts read once for the whole push batch, shared by its documents. */
  batch: BatchFacts;
}

/** What the guards of one push batch (one transaction) read once and share. */
export interface BatchFacts {
  /**
   * `load()`'s result, loaded at the first call of the batch under `key`: only for facts the
   * batch's own writes cannot change (another collection's rows, the day), never its collection.
   */
  once<T>(key: string, load: () => T): T;
}

export function createBatchFacts(): BatchFacts {
  const facts = new Map<string, unknown>();
  return {
    once<T>(key: string, load: () => T): T {
      if (facts.has(key)) {
        return facts.get(key) as T;
      }
      const value = load();
      facts.set(key, value);
      return value;
    },
  };
}

export type WriteGuardVerdict =
  | {
      ok: true;
      /** Kept in the activity log beside the write (a forced conflict and its reason). */
      note?: Record<string, unknown>;
      /**
       * Fields the server sets on the document it stores (derived amounts, a definitive number); an
       * `undefined` value removes the field. The writer gets the stored state back at once.
       */
      set?: Record<string, unknown>;
      /** Why the server changed what the writer asked (a validation deferred), told to the writer. */
      notice?: { code: string; message: string; params?: RuleParams };
      /**
       * Server-completed fields of other documents that follow this one (an invoice marks the
       * missions it bills): written in the same transaction, only if this document is written,
       * each stamped, logged and streamed like any write.
       */
      linked?: LinkedWrite[];
    }
  | { ok: false; code: string; message: string; params?: RuleParams };

/** Fields the server sets on another stored document (an `undefined` value removes the field). */
export interface LinkedWrite {
  collection: CollectionName;
  id: string;
  set: Record<string, unknown>;
}

/**
 * A rule that needs the database, run inside the write transaction for each document, after the
 * schema, the rights and the document's own rules. A refusal sends the server state back to the
 * writer with the reason; nothing of that document is written.
 */
export type WriteGuard = (input: WriteGuardInput) => WriteGuardVerdict;

const accepted: WriteGuardVerdict = { ok: true };

/** No two live documents share a value of a collection's `uniqueFields` (a chauffeur's `code`…). */
export function uniqueFieldsGuard(sqlite: Database.Database): WriteGuard {
  const statements = new Map<string, Database.Statement<[unknown, string], { id: string }>>();
  const statementFor = (collection: string, field: string) => {
    const key = `${collection}.${field}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = sqlite.prepare(`SELECT id FROM "${collection}" WHERE "${field}" = ? AND "_deleted" = 0 AND id <> ? LIMIT 1`);
      statements.set(key, statement);
    }
    return statement;
  };
  return ({ collection, incoming }) => {
    if (incoming._deleted) {
      return accepted;
    }
    for (const field of collections[collection].uniqueFields ?? []) {
      const value = incoming[field];
      if (value === undefined || value === null) {
        continue;
      }
      if (statementFor(collection, field).get(value, String(incoming['id']))) {
        return { ok: false, code: 'DUPLICATE_VALUE', message: `${field} « ${JSON.stringify(value)} » est déjà utilisé` };
      }
    }
    return accepted;
  };
}
