/**
 * Replication throughput, in one run on a temporary SQLite file (WAL):
 *   - push: 100 000 missions through `store.push` in batches of 100 (the one write path), against a
 *     raw better-sqlite3 INSERT of the same rows in the same batches; then push over real HTTP as a
 *     planner, each batch after a raw batch of as many rows: the HTTP rate against those interleaved
 *     raw inserts is issue 16's goal (≥ 0.4);
 *   - pull: the same missions from checkpoint 0 over real HTTP (pages of 2 000, the PWA's
 *     `pullPageSize`; without compression, gzip only as Chromium asks over plain HTTP, and brotli as it
 *     asks over HTTPS, which a PWA needs), through `store.pull`, and as raw better-sqlite3 reads:
 *     `SELECT * FROM missions ORDER BY _seq` in one query, and the pull's own query page by page
 *     without the row → document mapping. The paged SELECT and the HTTP pulls take turns, round after
 *     round, best round each: a shared machine's load changes within a minute.
 * Client and server share this process (one event loop), as in `pnpm bench` on a laptop.
 * Sizes: BENCH_MISSIONS (default 100000), BENCH_HTTP_PUSH (default 20000), BENCH_PULL_LIMIT (default
 * 2000), BENCH_PULL_ROUNDS (default 3). Parts: BENCH_PARTS, `push`,
 * `pull` or both (default `push,pull`); without `push`, the missions are written by `store.push` in
 * batches of 1000, untimed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeCheckpointParam, replicationPath, type Checkpoint, type PushResponse } from '@relais/sync-protocol';
import { createApp } from '../src/app';
import { openDatabase } from '../src/db/client';
import { createLogger } from '../src/logger';
import { createRowMapper } from '../src/replication/documents';
import { batchOf, dataset, listenLocally, percentile, seconds, signedInAs } from './support';

const missionCount = Number(process.env['BENCH_MISSIONS'] ?? 100_000);
const httpPushCount = Number(process.env['BENCH_HTTP_PUSH'] ?? 20_000);
const pushBatch = 100;
/** The PWA's page (`pullPageSize` in packages/replica). */
const pullLimit = Number(process.env['BENCH_PULL_LIMIT'] ?? 2000);
const pullRounds = Number(process.env['BENCH_PULL_ROUNDS'] ?? 3);
/** Issue 16's goal: HTTP pull throughput over a raw paged SELECT's. */
const pullGoal = 0.6;
const parts = new Set((process.env['BENCH_PARTS'] ?? 'push,pull').split(',').map((part) => part.trim()));

interface Figure {
  label: string;
  docs: number;
  seconds: number;
  /** CPU seconds of the whole process (thread pool included), steadier than the clock on a loaded machine. */
  cpuSeconds?: number;
  note?: string;
}

const rate = (figure: Figure): number => figure.docs / figure.seconds;

async function main(): Promise<void> {
  const benchStart = process.hrtime.bigint();
  const folder = mkdtempSync(join(tmpdir(), 'relais-bench-'));
  const db = openDatabase(join(folder, 'relais.db'));
  const sqlite = db.$client;
  const { app, store, auth } = createApp({ db, logger: createLogger('silent', undefined) });
  const { baseUrl, close } = await listenLocally(app.fetch);
  const authorization = await signedInAs(auth, baseUrl);
  const figures: Figure[] = [];
  console.log(`Relais replication bench: ${missionCount} missions, SQLite WAL in ${folder}, server ${baseUrl}\n`);

  try {
    for (const name of ['chauffeurs', 'voyages'] as const) {
      const seeded = store.push(name, dataset[name].map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })), { actor: null, source: 'import' });
      if (!seeded.ok) {
        throw new Error(`${name} refusés : ${JSON.stringify(seeded.issues).slice(0, 500)}`);
      }
    }

    if (!parts.has('push')) {
      for (let start = 0; start < missionCount; start += 1000) {
        const seeded = store.push('missions', batchOf(start, Math.min(1000, missionCount - start)), { actor: null, source: 'import' });
        if (!seeded.ok) {
          throw new Error(`missions refusées : ${JSON.stringify(seeded.issues).slice(0, 500)}`);
        }
      }
    }
    const pushFigures = parts.has('push') ? benchStorePush() : undefined;
    const pullFigures = parts.has('pull') ? await benchPull() : undefined;
    const httpFigures = pushFigures ? await benchHttpPush(pushFigures.rawBatch) : undefined;
    figures.push(
      ...(pushFigures ? [pushFigures.storePush, pushFigures.rawInsert] : []),
      ...(pullFigures ? Object.values(pullFigures) : []),
      ...(httpFigures ? [httpFigures.httpPush, httpFigures.rawInterleaved] : []),
    );
    printFigures(figures);
    console.log('\nRatios (débit de gauche / débit de droite)');
    if (pullFigures) {
      const { rawSelect, rawPaged, storePull, httpPull, httpPullGzip, httpPullBrotli } = pullFigures;
      ratio('SELECT brut / pull HTTP', rawSelect, httpPull);
      ratio('SELECT brut par pages / pull HTTP', rawPaged, httpPull);
      ratio('SELECT brut par pages / pull HTTP gzip', rawPaged, httpPullGzip);
      ratio('SELECT brut par pages / pull HTTP brotli', rawPaged, httpPullBrotli);
      ratio('SELECT brut / store.pull', rawSelect, storePull);
      ratio('store.pull / pull HTTP', storePull, httpPull);
    }
    if (pushFigures && httpFigures) {
      ratio('INSERT brut / store.push', pushFigures.rawInsert, pushFigures.storePush);
      ratio('store.push / push HTTP', pushFigures.storePush, httpFigures.httpPush);
      ratio('INSERT brut entre les push / push HTTP', httpFigures.rawInterleaved, httpFigures.httpPush);
    }
    console.log('');
    if (pullFigures) {
      // Issue 16: the HTTP pull at 0.6 of a raw paged SELECT of the same rows at least.
      for (const figure of [pullFigures.httpPull, pullFigures.httpPullGzip, pullFigures.httpPullBrotli]) {
        const share = rate(figure) / rate(pullFigures.rawPaged);
        // The same share in CPU seconds of the process: what the clock would say on an idle machine,
        // less the thread pool's parallel work (gzip pieces), which only the clock credits.
        const cpuShare = (pullFigures.rawPaged.cpuSeconds ?? NaN) / (figure.cpuSeconds ?? NaN);
        console.log(
          `objectif ${figure.label} ≥ ${pullGoal} × SELECT brut par pages : ${share >= pullGoal ? 'atteint' : 'non atteint'} (${share.toFixed(2)} ×) ; en temps CPU du processus : ${cpuShare.toFixed(2)} ×`,
        );
      }
    }
    if (pushFigures && httpFigures) {
      // Issue 16: the HTTP push (validation, rules, activity log) at 0.4 of raw inserts at least, both
      // measured batch for batch in the same minutes; the raw phase's figure, minutes earlier, beside it.
      const pushShare = rate(httpFigures.httpPush) / rate(httpFigures.rawInterleaved);
      const earlierShare = rate(httpFigures.httpPush) / rate(pushFigures.rawInsert);
      console.log(
        `push HTTP / INSERT brut entre les push : ${pushShare.toFixed(3)} × (objectif ≥ 0,4 : ${pushShare >= 0.4 ? 'atteint' : 'non atteint'}) ; / INSERT brut de la phase précédente : ${earlierShare.toFixed(3)} ×`,
      );
    }
    const rssMb = process.resourceUsage().maxRSS / 1024;
    console.log(`\nRSS max du processus : ${rssMb.toFixed(0)} Mo ; durée totale : ${seconds(benchStart).toFixed(1)} s ; Node ${process.version}`);
  } finally {
    await close();
    sqlite.close();
    rmSync(folder, { recursive: true, force: true });
  }

  /** Push through the store, then the raw baseline; `rawBatch` inserts more raw rows (seconds taken). */
  function benchStorePush(): { storePush: Figure; rawInsert: Figure; rawBatch: (start: number, size: number) => number } {
    // Push through the store: the figure that matters, validation + rules + write + sequence + log.
    const latencies: number[] = [];
    let pushSeconds = 0;
    for (let start = 0; start < missionCount; start += pushBatch) {
      const body = batchOf(start, Math.min(pushBatch, missionCount - start));
      const t = process.hrtime.bigint();
      const outcome = store.push('missions', body, { actor: null, source: 'import' });
      const elapsed = seconds(t);
      if (!outcome.ok || outcome.written !== body.length) {
        throw new Error(`push refusé au lot ${start / pushBatch}: ${JSON.stringify(outcome).slice(0, 500)}`);
      }
      latencies.push(elapsed * 1000);
      pushSeconds += elapsed;
    }
    const storePush: Figure = {
      label: `store.push (lots de ${pushBatch})`,
      docs: missionCount,
      seconds: pushSeconds,
      note: `lot p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
    };

    // Baseline: the same rows, same batches, plain INSERT in a transaction into a copy of the
    // missions table (same primary key and indexes), without validation, rules or activity log.
    const ddl = sqlite.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE tbl_name = 'missions' AND sql IS NOT NULL").all();
    for (const { sql } of ddl) {
      sqlite.exec(sql.replaceAll('`missions`', '`bench_raw_missions`').replace(/`missions_(\w+_idx)`/, '`bench_raw_missions_$1`'));
    }
    const mapper = createRowMapper('missions');
    const columns = [...mapper.columns.map((column) => column.field), '_seq', '_deleted', '_server_updated_at', '_updated_by'];
    const insert = sqlite.prepare(`INSERT INTO bench_raw_missions (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    const insertBatch = sqlite.transaction((rows: Record<string, unknown>[]) => {
      for (const row of rows) {
        insert.run(row);
      }
    });
    const at = new Date().toISOString();
    const rawBatch = (start: number, size: number): number => {
      const rows = batchOf(start, size).map((row, offset) => ({
        ...mapper.toRow(row.newDocumentState),
        _seq: start + offset + 1,
        _deleted: 0,
        _server_updated_at: at,
        _updated_by: null,
      }));
      const t = process.hrtime.bigint();
      insertBatch(rows);
      return seconds(t);
    };
    let rawInsertSeconds = 0;
    for (let start = 0; start < missionCount; start += pushBatch) {
      rawInsertSeconds += rawBatch(start, Math.min(pushBatch, missionCount - start));
    }
    const rawInsert: Figure = { label: `INSERT brut better-sqlite3 (lots de ${pushBatch})`, docs: missionCount, seconds: rawInsertSeconds };
    return { storePush, rawInsert, rawBatch };
  }

  /**
   * Pull: raw SELECT baselines and store.pull (best of two runs each), then the paged SELECT and the
   * real HTTP endpoint taking turns for `pullRounds` rounds, best round each.
   */
  async function benchPull(): Promise<Record<'rawSelect' | 'rawPaged' | 'storePull' | 'httpPull' | 'httpPullGzip' | 'httpPullBrotli', Figure>> {
    const timed = async (label: string, run: () => number | Promise<number>): Promise<{ wall: number; cpu: number }> => {
      const t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const docs = await run();
      if (docs !== missionCount) {
        throw new Error(`${label}: ${docs} documents lus, ${missionCount} attendus`);
      }
      const used = process.cpuUsage(cpu);
      return { wall: seconds(t), cpu: (used.user + used.system) / 1e6 };
    };
    const best = async (label: string, run: () => number | Promise<number>, runs = 2): Promise<Figure> => {
      let fastest = Infinity;
      for (let attempt = 0; attempt < runs; attempt += 1) {
        fastest = Math.min(fastest, (await timed(label, run)).wall);
      }
      return { label, docs: missionCount, seconds: fastest };
    };

    const selectAll = sqlite.prepare('SELECT * FROM missions ORDER BY _seq');
    const rawSelect = await best('SELECT * brut better-sqlite3 (1 requête)', () => selectAll.all().length);

    const storePull = await best(`store.pull (limit ${pullLimit})`, () => {
      let checkpoint: Checkpoint = { seq: 0 };
      let count = 0;
      for (;;) {
        const page = store.pull('missions', checkpoint, pullLimit);
        if (page.documents.length === 0) {
          return count;
        }
        count += page.documents.length;
        checkpoint = page.checkpoint;
      }
    });

    // The same query shape as the pull, without turning rows into documents.
    const selectPage = sqlite.prepare<[number, number], { _seq: number }>('SELECT * FROM missions WHERE _seq > ? ORDER BY _seq LIMIT ?');
    const rawPagedRun = (): number => {
      let seq = 0;
      let count = 0;
      for (;;) {
        const rows = selectPage.all(seq, pullLimit);
        if (rows.length === 0) {
          return count;
        }
        count += rows.length;
        seq = rows.at(-1)?._seq ?? seq;
      }
    };

    // Over HTTP as a client reads it (text decoded, JSON parsed): without compression (the LAN's worst
    // case), and with what Chromium asks over plain HTTP (gzip) and over HTTPS (brotli too).
    const variants = [
      { key: 'httpPull', label: `HTTP GET pull (limit ${pullLimit}, sans compression)`, acceptEncoding: 'identity' },
      { key: 'httpPullGzip', label: `HTTP GET pull (limit ${pullLimit}, gzip)`, acceptEncoding: 'gzip, deflate' },
      { key: 'httpPullBrotli', label: `HTTP GET pull (limit ${pullLimit}, brotli)`, acceptEncoding: 'gzip, deflate, br, zstd' },
    ] as const;
    const httpPullRun = async (acceptEncoding: string, sizes: { pages: number; json: number; sent: number; encoding: string }): Promise<number> => {
      let checkpoint: Checkpoint = { seq: 0 };
      let count = 0;
      Object.assign(sizes, { pages: 0, json: 0, sent: 0 });
      for (;;) {
        const response = await fetch(`${baseUrl}${replicationPath('missions', 'pull')}?checkpoint=${encodeCheckpointParam(checkpoint)}&limit=${pullLimit}`, {
          headers: { authorization, 'accept-encoding': acceptEncoding },
        });
        if (!response.ok) {
          throw new Error(`pull HTTP ${response.status}: ${await response.text()}`);
        }
        sizes.sent += Number(response.headers.get('content-length') ?? 0);
        if (sizes.pages === 0) {
          sizes.encoding = response.headers.get('content-encoding') ?? 'identity';
        }
        const text = await response.text();
        sizes.json += Buffer.byteLength(text);
        sizes.pages += 1;
        const page = JSON.parse(text) as { documents: unknown[]; checkpoint: Checkpoint };
        if (page.documents.length === 0) {
          return count;
        }
        count += page.documents.length;
        checkpoint = page.checkpoint;
      }
    };
    const rawPagedLabel = `SELECT * brut par pages de ${pullLimit}`;
    const fastest: Record<string, number> = {};
    const leastCpu: Record<string, number> = {};
    const sizes = Object.fromEntries(variants.map((variant) => [variant.key, { pages: 0, json: 0, sent: 0, encoding: '' }]));
    const keep = (key: string, took: { wall: number; cpu: number }): void => {
      fastest[key] = Math.min(fastest[key] ?? Infinity, took.wall);
      leastCpu[key] = Math.min(leastCpu[key] ?? Infinity, took.cpu);
    };
    for (let round = 0; round < pullRounds; round += 1) {
      keep('rawPaged', await timed(rawPagedLabel, rawPagedRun));
      for (const variant of variants) {
        const size = sizes[variant.key] ?? { pages: 0, json: 0, sent: 0, encoding: '' };
        keep(variant.key, await timed(variant.label, () => httpPullRun(variant.acceptEncoding, size)));
      }
    }
    const httpFigure = (variant: (typeof variants)[number]): Figure => {
      const size = sizes[variant.key] ?? { pages: 0, json: 0, sent: 0, encoding: '' };
      const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
      return {
        label: variant.label,
        docs: missionCount,
        seconds: fastest[variant.key] ?? Infinity,
        cpuSeconds: leastCpu[variant.key] ?? Infinity,
        note: `CPU ${(leastCpu[variant.key] ?? Infinity).toFixed(3)} s, ${size.pages} requêtes, ${mb(size.json)} Mo de JSON, ${mb(size.sent)} Mo envoyés (${size.encoding})`,
      };
    };
    const [httpPull, httpPullGzip, httpPullBrotli] = variants.map(httpFigure) as [Figure, Figure, Figure];
    const rawPaged: Figure = { label: rawPagedLabel, docs: missionCount, seconds: fastest['rawPaged'] ?? Infinity, cpuSeconds: leastCpu['rawPaged'] ?? Infinity, note: `CPU ${(leastCpu['rawPaged'] ?? Infinity).toFixed(3)} s, en alternance avec les pull HTTP, meilleur de ${pullRounds} tours` };
    return { rawSelect, rawPaged, storePull, httpPull, httpPullGzip, httpPullBrotli };
  }

  /**
   * Push over HTTP, same batch size, appended to the same database; each batch follows a raw batch of
   * as many rows into the raw table, which holds as many rows as `missions` by then: the goal's ratio
   * compares the two under the same load, disk and table sizes (the load of a shared machine changes
   * within a minute, and an fsync's cost with it).
   */
  async function benchHttpPush(rawBatch: (start: number, size: number) => number): Promise<{ httpPush: Figure; rawInterleaved: Figure }> {
    let httpPushSeconds = 0;
    let rawSeconds = 0;
    const httpLatencies: number[] = [];
    for (let start = missionCount; start < missionCount + httpPushCount; start += pushBatch) {
      const size = Math.min(pushBatch, missionCount + httpPushCount - start);
      rawSeconds += rawBatch(start, size);
      const body = JSON.stringify(batchOf(start, size));
      const t = process.hrtime.bigint();
      const response = await fetch(`${baseUrl}${replicationPath('missions', 'push')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body,
      });
      const answer = (await response.json()) as PushResponse<unknown>;
      const elapsed = seconds(t);
      if (!response.ok || answer.conflicts.length > 0 || answer.refusals.length > 0) {
        throw new Error(`push HTTP ${response.status}: refus ${JSON.stringify(answer.refusals).slice(0, 500)}, ${answer.conflicts.length} conflit(s)`);
      }
      httpLatencies.push(elapsed * 1000);
      httpPushSeconds += elapsed;
    }
    const httpPush: Figure = {
      label: `HTTP POST push (lots de ${pushBatch})`,
      docs: httpPushCount,
      seconds: httpPushSeconds,
      note: `lot p50 ${percentile(httpLatencies, 50).toFixed(2)} ms, p99 ${percentile(httpLatencies, 99).toFixed(2)} ms`,
    };
    const rawInterleaved: Figure = { label: `INSERT brut entre les push HTTP (lots de ${pushBatch})`, docs: httpPushCount, seconds: rawSeconds };
    sqlite.exec('DROP TABLE bench_raw_missions');
    return { httpPush, rawInterleaved };
  }
}

function printFigures(figures: readonly Figure[]): void {
  const width = Math.max(...figures.map((figure) => figure.label.length));
  console.log(`${'mesure'.padEnd(width)}  ${'docs'.padStart(8)}  ${'durée (s)'.padStart(9)}  ${'docs/s'.padStart(10)}  détail`);
  for (const figure of figures) {
    console.log(
      `${figure.label.padEnd(width)}  ${String(figure.docs).padStart(8)}  ${figure.seconds.toFixed(3).padStart(9)}  ${Math.round(rate(figure)).toLocaleString('fr-FR').padStart(10)}  ${figure.note ?? ''}`,
    );
  }
}

function ratio(label: string, a: Figure, b: Figure): void {
  console.log(`  ${label.padEnd(44)} ${(rate(a) / rate(b)).toFixed(2)} ×`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
