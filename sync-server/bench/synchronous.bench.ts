/**
 * What durability costs: push throughput with SQLite `synchronous = NORMAL` and `FULL` (WAL mode both),
 * side by side, in one run on a real file (`BENCH_DIR`, the temporary folder by default: put it on the
 * disk the server will use, since the cost is the disk's fsync).
 *   - `store.push` (the one write path) in batches of 100, as an import or a client catching up;
 *   - `store.push` one document at a time, as a planner's edit reaches the server: one commit each;
 *   - the same two over real HTTP (client and server in this process, as in replication.bench.ts).
 * In WAL mode NORMAL syncs the WAL only at checkpoints, FULL at every commit. Each setting runs twice,
 * interleaved (NORMAL, FULL, FULL, NORMAL) on a fresh database, and keeps its best figure.
 * Sizes: BENCH_SYNC_BATCHED (default 20000 documents), BENCH_SYNC_SINGLE (default 1000 commits).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { replicationPath, type PushResponse } from '@relais/sync-protocol';
import { createApp } from '../src/app';
import { openDatabase } from '../src/db/client';
import { createLogger } from '../src/logger';
import { batchOf, dataset, listenLocally, percentile, seconds, signedInAs, type PushBody } from './support';

const batchedCount = Number(process.env['BENCH_SYNC_BATCHED'] ?? 20_000);
const singleCount = Number(process.env['BENCH_SYNC_SINGLE'] ?? 1000);
const benchDir = process.env['BENCH_DIR'] ?? tmpdir();
type Setting = 'NORMAL' | 'FULL';

interface Measure {
  label: string;
  docs: number;
  seconds: number;
  /** Milliseconds per push (one commit each). */
  latencies: number[];
}

/** Pushes `count` missions from `first` in pushes of `size`, timing each one. */
async function timedPushes(first: number, count: number, size: number, push: (body: PushBody) => Promise<void> | void): Promise<Omit<Measure, 'label'>> {
  const latencies: number[] = [];
  let total = 0;
  for (let start = first; start < first + count; start += size) {
    const body = batchOf(start, Math.min(size, first + count - start));
    const t = process.hrtime.bigint();
    await push(body);
    const elapsed = seconds(t);
    latencies.push(elapsed * 1000);
    total += elapsed;
  }
  return { docs: count, seconds: total, latencies };
}

/** One round on a fresh database with `setting`: the four measures, in the same order every time. */
async function round(setting: Setting): Promise<Measure[]> {
  const folder = mkdtempSync(join(benchDir, 'relais-bench-sync-'));
  const db = openDatabase(join(folder, 'relais.db'));
  db.$client.pragma(`synchronous = ${setting}`);
  const { app, store, auth } = createApp({ db, logger: createLogger('silent', undefined) });
  const { baseUrl, close } = await listenLocally(app.fetch);
  try {
    const authorization = await signedInAs(auth, baseUrl);
    for (const name of ['chauffeurs', 'voyages'] as const) {
      store.push(name, dataset[name].map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })), { actor: null, source: 'import' });
    }
    const storePush = (body: PushBody): void => {
      const outcome = store.push('missions', body, { actor: null, source: 'import' });
      if (!outcome.ok || outcome.written !== body.length) {
        throw new Error(`push refusé : ${JSON.stringify(outcome).slice(0, 500)}`);
      }
    };
    const httpPush = async (body: PushBody): Promise<void> => {
      const response = await fetch(`${baseUrl}${replicationPath('missions', 'push')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as PushResponse<unknown>;
      if (!response.ok || answer.conflicts.length > 0 || answer.refusals.length > 0) {
        throw new Error(`push HTTP ${response.status} : ${JSON.stringify(answer).slice(0, 500)}`);
      }
    };
    // Disjoint mission ranges: each measure writes new documents the planning rules accept.
    let next = 0;
    const measure = async (label: string, count: number, size: number, push: (body: PushBody) => Promise<void> | void): Promise<Measure> => {
      const result = await timedPushes(next, count, size, push);
      next += count;
      return { label, ...result };
    };
    return [
      await measure('store.push, lots de 100', batchedCount, 100, storePush),
      await measure('store.push, 1 document par push', singleCount, 1, storePush),
      await measure('HTTP POST push, lots de 100', Math.max(100, Math.round(batchedCount / 4)), 100, httpPush),
      await measure('HTTP POST push, 1 document par push', singleCount, 1, httpPush),
    ];
  } finally {
    await close();
    db.$client.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

const rate = (measure: Measure): number => measure.docs / measure.seconds;

async function main(): Promise<void> {
  const benchStart = process.hrtime.bigint();
  console.log(`\nRelais durability bench: push with synchronous = NORMAL vs FULL (WAL), databases in ${benchDir}\n`);
  const best = new Map<Setting, Measure[]>();
  for (const setting of ['NORMAL', 'FULL', 'FULL', 'NORMAL'] as const) {
    const measures = await round(setting);
    const kept = best.get(setting);
    best.set(setting, kept ? kept.map((measure, index) => (rate(measures[index] ?? measure) > rate(measure) ? (measures[index] ?? measure) : measure)) : measures);
  }
  const normal = best.get('NORMAL') ?? [];
  const full = best.get('FULL') ?? [];
  const width = Math.max(...normal.map((measure) => measure.label.length));
  const cell = (measure: Measure): string =>
    `${Math.round(rate(measure)).toLocaleString('fr-FR').padStart(8)} docs/s (push p50 ${percentile(measure.latencies, 50).toFixed(2)} ms, p99 ${percentile(measure.latencies, 99).toFixed(2)} ms)`;
  console.log(`${'mesure'.padEnd(width)}  ${'NORMAL'.padEnd(48)}  ${'FULL'.padEnd(48)}  FULL / NORMAL`);
  normal.forEach((measure, index) => {
    const other = full[index];
    if (other) {
      console.log(`${measure.label.padEnd(width)}  ${cell(measure).padEnd(48)}  ${cell(other).padEnd(48)}  ${(rate(other) / rate(measure)).toFixed(2)} ×`);
    }
  });
  console.log(`\nMeilleure de 2 manches par réglage ; durée totale : ${seconds(benchStart).toFixed(1)} s ; Node ${process.version} ; ${cpus().length} cœurs, charge moyenne ${loadavg()[0]?.toFixed(1)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
