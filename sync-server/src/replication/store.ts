import { collectionNames, collections, type CollectionName } from '@relais/schema';
import { canWrite, checkDocument, hiddenFields, projectDocument, type PermissionMap } from '@relais/domain';
import {
  pushBodySchema,
  sameValue,
  toFieldIssues,
  withoutUndefined,
  type Checkpoint,
  type FieldIssue,
  type PullResponse,
  type Refusal,
  type Adjustment,
} from '@relais/sync-protocol';
import type Database from 'better-sqlite3';
import type { Db } from '../db/client';
import { databaseIdentityReader } from '../db/identity';
import { ApiError } from '../http/errors';
import { createRowMapper, type Doc, type RowMapper, type StoredRow } from './documents';
import type { CommittedChange, ReplicationEvents } from './events';
import { createBatchFacts, uniqueFieldsGuard, type LinkedWrite, type WriteGuard } from './guards';

/** Who writes, and through which path; recorded in the activity log. */
export interface WriteContext {
  actor: string | null;
  /** `server`: the server's own features writing on a user's behalf (e.g. recording an invoice's sending). */
  source: 'replication' | 'rest' | 'connector' | 'demo' | 'import' | 'server';
  /** The writer's permissions; absent for the server's own writers (connectors, imports, demo, server). */
  permissions?: PermissionMap | undefined;
  hostname?: string | null | undefined;
  ip?: string | null | undefined;
}

/** Fields that change on every edit and say nothing in a diff. */
const unchangedInDiff = new Set(['rev', 'updated_at']);

/** The fields an update changed, as `{ field: [before, after] }`. */
function compactDiff(before: Doc, after: Doc): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!unchangedInDiff.has(field) && !sameValue(before[field], after[field])) {
      diff[field] = [before[field] ?? null, after[field] ?? null];
    }
  }
  return diff;
}

export type PushOutcome =
  | {
      ok: true;
      conflicts: Doc[];
      written: number;
      refused: Refusal[];
      /** Written, but not as pushed: the stored state (as the writer may see it) and why. */
      adjusted: { doc: Doc; adjustment: Adjustment }[];
    }
  | { ok: false; code: 'VALIDATION_FAILED' | 'DOMAIN_RULE'; issues: FieldIssue[] };

function hasUndefined(doc: Doc): boolean {
  for (const key in doc) {
    if (doc[key] === undefined) {
      return true;
    }
  }
  return false;
}

function pickFields(doc: Doc, fields: readonly string[]): Partial<Doc> {
  return Object.fromEntries(fields.filter((field) => doc[field] !== undefined).map((field) => [field, doc[field]]));
}

interface PushRow {
  assumedMasterState?: Doc | undefined;
  newDocumentState: Doc;
}

interface CollectionStatements {
  /** Built once: building a zod schema per push costs more than validating the batch. */
  pushSchema: ReturnType<typeof pushBodySchema>;
  mapper: RowMapper;
  selectSince: Database.Statement<[number, number], StoredRow>;
  /** The table's `NOT NULL` columns. */
  required: ReadonlySet<string>;
  /** `pullJson`'s page statements, by the reader's hidden fields (a few sets: one per role). */
  jsonPages: Map<string, Database.Statement<[number, number], JsonPageRow>>;
  selectById: Database.Statement<[string], StoredRow>;
  /** The stored rows of the ids of a JSON array: a push batch's documents in one query. */
  selectByIds: Database.Statement<[string], StoredRow>;
  /** Positional: the document's `mapper.toValues`, then `_seq`, `_deleted`, `_server_updated_at`, `_updated_by`, `_created_at`, `_created_by`. */
  upsert: Database.Statement<[(string | number | null)[]]>;
}

export interface StoreOptions {
  /** Cross-document rules that need the database (planning conflicts, past days), run in the write transaction. */
  guards?: readonly WriteGuard[];
}

/** One page of `pullJson`: its documents' JSON, comma-separated, and the last sequence (null when empty). */
interface JsonPageRow {
  documents: Buffer | null;
  last: number | null;
}

const pageStart = Buffer.from('{"documents":[');

/** A SQL string literal. */
function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The SQL of one pull page as JSON, the same text as `JSON.stringify` of `pull`'s documents: fields in
 * column order, absent ones (NULL) left out (`NULL || …` is NULL; `json_quote(NULL)` is the
 * text `null`, a string never quotes to it), booleans from 0/1, JSON columns as
 * stored (the text `toRow` encoded), `_deleted` last. Reals that are whole numbers are written as
 * integers, as JavaScript does (SQLite would write `820.0`); others as SQLite's shortest round-trip
 * form, which parses to the same number. The aggregate's `ORDER BY` keeps the documents in sequence
 * order; the blob cast hands the UTF-8 bytes over without a JS string. One `concat` per document (it
 * skips the NULL members) and bare `json_quote` for the `NOT NULL` text and integer columns: 20 % less
 * of SQLite's time per page than a chain of `||` with a `coalesce` per member (bench/replication.bench.ts).
 */
function jsonPageSql(collection: CollectionName, mapper: RowMapper, hidden: ReadonlySet<string>, required: ReadonlySet<string>): string {
  const members = mapper.columns
    .filter((column) => !hidden.has(column.field))
    .map((column) => {
      const name = `"${column.field}"`;
      const key = sqlText(`${JSON.stringify(column.field)}:`);
      if (required.has(column.field) && (column.kind === 'text' || column.kind === 'integer')) {
        return `${key}, json_quote(${name}), ','`;
      }
      const value =
        column.kind === 'boolean'
          ? `CASE WHEN ${name} IS NULL THEN NULL WHEN ${name} = 1 THEN 'true' ELSE 'false' END`
          : column.kind === 'json'
            ? name
            : column.kind === 'real'
              ? `CASE WHEN ${name} = CAST(${name} AS INTEGER) AND abs(${name}) < 1e15 THEN CAST(CAST(${name} AS INTEGER) AS TEXT) ELSE nullif(json_quote(${name}), 'null') END`
              : `nullif(json_quote(${name}), 'null')`;
      return `${key} || ${value} || ','`;
    });
  const doc = `concat('{', ${members.join(', ')}, '"_deleted":', CASE "_deleted" WHEN 1 THEN 'true' ELSE 'false' END, '}')`;
  return `SELECT CAST(group_concat(doc, ',' ORDER BY "_seq") AS BLOB) AS documents, max("_seq") AS last
    FROM (SELECT ${doc} AS doc, "_seq" FROM "${collection}" WHERE "_seq" > ? ORDER BY "_seq" LIMIT ?)`;
}

function prepareStatements(sqlite: Database.Database, collection: CollectionName): CollectionStatements {
  const mapper = createRowMapper(collection);
  const fields = mapper.columns.map((mapping) => mapping.field);
  const all = [...fields, '_seq', '_deleted', '_server_updated_at', '_updated_by', '_created_at', '_created_by'];
  // Who created a document, and when, is written once.
  const keptOnUpdate = new Set(['id', '_created_at', '_created_by']);
  const quoted = (name: string): string => `"${name}"`;
  const columnList = all.map(quoted).join(', ');
  return {
    pushSchema: pushBodySchema(collections[collection].wireSchema),
    mapper,
    selectSince: sqlite.prepare(
      `SELECT ${columnList} FROM ${quoted(collection)} WHERE "_seq" > ? ORDER BY "_seq" LIMIT ?`,
    ),
    required: new Set(
      sqlite
        .prepare<[string], { name: string; notnull: number }>('SELECT name, "notnull" FROM pragma_table_info(?)')
        .all(collection)
        .filter((column) => column.notnull === 1)
        .map((column) => column.name),
    ),
    jsonPages: new Map(),
    selectById: sqlite.prepare(`SELECT ${columnList} FROM ${quoted(collection)} WHERE "id" = ?`),
    selectByIds: sqlite.prepare(`SELECT ${columnList} FROM ${quoted(collection)} WHERE "id" IN (SELECT value FROM json_each(?))`),
    upsert: sqlite.prepare<[(string | number | null)[]]>(
      `INSERT INTO ${quoted(collection)} (${columnList}) VALUES (${all.map(() => '?').join(', ')})
       ON CONFLICT("id") DO UPDATE SET ${all
         .filter((name) => !keptOnUpdate.has(name))
         .map((name) => `${quoted(name)} = excluded.${quoted(name)}`)
         .join(', ')}`,
    ),
  };
}

/**
 * The one server-side write path of every replicated collection: validate with the shared zod
 * schema → (authorize, once identity exists) → domain rules → write → stamp the server sequence →
 * activity log, all in one SQLite transaction. Replication push, REST routes, connectors and
 * imports all write through `push`.
 */
export function createReplicationStore(db: Db, events: ReplicationEvents, options: StoreOptions = {}) {
  const sqlite = db.$client;
  const guards: readonly WriteGuard[] = [uniqueFieldsGuard(sqlite), ...(options.guards ?? [])];
  const statements = Object.fromEntries(
    collectionNames.map((name) => [name, prepareStatements(sqlite, name)]),
  ) as Record<CollectionName, CollectionStatements>;
  const readSequence = sqlite.prepare<[], { value: number }>('SELECT value FROM sync_sequence WHERE id = 1');
  const writeSequence = sqlite.prepare<[number]>(
    'INSERT INTO sync_sequence (id, value) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value',
  );
  // One row per statement, the statement reused: measured faster than multi-row INSERTs, whose
  // hundreds of parameters cost more to bind than the rows to write.
  const logActivity = sqlite.prepare<
    [string, string | null, string, string, string, string, number, string | null, string | null, string | null]
  >(
    `INSERT INTO activity_log (at, actor, source, action, collection, document_id, seq, details, hostname, ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  /** Stores a document at `sequence` (`applyRows`' one write of a row). */
  const writeDocument = (target: CollectionStatements, doc: Doc, sequence: number, at: string, actor: string | null): void => {
    const values = target.mapper.toValues(doc);
    values.push(sequence, doc._deleted ? 1 : 0, at, actor, at, actor);
    target.upsert.run(values);
  };

  function currentSequence(): number {
    return readSequence.get()?.value ?? 0;
  }

  /** Read each time: a restore, even by another process, gives the database a new identity. */
  const databaseIdentity = databaseIdentityReader(sqlite);

  /** The last sequence this process wrote or saw; a higher one in the database came from elsewhere. */
  let knownSequence = currentSequence();
  let knownIdentity = databaseIdentity();

  /** Set while a restore runs: pushes are refused (503) and retried by the clients. */
  let writesSuspended: string | undefined;

  /**
   * True once per batch of writes made by another process on the same database (`relais demo`, an
   * import, a restore): the caller then asks the open streams to pull again.
   */
  function noticeExternalWrites(): boolean {
    const identity = databaseIdentity();
    const sequence = currentSequence();
    if (identity === knownIdentity && sequence <= knownSequence) {
      return false;
    }
    knownIdentity = identity;
    knownSequence = sequence;
    return true;
  }

  function validate(collection: CollectionName, body: unknown): { rows: PushRow[] } | { issues: FieldIssue[]; code: 'VALIDATION_FAILED' | 'DOMAIN_RULE' } {
    const parsed = statements[collection].pushSchema.safeParse(body);
    if (!parsed.success) {
      return { code: 'VALIDATION_FAILED', issues: toFieldIssues(parsed.error.issues) };
    }
    const rows = parsed.data as PushRow[];
    const issues: FieldIssue[] = [];
    rows.forEach((row, index) => {
      if (row.newDocumentState._deleted) {
        return;
      }
      for (const issue of checkDocument(collection, row.newDocumentState as never)) {
        issues.push({ path: [index, 'newDocumentState', issue.field], code: issue.code, message: issue.message });
      }
    });
    return issues.length > 0 ? { code: 'DOMAIN_RULE', issues } : { rows };
  }

  const applyRows = sqlite.transaction((collection: CollectionName, rows: PushRow[], context: WriteContext) => {
    const target = statements[collection];
    const { mapper, selectById } = target;
    // The batch's stored documents, read at once; an id this batch writes (or a linked write changes)
    // leaves the map, so a later row of the same id reads it again.
    const storedRows = new Map<string, StoredRow | undefined>(rows.map((row) => [String(row.newDocumentState['id']), undefined]));
    for (const found of target.selectByIds.all(JSON.stringify([...storedRows.keys()]))) {
      storedRows.set(String(found['id']), found);
    }
    const conflicts: Doc[] = [];
    const written: Doc[] = [];
    const changes: CommittedChange[] = [];
    const refused: Refusal[] = [];
    const adjusted: { doc: Doc; adjustment: Adjustment }[] = [];
    /** Documents of other collections the server changed along (see `LinkedWrite`). */
    const linkedWritten: { collection: CollectionName; doc: Doc; change: CommittedChange }[] = [];
    const startSequence = currentSequence();
    let sequence = startSequence;
    const at = new Date().toISOString();
    const permissions = context.permissions;
    const hidden = permissions ? hiddenFields(collection, permissions) : [];
    const mayWrite = permissions ? canWrite(collection, permissions) : true;
    const batch = createBatchFacts();
    const hostname = context.hostname ?? null;
    const ip = context.ip ?? null;
    const log = (action: string, logged: string, id: string, seq: number, details: unknown): void => {
      logActivity.run(at, context.actor, context.source, action, logged, id, seq, details === null ? null : JSON.stringify(details), hostname, ip);
    };
    for (const row of rows) {
      const pushed = hasUndefined(row.newDocumentState) ? withoutUndefined(row.newDocumentState) : row.newDocumentState;
      const id = String(pushed['id']);
      const existingRow = storedRows.has(id) ? storedRows.get(id) : selectById.get(id);
      const existing = existingRow ? mapper.toDocument(existingRow) : undefined;
      // The writer compares and writes the document as it may see it; fields hidden from it keep
      // their stored values.
      const visible = existing ? projectDocument(existing, hidden) : undefined;
      if (visible && sameValue(visible, pushed)) {
        continue; // A retried push: already stored, nothing to do, no false conflict.
      }
      if (!visible && pushed._deleted) {
        continue; // Deleting what the server never had: nothing to do.
      }
      // Refused per document: the server state goes back as a conflict so the client reverts, and
      // the reason goes with it.
      const refuse = (refusal: Omit<Refusal, 'id'>): void => {
        refused.push({ id, ...refusal });
        log('refused', collection, id, sequence, refusal);
        conflicts.push(visible ?? { ...pushed, _deleted: true });
      };
      if (!mayWrite) {
        refuse({ code: 'FORBIDDEN', message: 'Vous n’avez pas le droit de modifier ces données' });
        continue;
      }
      if (visible && (row.assumedMasterState === undefined || !sameValue(visible, row.assumedMasterState))) {
        conflicts.push(visible);
        continue;
      }
      let incoming: Doc =
        hidden.length > 0 ? { ...projectDocument(pushed, hidden), ...(existing ? pickFields(existing, hidden) : {}) } : pushed;
      const notes: Record<string, unknown>[] = [];
      let refusal: Omit<Refusal, 'id'> | undefined;
      let notice: Adjustment['notice'];
      const linked: LinkedWrite[] = [];
      for (const guard of guards) {
        const verdict = guard({ collection, incoming, existing, context, at, batch });
        if (!verdict.ok) {
          refusal = { code: verdict.code, message: verdict.message, ...(verdict.params ? { params: verdict.params } : {}) };
          break;
        }
        if (verdict.note) {
          notes.push(verdict.note);
        }
        if (verdict.set) {
          incoming = withoutUndefined({ ...incoming, ...verdict.set });
        }
        if (verdict.notice) {
          notice = verdict.notice;
        }
        linked.push(...(verdict.linked ?? []));
      }
      if (refusal) {
        refuse(refusal);
        continue;
      }
      sequence += 1;
      writeDocument(target, incoming, sequence, at, context.actor);
      storedRows.delete(id);
      const action = incoming._deleted ? 'delete' : existing ? 'update' : 'create';
      const diff = existing && action === 'update' ? compactDiff(existing, incoming) : null;
      log(action, collection, id, sequence, diff);
      changes.push({ id, action: `${action}d`, doc: incoming, changed: diff ? Object.keys(diff) : [], seq: sequence });
      for (const note of notes) {
        log('force', collection, id, sequence, note);
      }
      for (const write of linked) {
        const linkedTarget = statements[write.collection];
        const targetRow = linkedTarget.selectById.get(write.id);
        if (!targetRow) {
          continue;
        }
        const before = linkedTarget.mapper.toDocument(targetRow);
        const after = withoutUndefined({ ...before, ...write.set, rev: Number(before['rev']) + 1, updated_at: at });
        sequence += 1;
        writeDocument(linkedTarget, after, sequence, at, context.actor);
        if (write.collection === collection) {
          storedRows.delete(write.id);
        }
        log('update', write.collection, write.id, sequence, compactDiff(before, after));
        linkedWritten.push({ collection: write.collection, doc: after, change: { id: write.id, action: 'updated', doc: after, changed: Object.keys(write.set), seq: sequence } });
      }
      written.push(incoming);
      // Stored otherwise than pushed (a number, derived amounts, a validation deferred): the writer
      // gets the stored state back in the answer, not only on the stream, which it skips while its
      // own write is in flight.
      const stored = projectDocument(incoming, hidden);
      if (notice || (stored !== pushed && !sameValue(stored, pushed))) {
        adjusted.push({ doc: stored, adjustment: { id, ...(notice ? { notice } : {}) } });
      }
    }
    if (written.length > 0) {
      writeSequence.run(sequence);
    }
    return { conflicts, written, linkedWritten, changes, sequence, refused, adjusted, startSequence, identity: databaseIdentity() };
  });

  /** One consistent read: the identity the checkpoint is compared with is the one of the rows read. */
  const inReadTransaction = sqlite.transaction((read: () => void) => read());
  function readPage<Row>(select: Database.Statement<[number, number], Row>, checkpoint: Checkpoint, limit: number): { identity: string; from: number; rows: Row[] } {
    let page: { identity: string; from: number; rows: Row[] } = { identity: '', from: 0, rows: [] };
    inReadTransaction(() => {
      const identity = databaseIdentity();
      // A checkpoint of another database (before a restore) says nothing about this one: from the start.
      const from = checkpoint.db === undefined || checkpoint.db === identity ? checkpoint.seq : 0;
      page = { identity, from, rows: select.all(from, limit) };
    });
    return page;
  }

  const countStatements = new Map<CollectionName, Database.Statement<[number], { count: number }>>();
  const countSince = (collection: CollectionName): Database.Statement<[number], { count: number }> => {
    let statement = countStatements.get(collection);
    if (!statement) {
      statement = sqlite.prepare(`SELECT COUNT(*) AS count FROM "${collection}" WHERE "_seq" > ?`);
      countStatements.set(collection, statement);
    }
    return statement;
  };

  return {
    /** Validates and applies a push batch; the whole batch is one transaction. */
    push(collection: CollectionName, body: unknown, context: WriteContext): PushOutcome {
      if (writesSuspended !== undefined) {
        throw new ApiError('MAINTENANCE', writesSuspended);
      }
      const validated = validate(collection, body);
      if ('issues' in validated) {
        return { ok: false, code: validated.code, issues: validated.issues };
      }
      const { conflicts, written, linkedWritten, changes, sequence, refused, adjusted, startSequence, identity } = applyRows(collection, validated.rows, context);
      if (written.length > 0) {
        // Another process wrote (or restored) before us: a stream batch would move clients'
        // checkpoints past its writes, so ask them to pull instead.
        const externalWritesBefore = startSequence > knownSequence || identity !== knownIdentity;
        knownSequence = Math.max(knownSequence, sequence);
        knownIdentity = identity;
        if (externalWritesBefore) {
          events.resyncAll();
        } else {
          events.publish(collection, { documents: written, checkpoint: { seq: sequence, db: identity } });
          for (const name of new Set(linkedWritten.map((entry) => entry.collection))) {
            const documents = linkedWritten.filter((entry) => entry.collection === name).map((entry) => entry.doc);
            events.publish(name, { documents, checkpoint: { seq: sequence, db: identity } });
          }
        }
        // After the commit, whatever the path: the TomatoPlan live socket tells its clients.
        events.committed({ collection, actor: context.actor, source: context.source, changes });
        // The documents this batch changed in other collections (missions marked invoiced…), after it.
        for (const name of new Set(linkedWritten.map((entry) => entry.collection))) {
          const linkedChanges = linkedWritten.filter((entry) => entry.collection === name).map((entry) => entry.change);
          events.committed({ collection: name, actor: context.actor, source: context.source, changes: linkedChanges });
        }
      }
      return { ok: true, conflicts, written: written.length, refused, adjusted };
    },

    /** Every write after `checkpoint`, in sequence order, without the fields `hidden` from the reader. */
    pull(collection: CollectionName, checkpoint: Checkpoint, limit: number, hidden: readonly string[] = []): PullResponse<Record<string, unknown>> {
      const { mapper, selectSince } = statements[collection];
      const { identity, from, rows } = readPage(selectSince, checkpoint, limit);
      const last = rows.at(-1);
      return {
        documents: rows.map((row) => projectDocument(mapper.toDocument(row), hidden)),
        checkpoint: { seq: last ? Number(last['_seq']) : from, db: identity },
      };
    },

    /**
     * `pull`'s answer as JSON bytes, written by SQLite from the rows (the pull route sends them as they
     * are): no row object, no document, no JS string is built, and the page leaves SQLite as one blob.
     */
    pullJson(collection: CollectionName, checkpoint: Checkpoint, limit: number, hidden: readonly string[] = []): Uint8Array<ArrayBuffer> {
      const target = statements[collection];
      const key = [...hidden].sort().join(',');
      let select = target.jsonPages.get(key);
      if (!select) {
        select = sqlite.prepare<[number, number], JsonPageRow>(jsonPageSql(collection, target.mapper, new Set(hidden), target.required));
        target.jsonPages.set(key, select);
      }
      const { identity, from, rows } = readPage(select, checkpoint, limit);
      const page = rows[0];
      const checkpointJson = JSON.stringify({ seq: page?.last ?? from, db: identity });
      const documents = page?.documents ?? Buffer.alloc(0);
      const end = Buffer.from(`],"checkpoint":${checkpointJson}}`);
      const answer = new Uint8Array(pageStart.length + documents.length + end.length);
      answer.set(pageStart, 0);
      answer.set(documents, pageStart.length);
      answer.set(end, pageStart.length + documents.length);
      return answer;
    },

    /** The current server state of one document, if any. */
    get(collection: CollectionName, id: string): Doc | undefined {
      const { mapper, selectById } = statements[collection];
      const row = selectById.get(id);
      return row ? mapper.toDocument(row) : undefined;
    },

    /** One document with who created and last changed it, and when (TomatoPlan's audit fields). */
    getWithAudit(collection: CollectionName, id: string): { doc: Doc; audit: DocumentAudit } | undefined {
      const { mapper, selectById } = statements[collection];
      const row = selectById.get(id);
      return row ? { doc: mapper.toDocument(row), audit: auditOf(row) } : undefined;
    },

    /**
     * How many documents a pull from `checkpoint` sends now (tombstones included), for a first
     * sync's progress: one indexed count, no document read.
     */
    count(collection: CollectionName, checkpoint: Checkpoint): number {
      const identity = databaseIdentity();
      const from = checkpoint.db === undefined || checkpoint.db === identity ? checkpoint.seq : 0;
      return countSince(collection).get(from)?.count ?? 0;
    },

    currentSequence,
    noticeExternalWrites,
    databaseIdentity,

    /** Refuses every push with `MAINTENANCE` (and this French message) until `resumeWrites`. */
    suspendWrites(message: string): void {
      writesSuspended = message;
    },
    resumeWrites(): void {
      writesSuspended = undefined;
    },
  };
}

export type ReplicationStore = ReturnType<typeof createReplicationStore>;

/** Who created and last changed a document, and when, as the server recorded it beside the document. */
export interface DocumentAudit {
  created_at: string | null;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export function auditOf(row: StoredRow): DocumentAudit {
  const text = (value: string | number | null | undefined): string | null => (value === null || value === undefined ? null : String(value));
  return {
    created_at: text(row['_created_at']),
    created_by: text(row['_created_by']),
    updated_at: String(row['_server_updated_at']),
    updated_by: text(row['_updated_by']),
  };
}
