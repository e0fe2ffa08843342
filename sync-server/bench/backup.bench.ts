/**
 * Online backup of a large database (BACKUP_BENCH_MB, 1024 by default), in one run on a temporary
 * SQLite file (WAL), every figure on the same file:
 *   - baselines: a plain file copy, and `sqlite3 <db> ".backup <copy>"` when the sqlite3 CLI is installed;
 *   - Relais' backup (online copy in steps, integrity check, gzip, SHA-256, manifest): MB/s of the
 *     whole and of its copy phase alone;
 *   - pushes over real HTTP (BACKUP_BENCH_WRITERS writers, 10 missions a batch): latency p50/p99
 *     for BACKUP_BENCH_IDLE_S seconds without a backup, then while a backup runs;
 *   - the restore of that backup: in all, and its swap alone (one transaction that holds the
 *     server's event loop).
 * Client and server share this process (one event loop), as in `pnpm bench` on a laptop.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Mission } from '@relais/schema';
import { createApp } from '../src/app';
import type { AuthService } from '../src/auth/service';
import { openDatabase } from '../src/db/client';
import { createLogger } from '../src/logger';
import { createRowMapper } from '../src/replication/documents';

const targetMb = Number(process.env['BACKUP_BENCH_MB'] ?? 1024);
const writers = Number(process.env['BACKUP_BENCH_WRITERS'] ?? 2);
const idleSeconds = Number(process.env['BACKUP_BENCH_IDLE_S'] ?? 10);

const words = ['quai', 'hayon', 'palette', 'Rungis', 'prévenir', 'chauffeur', 'livraison', 'retour', 'client', 'Corbas', 'rendez-vous', 'filmées', 'sangles', 'cariste', 'badge', 'BL', 'signé', 'réserve'];

/** Text that compresses like real comments do (not a run of one letter). */
function comment(seed: number, length: number): string {
  const parts: string[] = [];
  let size = 0;
  let state = seed;
  while (size < length) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const word = `${words[state % words.length] ?? 'x'}${state % 7 === 0 ? ` ${state % 1000}` : ''}`;
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(' ').slice(0, length);
}

function mission(index: number, note: string): Mission {
  return {
    id: randomUUID(),
    rev: 1,
    updated_at: new Date(Date.UTC(2030, 0, 1) + index * 1000).toISOString(),
    date_mission: '2030-01-07',
    heure_debut: '06:00',
    type_mission: 'livraison',
    destination: `Destination ${index % 500}`,
    statut: 'planifie',
    commentaire: note,
  };
}

function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function signedInAs(auth: AuthService, baseUrl: string): Promise<string> {
  const password = 'Relais-2026';
  const at = auth.iso();
  auth.repo.insertUser({ username: 'BENCH', display_name: 'Bench', role: 'planner', created_at: at, updated_at: at, password_hash: await auth.hashNewPassword(password) });
  const response = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'BENCH', password }) });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) {
    throw new Error(`connexion impossible : ${JSON.stringify(body)}`);
  }
  return `Bearer ${body.access_token}`;
}

/** Pushes 10 new missions at a time until `until()` says stop; returns each push's latency (ms). */
async function pushWhile(baseUrl: string, authorization: string, until: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: writers }, async () => {
      let index = 0;
      while (!until()) {
        const body = Array.from({ length: 10 }, () => ({ newDocumentState: { ...mission((index += 1), 'poussée pendant la mesure'), _deleted: false } }));
        const started = process.hrtime.bigint();
        const response = await fetch(`${baseUrl}/api/replication/missions/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        if (!response.ok) {
          throw new Error(`push refusé : HTTP ${response.status}`);
        }
        latencies.push(seconds(started) * 1000);
      }
    }),
  );
  return latencies;
}

/** Fills the missions table with rows as the store writes them, up to about `targetMb`. */
function fill(sqlite: ReturnType<typeof openDatabase>['$client'], path: string): number {
  const mapper = createRowMapper('missions');
  const columns = [...mapper.columns.map((column) => column.field), '_seq', '_deleted', '_server_updated_at', '_updated_by', '_created_at', '_created_by'];
  const insert = sqlite.prepare(`INSERT INTO missions (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const at = new Date().toISOString();
  let seq = 0;
  const batch = sqlite.transaction((count: number) => {
    for (let n = 0; n < count; n += 1) {
      seq += 1;
      insert.run({ ...mapper.toRow({ ...mission(seq, comment(seq, 1800)), _deleted: false }), _seq: seq, _deleted: 0, _server_updated_at: at, _updated_by: null, _created_at: at, _created_by: null });
    }
  });
  while (statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) < targetMb * 1_000_000) {
    batch(10_000);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
  sqlite.prepare('INSERT INTO sync_sequence (id, value) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value').run(seq);
  return seq;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'relais-backup-bench-'));
  const path = join(folder, 'relais.db');
  const db = openDatabase(path);
  const sqlite = db.$client;
  try {
    const fillStart = process.hrtime.bigint();
    const rows = fill(sqlite, path);
    const megabytes = statSync(path).size / 1_000_000;
    console.log(`Relais backup bench: ${megabytes.toFixed(0)} Mo (${rows} missions) dans ${folder}, rempli en ${seconds(fillStart).toFixed(0)} s\n`);

    const figures: { label: string; seconds: number; note?: string }[] = [];
    let t = process.hrtime.bigint();
    copyFileSync(path, join(folder, 'copie.db'));
    figures.push({ label: 'copie de fichier (copyFileSync)', seconds: seconds(t) });
    rmSync(join(folder, 'copie.db'));
    try {
      t = process.hrtime.bigint();
      execFileSync('sqlite3', [path, `.backup '${join(folder, 'sqlite3.db')}'`], { stdio: 'ignore' });
      figures.push({ label: 'sqlite3 .backup', seconds: seconds(t) });
      rmSync(join(folder, 'sqlite3.db'));
    } catch {
      console.log('(sqlite3 absent : pas de mesure « sqlite3 .backup »)');
    }

    const { app, auth, backups } = createApp({ db, logger: createLogger('silent', undefined), backups: { dir: join(folder, 'backups'), retention: { retentionDays: 30, minKeep: 7 } } });
    if (!backups) {
      throw new Error('service de sauvegarde absent');
    }
    const server = await new Promise<ServerType>((resolve) => {
      const running = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(running));
    });
    const address = server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const authorization = await signedInAs(auth, baseUrl);

    const idleUntil = Date.now() + idleSeconds * 1000;
    const idle = await pushWhile(baseUrl, authorization, () => Date.now() > idleUntil);

    let running = true;
    let copySeconds = 0;
    t = process.hrtime.bigint();
    const backup = backups
      .create({
        description: 'bench',
        actor: null,
        progress: ({ label }) => {
          if (label !== 'copie de la base' && copySeconds === 0) {
            copySeconds = seconds(t);
          }
        },
      })
      .finally(() => {
        running = false;
      });
    const during = await pushWhile(baseUrl, authorization, () => !running);
    const entry = await backup;
    const total = seconds(t);
    figures.push({ label: 'Relais : phase de copie (API de sauvegarde, pas à pas)', seconds: copySeconds });
    figures.push({
      label: 'Relais : sauvegarde complète',
      seconds: total,
      note: `dont contrôle d'intégrité et gzip + SHA-256 côte à côte ${(total - copySeconds).toFixed(1)} s ; ${(entry.manifest.size_bytes / 1_000_000).toFixed(0)} Mo compressés`,
    });
    server.close();

    let swapStarted = 0n;
    let swapSeconds = 0;
    t = process.hrtime.bigint();
    await backups.restore(entry.manifest.filename, {
      actor: null,
      progress: ({ label }) => {
        if (label === 'début de la transaction') {
          swapStarted = process.hrtime.bigint();
        } else if (label === 'journal' && swapStarted > 0n) {
          swapSeconds = seconds(swapStarted);
        }
      },
    });
    figures.push({ label: 'Relais : restauration complète', seconds: seconds(t), note: `vérification, sauvegarde de sécurité, échange ; dont échange (transaction) ${swapSeconds.toFixed(1)} s` });

    console.log(`${'mesure'.padEnd(56)}  ${'durée (s)'.padStart(9)}  ${'Mo/s'.padStart(7)}`);
    for (const figure of figures) {
      console.log(`${figure.label.padEnd(56)}  ${figure.seconds.toFixed(2).padStart(9)}  ${(megabytes / figure.seconds).toFixed(0).padStart(7)}${figure.note ? `  ${figure.note}` : ''}`);
    }
    const baseline = figures.find((figure) => figure.label === 'sqlite3 .backup') ?? figures[0];
    if (baseline) {
      console.log(`\nRatios de débit contre « ${baseline.label} » : copie Relais ${(baseline.seconds / copySeconds).toFixed(2)} ×, sauvegarde complète ${(baseline.seconds / total).toFixed(2)} ×`);
    }
    const line = (label: string, values: number[]): string =>
      `${label.padEnd(24)} ${String(values.length).padStart(6)} pushes  p50 ${percentile(values, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(values, 99).toFixed(1).padStart(7)} ms  max ${Math.max(...values).toFixed(1).padStart(7)} ms`;
    console.log(`\nLatence des pushes HTTP (${writers} écrivains, lots de 10 missions)`);
    console.log(line('sans sauvegarde', idle));
    console.log(line('pendant la sauvegarde', during));
    console.log(`Ratio p99 pendant / sans : ${(percentile(during, 99) / percentile(idle, 99)).toFixed(2)} ×`);
  } finally {
    sqlite.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
