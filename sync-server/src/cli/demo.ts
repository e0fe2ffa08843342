import {
  encodeCheckpointParam,
  errorBodySchema,
  maxPullLimit,
  maxPushBatch,
  replicationPath,
  sameValue,
  type Checkpoint,
  type FieldIssue,
} from '@relais/sync-protocol';
import type { Config } from '../config';
import { openDatabase } from '../db/client';
import type { Logger } from '../logger';
import { createReplicationEvents } from '../replication/events';
import { createReplicationStore, type ReplicationStore } from '../replication/store';
import { buildDemoDataset, demoWeek, type DemoDataset } from './demo-data';

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

/** Where the dataset goes: the running server over HTTP, or the database file directly. */
export interface DemoTarget {
  load(collection: DemoCollection, documents: DemoDocument[]): Promise<DemoCounts>;
}

/** A failure with a message meant for the person at the terminal. */
export class DemoError extends Error {
  override name = 'DemoError';
}

/** Referenced documents first, so a client pulling meanwhile never sees a mission before its driver. */
const loadOrder: readonly DemoCollection[] = ['chauffeurs', 'voyages', 'missions'];

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

/** Writes through the replication store, the server's one write path, as source `demo`. */
export function storeDemoTarget(store: ReplicationStore): DemoTarget {
  return {
    load(collection, documents) {
      let added = 0;
      let kept = 0;
      for (const batch of batches(documents, maxPushBatch)) {
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

/** `fetch`, or a stand-in such as Hono's `app.request` in tests. */
export type DemoFetch = (url: string, init?: RequestInit) => Promise<Response>;

async function request(fetcher: DemoFetch, url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetcher(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new DemoError(`Le serveur ne répond plus (${url}) : ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function failure(response: Response, what: string): Promise<DemoError> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    return new DemoError(`${what} : le serveur a répondu ${response.status} ${response.statusText}`);
  }
  const { code, message, details } = parsed.data.error;
  const issues = (details as { issues?: FieldIssue[] } | undefined)?.issues;
  return new DemoError(`${what} (${code}) : ${message}${issues ? ` — ${describeIssues(issues)}` : ''}`);
}

/**
 * Pushes through the server's replication endpoint, so connected PWAs see the data arrive live.
 * The server's answer only lists conflicts, so the documents already there are read first to tell
 * "identical" from "added".
 */
export function httpDemoTarget(baseUrl: string, fetcher: DemoFetch = fetch): DemoTarget {
  async function existing(collection: DemoCollection, ids: Set<string>): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    let checkpoint: Checkpoint = { seq: 0 };
    for (;;) {
      const url = `${baseUrl}${replicationPath(collection, 'pull')}?checkpoint=${encodeCheckpointParam(checkpoint)}&limit=${maxPullLimit}`;
      const response = await request(fetcher, url);
      if (!response.ok) {
        throw await failure(response, `Lecture des ${collection} existants impossible`);
      }
      const page = (await response.json()) as { documents: DemoDocument[]; checkpoint: Checkpoint };
      for (const doc of page.documents) {
        if (ids.has(doc.id)) {
          found.set(doc.id, doc);
        }
      }
      if (page.documents.length === 0) {
        return found;
      }
      checkpoint = page.checkpoint;
    }
  }

  return {
    async load(collection, documents) {
      const before = await existing(collection, new Set(documents.map((doc) => doc.id)));
      const unchanged = documents.filter((doc) => sameValue(before.get(doc.id), { ...doc, _deleted: false })).length;
      let kept = 0;
      for (const batch of batches(documents, maxPushBatch)) {
        const response = await request(fetcher, `${baseUrl}${replicationPath(collection, 'push')}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(pushRows(batch)),
        });
        if (!response.ok) {
          throw await failure(response, `Envoi des ${collection} refusé`);
        }
        kept += ((await response.json()) as unknown[]).length;
      }
      return { total: documents.length, added: documents.length - unchanged - kept, unchanged, kept };
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

type Probe = { kind: 'relais' } | { kind: 'absent'; reason: string } | { kind: 'other'; reason: string };

/** Is a Relais server answering at `url`? */
async function probeServer(url: string): Promise<Probe> {
  let response: Response;
  try {
    response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'absent', reason: cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)) };
  }
  const body = (await response.json().catch(() => undefined)) as { status?: unknown; database?: unknown } | undefined;
  if (body?.status === 'ok') {
    return { kind: 'relais' };
  }
  if (body?.status === 'degraded') {
    throw new DemoError(`Le serveur Relais de ${url} répond mais sa base de données est indisponible ; consultez ses journaux.`);
  }
  return { kind: 'other', reason: `réponse ${response.status} inattendue sur /health` };
}

/** The loopback address of the configured server, unless it listens on one address only. */
function defaultUrl(config: Config): string {
  const host = ['0.0.0.0', '::', ''].includes(config.RELAIS_HOST) ? '127.0.0.1' : config.RELAIS_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.RELAIS_PORT}`;
}

function normalizeUrl(raw: string): string {
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(parsed.protocol);
    }
    return parsed.href.replace(/\/+$/, '');
  } catch {
    throw new DemoError(`URL invalide : « ${raw} » (exemple : --url http://127.0.0.1:8000)`);
  }
}

async function loadLocally(config: Config, dataset: DemoDataset): Promise<DemoReport> {
  const path = config.RELAIS_DATABASE_PATH;
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(path);
  } catch (error) {
    throw new DemoError(`Impossible d'ouvrir la base de données ${path} : ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await loadDemoDataset(storeDemoTarget(createReplicationStore(db, createReplicationEvents())), dataset);
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

async function loadDemo(config: Config, logger: Logger, url: string | undefined, today: Date): Promise<void> {
  const dataset = buildDemoDataset(today);
  const serverUrl = url === undefined ? defaultUrl(config) : normalizeUrl(url);
  const probe = await probeServer(serverUrl);
  if (probe.kind === 'relais') {
    const report = await loadDemoDataset(httpDemoTarget(serverUrl), dataset);
    logReport(logger, report, `via le serveur ${serverUrl}`, today);
    return;
  }
  if (url !== undefined) {
    // An explicit address that does not answer is a mistake, not a reason to write somewhere else.
    throw new DemoError(`Aucun serveur Relais ne répond à ${serverUrl} (${probe.reason}). Vérifiez l'adresse ou lancez 'pnpm serve'.`);
  }
  logger.info({ url: serverUrl, reason: probe.reason }, `Aucun serveur Relais à ${serverUrl} : écriture directe dans ${config.RELAIS_DATABASE_PATH}`);
  const report = await loadLocally(config, dataset);
  logReport(logger, report, `dans la base ${config.RELAIS_DATABASE_PATH}`, today);
}

/**
 * `relais demo`: loads the demonstration dataset through a running server when one answers (so open
 * PWAs see it live), otherwise straight into the database file. Safe to run again: identical
 * documents are skipped and documents edited since are left alone.
 */
export async function runDemo(config: Config, logger: Logger, url: string | undefined): Promise<void> {
  try {
    await loadDemo(config, logger, url, new Date());
  } catch (error) {
    if (!(error instanceof DemoError)) {
      throw error;
    }
    logger.error(`Échec du chargement de la démonstration : ${error.message}`);
    process.exitCode = 1;
  }
}
