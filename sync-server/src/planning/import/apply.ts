import { checkDocument } from '@relais/domain';
import { collections, type CollectionName } from '@relais/schema';
import { maxPushBatch, sameValue, withoutUndefined } from '@relais/sync-protocol';
import type Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import type { Doc } from '../../replication/documents';
import type { PushOutcome, ReplicationStore } from '../../replication/store';
import type { Candidate, ImportLookup, MapContext } from './context';
import { importOrder, type CollectionReport, type ImportCollection, type ImportReport } from './report';

interface PushRow {
  assumedMasterState?: Doc;
  newDocumentState: Doc;
}

/** Where an import reads what is stored and writes: the server's one write path. */
export interface ImportTarget extends ImportLookup {
  push(collection: CollectionName, rows: PushRow[]): PushOutcome;
}

/** The replication store as an import target, writing as `source: 'import'`. */
export function storeImportTarget(store: ReplicationStore, sqlite: Database.Database, actor: string | null): ImportTarget {
  const statements = new Map<string, Database.Statement<[], { id: string; value: unknown }>>();
  return {
    get: (collection, id) => store.get(collection, id),
    idsByValue(collection, field) {
      const key = `${collection}.${field}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = sqlite.prepare(`SELECT id, "${field}" AS value FROM "${collection}" WHERE "_deleted" = 0 AND "${field}" IS NOT NULL`);
        statements.set(key, statement);
      }
      return new Map(statement.all().map((row) => [String(row.value), row.id]));
    },
    push: (collection, rows) => store.push(collection, rows, { actor, source: 'import' }),
  };
}

interface Planned {
  candidate: Candidate;
  action: 'create' | 'update';
  row: PushRow;
}

/** A document without what changes on every write, for "is it what is stored?" comparisons. */
function comparable(doc: Record<string, unknown>): Record<string, unknown> {
  const { rev: _rev, updated_at: _updatedAt, _deleted: _deletedFlag, ...rest } = doc;
  return withoutUndefined(rest);
}

function validationReason(collection: CollectionName, doc: Doc): string | undefined {
  const parsed = collections[collection].wireSchema.safeParse(doc, { error: z.locales.fr().localeError });
  if (!parsed.success) {
    return parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || 'document'} : ${issue.message}`)
      .join(' ; ');
  }
  const issues = checkDocument(collection, parsed.data as never);
  return issues.length > 0 ? issues.map((issue) => `${issue.field} : ${issue.message}`).join(' ; ') : undefined;
}

/**
 * Compares each candidate with the stored document: unchanged ones are counted and dropped,
 * invalid ones rejected, the rest become push rows (rev 1 for a creation, stored rev + 1 for an
 * update, the stored document as the assumed master state so an edit made meanwhile is not lost).
 */
async function planCollection(collection: ImportCollection, candidates: Candidate[], lookup: ImportLookup, report: CollectionReport, step: Step): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const candidate of candidates) {
    await step.tick();
    const stored = lookup.get(collection, candidate.id) as Doc | undefined;
    if (stored?._deleted) {
      // Someone deleted it in Relais after an earlier import: their decision outlives the old files.
      report.rejected.push({ file: candidate.file, entry: candidate.entry, reason: 'supprimé dans Relais depuis un import précédent : laissé supprimé' });
      continue;
    }
    const live = stored;
    const merged: Record<string, unknown> = withoutUndefined({ ...candidate.defaults, ...(live ? comparable(live) : {}), ...candidate.fields, id: candidate.id });
    // A default also fills a field the file leaves empty (a blank CSV cell for a required field).
    for (const [field, value] of Object.entries(candidate.defaults)) {
      merged[field] ??= value;
    }
    if (live && sameValue(comparable(merged), comparable(live))) {
      report.unchanged += 1;
      continue;
    }
    const rev = live ? Number(live['rev']) + 1 : 1;
    const newDocumentState = { ...merged, rev, updated_at: step.at, _deleted: false } as Doc;
    const reason = validationReason(collection, newDocumentState);
    if (reason !== undefined) {
      report.rejected.push({ file: candidate.file, entry: candidate.entry, reason });
      continue;
    }
    planned.push({ candidate, action: live ? 'update' : 'create', row: live ? { assumedMasterState: live, newDocumentState } : { newDocumentState } });
  }
  return planned;
}

function count(report: CollectionReport, action: Planned['action']): void {
  if (action === 'create') {
    report.created += 1;
  } else {
    report.updated += 1;
  }
}

/** Pushes the planned rows in batches; refusals and conflicts become rejections. */
async function writeCollection(target: ImportTarget, collection: ImportCollection, planned: Planned[], report: CollectionReport, step: Step): Promise<void> {
  for (let start = 0; start < planned.length; start += maxPushBatch) {
    const batch = planned.slice(start, start + maxPushBatch);
    await step.tick(batch.length);
    const outcome = target.push(collection, batch.map((item) => item.row));
    if (!outcome.ok) {
      // Each row was validated beforehand, so this means the rules changed under us: keep going.
      const reason = outcome.issues.map((issue) => `${issue.path.join('.')} : ${issue.message}`).join(' ; ');
      for (const item of batch) {
        report.rejected.push({ file: item.candidate.file, entry: item.candidate.entry, reason: `lot refusé par le serveur (${outcome.code}) : ${reason}` });
      }
      continue;
    }
    const refused = new Map(outcome.refused.map((refusal) => [refusal.id, refusal.message]));
    const conflicted = new Set(outcome.conflicts.map((doc) => String(doc['id'])));
    for (const item of batch) {
      const id = item.candidate.id;
      const message = refused.get(id);
      if (message !== undefined) {
        report.rejected.push({ file: item.candidate.file, entry: item.candidate.entry, reason: `refusé par le serveur : ${message}` });
      } else if (conflicted.has(id)) {
        report.rejected.push({ file: item.candidate.file, entry: item.candidate.entry, reason: 'modifié dans Relais pendant l’import : relancez l’import' });
      } else {
        count(report, item.action);
      }
    }
  }
}

export interface RunOptions {
  /** Called once a collection is done, for a progress line. */
  onProgress?: (collection: ImportCollection, report: CollectionReport) => void;
  /** Called as entries are compared and written: `done` of `total` steps (each entry is compared, then written). */
  onStep?: (done: number, total: number) => void;
  /** Stops the import between two batches (what was written stays written, as with a refusal). */
  signal?: AbortSignal;
  now?: () => Date;
}

/** Entries handled between two yields to the event loop, so a long import never holds the server. */
const entriesPerTurn = 250;

interface Step {
  at: string;
  /** Counts entries done; yields to the event loop every few hundred, and stops there when aborted. */
  tick(entries?: number): Promise<void>;
}

function stepper(total: number, at: string, options: RunOptions): Step {
  let done = 0;
  let sinceYield = 0;
  return {
    at,
    async tick(entries = 1) {
      done += entries;
      sinceYield += entries;
      if (sinceYield >= entriesPerTurn) {
        sinceYield = 0;
        options.onStep?.(Math.min(done, total), total);
        await nextTurn();
        options.signal?.throwIfAborted();
      }
    },
  };
}

/**
 * Compares the mapped documents with the database and, unless dry-running, writes them in
 * reference order (a client pulling meanwhile never sees a mission before its voyage). Yields to
 * the event loop between batches: the server keeps answering during an import of years of data.
 */
export async function applyImport(target: ImportTarget, context: MapContext, options: RunOptions = {}): Promise<ImportReport> {
  const report: ImportReport = context.report;
  const at = (options.now?.() ?? new Date()).toISOString();
  const entries = importOrder.reduce((sum, collection) => sum + context.candidates[collection].length, 0);
  const step = stepper(report.dryRun ? entries : 2 * entries, at, options);
  for (const collection of importOrder) {
    const collectionReport = report.collections[collection];
    const planned = await planCollection(collection, context.candidates[collection], target, collectionReport, step);
    if (report.dryRun) {
      planned.forEach((item) => count(collectionReport, item.action));
    } else {
      await writeCollection(target, collection, planned, collectionReport, step);
      // Entries left out of the writes (unchanged, rejected) are done too.
      await step.tick(context.candidates[collection].length - planned.length);
    }
    options.onProgress?.(collection, collectionReport);
  }
  return report;
}
