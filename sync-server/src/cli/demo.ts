import {
  maxPushBatch,
  sameValue,
  type FieldIssue,
} from '@relais/sync-protocol';
import type { Config } from '../config';
import { openDatabase } from '../db/client';
import type { Logger } from '../logger';
import { createReplicationEvents } from '../replication/events';
import { createReplicationStore, type ReplicationStore } from '../replication/store';
import { buildDemoDataset, demoWeek, type DemoDataset } from './demo-data';
import { serverWriteGuards } from '../write-rules';

export type DemoCollection = keyof DemoDataset;

/** What happened to the documents of one collection. */
export interface DemoCounts {
  total: number;
  /** Written by this run. */
  added: number;
  /** Already there, identical: nothing to do. */
  unchanged: number;
  /** Already there but changed since (edited by someone, or an earlier day's version): left as is. */
  kept: number;
}

export type DemoReport = Record<DemoCollection, DemoCounts>;

type DemoDocument = Record<string, unknown> & { id: string };

/** Where the dataset goes (the server's write path, or a stand-in in tests). */
export interface DemoTarget {
  load(collection: DemoCollection, documents: DemoDocument[]): Promise<DemoCounts>;
}

/** A failure with a message meant for the person at the terminal. */
export class DemoError extends Error {
  override name = 'DemoError';
}

/** Referenced documents first, so a client pulling meanwhile never sees a mission before its driver. */
const loadOrder: readonly DemoCollection[] = [
  'chauffeurs',
  'disponibilites',
  'sst',
  'revenus_palettes',
  'voyages',
  'entreprises',
  'contacts',
  'missions',
  'articles',
  'devis',
  'factures',
  'reglements',
];

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(items.slice(start, start + size));
  }
  return out;
}

function pushRows(documents: DemoDocument[]): { newDocumentState: DemoDocument }[] {
  return documents.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }));
}

function describeIssues(issues: readonly FieldIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path.join('.')} : ${issue.message}`);
  return shown.join(' ; ') + (issues.length > 3 ? ` (et ${issues.length - 3} autres)` : '');
}

/** Whether the stored document holds the demo document as is (plus what the server adds: a number…). */
function holds(stored: Record<string, unknown> | undefined, doc: DemoDocument): boolean {
  return stored !== undefined && stored['_deleted'] !== true && Object.entries(doc).every(([field, value]) => sameValue(stored[field], value));
}

/** Writes through the replication store, the server's one write path, as source `demo`. */
export function storeDemoTarget(store: ReplicationStore): DemoTarget {
  return {
    load(collection, documents) {
      let added = 0;
      let kept = 0;
      const missing = documents.filter((doc) => !holds(store.get(collection, doc.id), doc));
      for (const batch of batches(missing, maxPushBatch)) {
        const outcome = store.push(collection, pushRows(batch), { actor: null, source: 'demo' });
        if (!outcome.ok) {
          throw new DemoError(`Données de démonstration refusées (${collection}, ${outcome.code}) : ${describeIssues(outcome.issues)}`);
        }
        added += outcome.written;
        kept += outcome.conflicts.length;
      }
      return Promise.resolve({ total: documents.length, added, unchanged: documents.length - added - kept, kept });
    },
  };
}

/** Loads every collection of the dataset, in reference order. */
export async function loadDemoDataset(target: DemoTarget, dataset: DemoDataset): Promise<DemoReport> {
  const report = {} as DemoReport;
  for (const collection of loadOrder) {
    report[collection] = await target.load(collection, dataset[collection]);
  }
  return report;
}

async function loadLocally(config: Config, logger: Logger, dataset: DemoDataset): Promise<DemoReport> {
  const path = config.RELAIS_DATABASE_PATH;
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(path, { logger });
  } catch (error) {
    throw new DemoError(`Impossible d'ouvrir la base de données ${path} : ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const store = createReplicationStore(db, createReplicationEvents(), { guards: serverWriteGuards(db.$client) });
    return await loadDemoDataset(storeDemoTarget(store), dataset);
  } finally {
    db.$client.close();
  }
}

function frenchDate(date: Date | undefined): string {
  return date ? date.toLocaleDateString('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' }) : '?';
}

function logReport(logger: Logger, report: DemoReport, where: string, today: Date): void {
  const week = demoWeek(today);
  logger.info({ destination: where }, `Jeu de démonstration chargé (semaine du ${frenchDate(week[0])} au ${frenchDate(week.at(-1))}) — ${where}`);
  for (const collection of loadOrder) {
    const { total, added, unchanged, kept } = report[collection];
    logger.info(
      { collection, total, ajoutes: added, deja_presents: unchanged + kept, modifies_conserves: kept },
      `${collection} : ${total} au total, ${added} ajoutés, ${unchanged + kept} déjà présents`,
    );
    if (kept > 0) {
      logger.warn(
        { collection, modifies_conserves: kept },
        `${collection} : ${kept} document(s) déjà présent(s) mais modifié(s) depuis, conservé(s) tel(s) quel(s)`,
      );
    }
  }
}

async function loadDemo(config: Config, logger: Logger, today: Date): Promise<void> {
  const report = await loadLocally(config, logger, buildDemoDataset(today));
  logReport(logger, report, `dans la base ${config.RELAIS_DATABASE_PATH}`, today);
}

/**
 * `relais demo`: loads the demonstration dataset into the database through the server's write path
 * (SQLite in WAL mode takes it while the server runs; the server sees the new sequence and has its
 * open PWAs pull it at once). Safe to run again: identical documents are skipped and documents
 * edited since are left alone.
 */
export async function runDemo(config: Config, logger: Logger): Promise<void> {
  try {
    await loadDemo(config, logger, new Date());
  } catch (error) {
    if (!(error instanceof DemoError)) {
      throw error;
    }
    logger.error(`Échec du chargement de la démonstration : ${error.message}`);
    process.exitCode = 1;
  }
}
