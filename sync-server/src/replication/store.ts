import { collectionNames, collections, type CollectionName } from '@relais/schema';
import { checkDocument } from '@relais/domain';
import {
  pushBodySchema,
  sameValue,
  toFieldIssues,
  withoutUndefined,
  type Checkpoint,
  type FieldIssue,
  type PullResponse,
} from '@relais/sync-protocol';
import type Database from 'better-sqlite3';
import type { Db } from '../db/client';
import { createRowMapper, type Doc, type RowMapper, type StoredRow } from './documents';
import type { ReplicationEvents } from './events';

/** Who writes, and through which path; recorded in the activity log. */
export interface WriteContext {
  actor: string | null;
  source: 'replication' | 'rest' | 'connector' | 'demo' | 'import';
}

export type PushOutcome =
  | { ok: true; conflicts: Doc[]; written: number }
  | { ok: false; code: 'VALIDATION_FAILED' | 'DOMAIN_RULE'; issues: FieldIssue[] };

interface PushRow {
  assumedMasterState?: Doc | undefined;
  newDocumentState: Doc;
}

interface CollectionStatements {
  /** Built once: building a zod schema per push costs more than validating the batch. */
  pushSchema: ReturnType<typeof pushBodySchema>;
  mapper: RowMapper;
  selectSince: Database.Statement<[number, number], StoredRow>;
  selectById: Database.Statement<[string], StoredRow>;
  upsert: Database.Statement<StoredRow>;
}

function prepareStatements(sqlite: Database.Database, collection: CollectionName): CollectionStatements {
  const mapper = createRowMapper(collection);
  const fields = mapper.columns.map((mapping) => mapping.field);
  const all = [...fields, '_seq', '_deleted', '_server_updated_at', '_updated_by'];
  const quoted = (name: string): string => `"${name}"`;
  const columnList = all.map(quoted).join(', ');
  return {
    pushSchema: pushBodySchema(collections[collection].wireSchema),
    mapper,
    selectSince: sqlite.prepare(
      `SELECT ${columnList} FROM ${quoted(collection)} WHERE "_seq" > ? ORDER BY "_seq" LIMIT ?`,
    ),
    selectById: sqlite.prepare(`SELECT ${columnList} FROM ${quoted(collection)} WHERE "id" = ?`),
    upsert: sqlite.prepare(
      `INSERT INTO ${quoted(collection)} (${columnList}) VALUES (${all.map((name) => `@${name}`).join(', ')})
       ON CONFLICT("id") DO UPDATE SET ${all
         .filter((name) => name !== 'id')
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
export function createReplicationStore(db: Db, events: ReplicationEvents) {
  const sqlite = db.$client;
  const statements = Object.fromEntries(
    collectionNames.map((name) => [name, prepareStatements(sqlite, name)]),
  ) as Record<CollectionName, CollectionStatements>;
  const readSequence = sqlite.prepare<[], { value: number }>('SELECT value FROM sync_sequence WHERE id = 1');
  const writeSequence = sqlite.prepare<[number]>(
    'INSERT INTO sync_sequence (id, value) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value',
  );
  const logActivity = sqlite.prepare<[string, string | null, string, string, string, string, number]>(
    `INSERT INTO activity_log (at, actor, source, action, collection, document_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  function currentSequence(): number {
    return readSequence.get()?.value ?? 0;
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
    const { mapper, selectById, upsert } = statements[collection];
    const conflicts: Doc[] = [];
    const written: Doc[] = [];
    let sequence = currentSequence();
    const at = new Date().toISOString();
    for (const row of rows) {
      const incoming = withoutUndefined(row.newDocumentState);
      const id = String(incoming['id']);
      const existingRow = selectById.get(id);
      const existing = existingRow ? mapper.toDocument(existingRow) : undefined;
      if (existing) {
        if (sameValue(existing, incoming)) {
          continue; // A retried push: already stored, nothing to do, no false conflict.
        }
        if (row.assumedMasterState === undefined || !sameValue(existing, row.assumedMasterState)) {
          conflicts.push(existing);
          continue;
        }
      }
      sequence += 1;
      upsert.run({
        ...mapper.toRow(incoming),
        _seq: sequence,
        _deleted: incoming._deleted ? 1 : 0,
        _server_updated_at: at,
        _updated_by: context.actor,
      });
      const action = incoming._deleted ? 'delete' : existing ? 'update' : 'create';
      logActivity.run(at, context.actor, context.source, action, collection, id, sequence);
      written.push(incoming);
    }
    if (written.length > 0) {
      writeSequence.run(sequence);
    }
    return { conflicts, written, sequence };
  });

  return {
    /** Validates and applies a push batch; the whole batch is one transaction. */
    push(collection: CollectionName, body: unknown, context: WriteContext): PushOutcome {
      const validated = validate(collection, body);
      if ('issues' in validated) {
        return { ok: false, code: validated.code, issues: validated.issues };
      }
      const { conflicts, written, sequence } = applyRows(collection, validated.rows, context);
      if (written.length > 0) {
        events.publish(collection, { documents: written, checkpoint: { seq: sequence } });
      }
      return { ok: true, conflicts, written: written.length };
    },

    /** Every write after `checkpoint`, in sequence order. */
    pull(collection: CollectionName, checkpoint: Checkpoint, limit: number): PullResponse<Record<string, unknown>> {
      const { mapper, selectSince } = statements[collection];
      const rows = selectSince.all(checkpoint.seq, limit);
      const last = rows.at(-1);
      return {
        documents: rows.map((row) => mapper.toDocument(row)),
        checkpoint: last ? { seq: Number(last['_seq']) } : checkpoint,
      };
    },

    /** The current server state of one document, if any. */
    get(collection: CollectionName, id: string): Doc | undefined {
      const { mapper, selectById } = statements[collection];
      const row = selectById.get(id);
      return row ? mapper.toDocument(row) : undefined;
    },

    currentSequence,
  };
}

export type ReplicationStore = ReturnType<typeof createReplicationStore>;
