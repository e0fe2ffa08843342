import { collectionAccess, hiddenFields, projectDocument, type PermissionMap } from '@relais/domain';
import type { CollectionName } from '@relais/schema';
import type { Refusal } from '@relais/sync-protocol';
import { and, asc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Context } from 'hono';
import { clientIp } from '../auth/http';
import { assertPermission } from '../auth/middleware';
import type { Authenticated } from '../auth/service';
import type { Db } from '../db/client';
import { collectionTables } from '../db/tables';
import { ApiError } from '../http/errors';
import type { Doc } from '../replication/documents';
import type { DocumentAudit, ReplicationStore, WriteContext } from '../replication/store';
import { validationError, type Json } from './rest-documents';

export interface Stored {
  doc: Doc;
  audit: DocumentAudit;
}

/** A store refusal as the HTTP answer TomatoPlan's clients understand; `detail` is the refusal's message. */
export function refusalError(refusal: Refusal): ApiError {
  const details = { reason: refusal.code, id: refusal.id };
  switch (refusal.code) {
    case 'FORBIDDEN':
    case 'PLANNING_FORCE_FORBIDDEN':
    case 'PAST_PLANNING_LOCKED':
      return new ApiError('FORBIDDEN', refusal.message, details);
    case 'DUPLICATE_VALUE':
    case 'PLANNING_CONFLICT':
      return new ApiError('CONFLICT', refusal.message, details);
    default:
      return new ApiError('DOMAIN_RULE', refusal.message, details);
  }
}

function concurrentChange(): ApiError {
  return new ApiError('CONFLICT', 'Modifié en même temps par un autre utilisateur : rechargez et recommencez.', { reason: 'CONCURRENT_CHANGE' });
}

/** A column of a collection table by field name (the tables are derived from the schema at run time). */
export function column(collection: CollectionName, field: string): SQLiteColumn {
  const columns = getTableColumns(collectionTables[collection]) as Record<string, SQLiteColumn>;
  const found = columns[field];
  if (!found) {
    throw new Error(`${collection}: colonne inconnue ${field}`);
  }
  return found;
}

/** The server's columns beside a document's fields. */
const bookkeeping = new Set(['_seq', '_server_updated_at', '_updated_by', '_created_at', '_created_by']);

export interface ListOptions {
  where?: (SQL | undefined)[];
  orderBy?: string[];
  offset?: number;
  limit?: number;
}

/**
 * Reads and writes of the TomatoPlan API for one request's user. Every write is a `store.push`, so
 * it is validated, authorized, checked by the planning guards, logged and streamed to the PWAs.
 */
export function restStore(db: Db, store: ReplicationStore, c: Context, authenticated: Authenticated) {
  const permissions: PermissionMap = authenticated.permissions;
  const context: WriteContext = {
    actor: authenticated.user.username,
    source: 'rest',
    permissions,
    hostname: authenticated.session.hostname,
    ip: clientIp(c),
  };

  function find(collection: CollectionName, id: string): Stored | undefined {
    const found = store.getWithAudit(collection, id.toLowerCase());
    return found && !found.doc._deleted ? found : undefined;
  }

  function get(collection: CollectionName, id: string, notFound: string): Stored {
    const found = find(collection, id);
    if (!found) {
      throw new ApiError('NOT_FOUND', notFound, { id });
    }
    return found;
  }

  function list(collection: CollectionName, options: ListOptions = {}): Stored[] {
    const conditions = [eq(column(collection, '_deleted'), false), ...(options.where ?? [])];
    let query = db
      .select()
      .from(collectionTables[collection])
      .where(and(...conditions))
      .orderBy(...(options.orderBy ?? ['id']).map((field) => asc(column(collection, field))))
      .$dynamic();
    if (options.limit !== undefined) {
      query = query.limit(options.limit).offset(options.offset ?? 0);
    }
    return (query.all() as Json[]).map((row) => rowToStored(row));
  }

  function rowToStored(row: Json): Stored {
    const doc: Json = {};
    for (const field in row) {
      const value = row[field];
      if (!bookkeeping.has(field) && value !== null && value !== undefined) {
        doc[field] = value;
      }
    }
    const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
    return {
      doc: doc as Doc,
      audit: {
        created_at: text(row['_created_at']),
        created_by: text(row['_created_by']),
        updated_at: String(row['_server_updated_at']),
        updated_by: text(row['_updated_by']),
      },
    };
  }

  function pushRows(collection: CollectionName, rows: { assumedMasterState?: Doc; newDocumentState: Doc }[]) {
    const outcome = store.push(collection, rows, context);
    if (!outcome.ok) {
      const first = outcome.issues[0];
      throw validationError(first ? `${first.path.slice(2).join('.')} — ${first.message}` : collection, outcome.issues);
    }
    return outcome;
  }

  /**
   * Writes one document: `change` gets the current state as this user may see it (undefined for a
   * create) and returns the next one. A concurrent change is retried once on the fresh state.
   */
  function save(collection: CollectionName, id: string, change: (current: Doc | undefined) => Json): Stored {
    assertPermission(authenticated, collectionAccess[collection].write);
    const hidden = hiddenFields(collection, permissions);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const stored = store.get(collection, id);
      // The schemas are strict: the edit callbacks get the document without the tombstone flag.
      const { _deleted: _flag, ...live } = stored && !stored._deleted ? projectDocument(stored, hidden) : { _deleted: true };
      const current = stored && !stored._deleted ? (live as Doc) : undefined;
      const next = change(current);
      const assumed = stored ? projectDocument(stored, hidden) : undefined;
      const base = { ...next, rev: Number(stored?.rev ?? 0) + 1 };
      const newDocumentState = { ...base, id, updated_at: new Date().toISOString(), _deleted: next['_deleted'] === true } as Doc;
      const outcome = pushRows(collection, [assumed ? { assumedMasterState: assumed, newDocumentState } : { newDocumentState }]);
      const refusal = outcome.refused[0];
      if (refusal) {
        throw refusalError(refusal);
      }
      const saved = store.getWithAudit(collection, id);
      if (outcome.conflicts.length === 0 && saved) {
        return saved;
      }
    }
    throw concurrentChange();
  }

  /** Creates several documents in one push (one transaction); refused ones answer with the first refusal. */
  function createMany(collection: CollectionName, docs: Json[]): { written: Stored[]; refused: Refusal[] } {
    assertPermission(authenticated, collectionAccess[collection].write);
    const at = new Date().toISOString();
    const rows = docs.map((doc) => ({ newDocumentState: { ...doc, rev: 1, updated_at: at, _deleted: false } }));
    const outcome = pushRows(collection, rows);
    const refusedIds = new Set(outcome.refused.map((refusal) => refusal.id));
    const written = docs
      .map((doc) => String(doc['id']))
      .filter((id) => !refusedIds.has(id))
      .map((id) => find(collection, id))
      .filter((found): found is Stored => found !== undefined);
    return { written, refused: outcome.refused };
  }

  function remove(collection: CollectionName, id: string, notFound: string): void {
    get(collection, id, notFound);
    save(collection, id, (current) => {
      if (!current) {
        throw new ApiError('NOT_FOUND', notFound, { id });
      }
      return { ...current, _deleted: true };
    });
  }

  return { permissions, context, find, get, list, save, createMany, remove, rowToStored };
}

export type RestStore = ReturnType<typeof restStore>;
