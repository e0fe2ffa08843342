/**
 * TomatoPlan's REST API under a steady load, on the built server (`pnpm build` first) run as its own
 * process, as in production, with autocannon in this one as the clients:
 *   - `GET /missions?date_debut=…&date_fin=…` for one week of a company of 200 chauffeurs (each one
 *     mission per working day, four weeks in the database), with a planner's bearer token;
 *   - `GET /health` at the same rate: the server's floor (routing, no database, no auth).
 * A fixed rate of 500 requests per second over 20 connections for each (autocannon corrects the
 * latencies for coordinated omission: a request the server was too busy to accept counts from when it
 * should have been sent). Figures: p50/p99 latency, requests per second achieved, and the ratios.
 * Whose latency is it? During each load the server's event loop delay is measured inside the server
 * (`monitorEventLoopDelay`, loaded with `--import`, read on SIGUSR2) and the clients' in this process:
 * a tail the server's loop does not show comes from the clients' side (their loop, the shared CPUs).
 * Goal (issue 16): `GET /missions` of a week at 500 req/s over 20 connections, p99 ≤ 20 ms.
 * Settings: BENCH_REST_RATE (500), BENCH_REST_CONNECTIONS (20), BENCH_REST_SECONDS (10),
 * BENCH_REST_CHAUFFEURS (200), BENCH_REST_WORKERS (autocannon worker threads, 0: clients on this
 * thread), BENCH_REST_NODE_ARGS (options of the server's node, e.g. --cpu-prof).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Chauffeur, Mission } from '@relais/schema';
import autocannon from 'autocannon';
import { createApp } from '../src/app';
import { openDatabase } from '../src/db/client';
import { createLogger } from '../src/logger';
import { addBenchUser, benchMission, percentile, seconds, signInOverHttp } from './support';

const rate = Number(process.env['BENCH_REST_RATE'] ?? 500);
const connections = Number(process.env['BENCH_REST_CONNECTIONS'] ?? 20);
const duration = Number(process.env['BENCH_REST_SECONDS'] ?? 10);
const chauffeurCount = Number(process.env['BENCH_REST_CHAUFFEURS'] ?? 200);
const workers = Number(process.env['BENCH_REST_WORKERS'] ?? 0);
const goalP99Ms = 20;
const weeks = 4;
const serverCli = resolve(fileURLToPath(import.meta.url), '../../dist/cli.js');

/** Monday 2 March 2026 plus `offset` days, as `YYYY-MM-DD`. */
function day(offset: number): string {
  return new Date(Date.UTC(2026, 2, 2) + offset * 86_400_000).toISOString().slice(0, 10);
}

function chauffeur(index: number): Chauffeur {
  const code = `CH${String(index + 1).padStart(3, '0')}`;
  return {
    id: randomUUID(),
    rev: 1,
    updated_at: '2026-01-05T08:00:00.000Z',
    code,
    nom: `NOM-${code}`,
    prenom: 'Prénom',
    type_contrat: 'CDI',
    permis: 'CE',
    adr: index % 3 === 0,
    fimo: true,
    competences: [],
    is_active: true,
  };
}

/** The company's plan: each chauffeur one run per working day, every field filled as the planning does. */
function plannedMissions(chauffeurs: Chauffeur[]): Mission[] {
  const missions: Mission[] = [];
  for (let week = 0; week < weeks; week += 1) {
    for (let weekday = 0; weekday < 5; weekday += 1) {
      for (const driver of chauffeurs) {
        const { voyage_id: _line, ...mission } = benchMission(missions.length);
        missions.push({ ...mission, date_mission: day(week * 7 + weekday), chauffeur_id: driver.id, heure_debut: '06:00', heure_fin: '09:00' });
      }
    }
  }
  return missions;
}

/**
 * Loaded into the server's node (`--import data:…`): its event loop delay since the last SIGUSR2,
 * written on stderr as a `loop-delay {json}` line at each SIGUSR2.
 */
const loopDelayProbe = [
  "import { monitorEventLoopDelay } from 'node:perf_hooks';",
  'const histogram = monitorEventLoopDelay({ resolution: 1 });',
  'histogram.enable();',
  "process.on('SIGUSR2', () => {",
  "  process.stderr.write(`loop-delay ${JSON.stringify({ p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 })}\\n`);",
  '  histogram.reset();',
  '});',
].join('\n');

interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The built server on `folder`'s database, with the production defaults but the address. */
async function startBuiltServer(folder: string): Promise<{ child: ChildProcess; baseUrl: string; loopDelay: () => Promise<LoopDelay> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RELAIS_')));
  // BENCH_REST_NODE_ARGS: options for the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const nodeArgs = (process.env['BENCH_REST_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
  const probe = `--import=data:text/javascript,${encodeURIComponent(loopDelayProbe)}`;
  const child = spawn(process.execPath, [...nodeArgs, probe, serverCli, 'serve'], {
    cwd: folder,
    env: { ...env, RELAIS_HOST: '127.0.0.1', RELAIS_PORT: String(port), RELAIS_DATABASE_PATH: join(folder, 'relais.db'), RELAIS_WEB_DIST: join(folder, 'sans-pwa') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let pending = '';
  const delays: ((delay: LoopDelay) => void)[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
    pending += chunk;
    let end = pending.indexOf('\n');
    while (end >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (line.startsWith('loop-delay ')) {
        delays.shift()?.(JSON.parse(line.slice('loop-delay '.length)) as LoopDelay);
      }
      end = pending.indexOf('\n');
    }
  });
  /** The server's event loop delay since the previous call. */
  const loopDelay = (): Promise<LoopDelay> =>
    new Promise((resolveDelay) => {
      delays.push(resolveDelay);
      child.kill('SIGUSR2');
    });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`le serveur s'est arrêté au démarrage :\n${stderr}`);
    }
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) {
        return { child, baseUrl, loopDelay };
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`/health ne répond pas après 30 s :\n${stderr}`);
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
  }
}

interface Load {
  label: string;
  result: autocannon.Result;
  bytesPerResponse: number;
  serverLoop: LoopDelay;
  clientLoop: LoopDelay;
}

async function load(label: string, url: string, headers: Record<string, string>, seconds: number, serverLoop: () => Promise<LoopDelay>): Promise<Load> {
  await serverLoop();
  const clientHistogram = monitorEventLoopDelay({ resolution: 1 });
  clientHistogram.enable();
  // In worker mode autocannon gives each worker the whole overall rate: split it so the sum is `rate`.
  const result = await autocannon(
    workers > 0 ? { url, connections, overallRate: Math.round(rate / workers), duration: seconds, headers, workers } : { url, connections, overallRate: rate, duration: seconds, headers },
  );
  clientHistogram.disable();
  const clientLoop = { p50: clientHistogram.percentile(50) / 1e6, p99: clientHistogram.percentile(99) / 1e6, max: clientHistogram.max / 1e6 };
  // Timeouts (10 s) are a figure of an overloaded server; an error status means the bench is wrong.
  if (result.non2xx > 0) {
    throw new Error(`${label} : ${result.non2xx} réponses non 2xx`);
  }
  const responses = result['2xx'];
  return { label, result, bytesPerResponse: responses > 0 ? result.throughput.total / responses : 0, serverLoop: await serverLoop(), clientLoop };
}

async function main(): Promise<void> {
  const benchStart = process.hrtime.bigint();
  if (!existsSync(serverCli)) {
    throw new Error(`Serveur non construit : ${serverCli} est absent. Lancez « pnpm build » à la racine du dépôt.`);
  }
  const folder = mkdtempSync(join(tmpdir(), 'relais-bench-rest-'));
  let server: ChildProcess | undefined;
  try {
    // The company, written through the one write path, then the database handed to the server.
    const db = openDatabase(join(folder, 'relais.db'));
    const { store, auth } = createApp({ db, logger: createLogger('silent', undefined) });
    const chauffeurs = Array.from({ length: chauffeurCount }, (_, index) => chauffeur(index));
    const missions = plannedMissions(chauffeurs);
    for (const [name, docs] of [['chauffeurs', chauffeurs], ['missions', missions]] as const) {
      for (let start = 0; start < docs.length; start += 500) {
        const outcome = store.push(name, docs.slice(start, start + 500).map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })), { actor: null, source: 'import' });
        if (!outcome.ok || outcome.written !== Math.min(500, docs.length - start)) {
          throw new Error(`${name} refusés : ${JSON.stringify(outcome).slice(0, 500)}`);
        }
      }
    }
    const user = await addBenchUser(auth, 'planner');
    db.$client.close();

    const started = await startBuiltServer(folder);
    server = started.child;
    const authorization = await signInOverHttp(started.baseUrl, user);
    const week = `date_debut=${day(14)}&date_fin=${day(20)}`;
    const missionsUrl = `${started.baseUrl}/missions?${week}&limit=10000`;
    const sample = await fetch(missionsUrl, { headers: { authorization } });
    const weekMissions = ((await sample.json()) as unknown[]).length;
    if (!sample.ok || weekMissions !== chauffeurCount * 5) {
      throw new Error(`GET /missions : HTTP ${sample.status}, ${weekMissions} missions, ${chauffeurCount * 5} attendues`);
    }
    // One request at a time: what a response costs the server without any queue.
    const alone: number[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const t = process.hrtime.bigint();
      await (await fetch(missionsUrl, { headers: { authorization } })).arrayBuffer();
      alone.push(seconds(t) * 1000);
    }
    console.log(
      `\nRelais REST bench: built server in its own process (pid ${server.pid}), ${chauffeurCount} chauffeurs, ${missions.length} missions over ${weeks} weeks; ` +
        `GET /missions?${week} returns ${weekMissions} missions; ${rate} req/s over ${connections} connections, ${duration} s each (after a 3 s warm-up); ` +
        `clients: autocannon ${workers > 0 ? `in ${workers} worker threads` : 'on the bench thread'}\n`,
    );

    console.log(`GET /missions d'une semaine, une requête à la fois : p50 ${percentile(alone, 50).toFixed(1)} ms (20 requêtes)\n`);
    const loads: Load[] = [];
    for (const [label, url, headers] of [
      ['GET /health', `${started.baseUrl}/health`, {}],
      [`GET /missions (une semaine, ${weekMissions} missions)`, missionsUrl, { authorization }],
      // As TomatoPlan's clients ask (Python `requests` sends this header by default).
      [`GET /missions (une semaine, gzip)`, missionsUrl, { authorization, 'accept-encoding': 'gzip, deflate' }],
    ] as const) {
      await load(label, url, headers, 3, started.loopDelay);
      loads.push(await load(label, url, headers, duration, started.loopDelay));
    }

    const width = Math.max(...loads.map((entry) => entry.label.length));
    console.log(
      `${'route'.padEnd(width)}  ${'req/s obtenues'.padStart(14)}  ${'p50 (ms)'.padStart(9)}  ${'p99 (ms)'.padStart(9)}  ${'max (ms)'.padStart(9)}  ${'Ko/réponse'.padStart(10)}  ${'expirées (10 s)'.padStart(15)}  ${'boucle serveur p99/max (ms)'.padStart(27)}  ${'boucle clients p99/max (ms)'.padStart(27)}`,
    );
    const loop = (delay: LoopDelay): string => `${delay.p99.toFixed(1)} / ${delay.max.toFixed(0)}`;
    for (const { label, result, bytesPerResponse, serverLoop, clientLoop } of loads) {
      console.log(
        `${label.padEnd(width)}  ${result.requests.average.toFixed(0).padStart(14)}  ${result.latency.p50.toFixed(1).padStart(9)}  ${result.latency.p99.toFixed(1).padStart(9)}  ${result.latency.max.toFixed(0).padStart(9)}  ${(bytesPerResponse / 1024).toFixed(1).padStart(10)}  ${String(result.timeouts).padStart(15)}  ${loop(serverLoop).padStart(27)}  ${loop(clientLoop).padStart(27)}`,
      );
    }
    const [health, ...weekLoads] = loads;
    for (const weekLoad of health ? weekLoads : []) {
      console.log(`\nRatios (${weekLoad.label} / ${health?.label ?? ''})`);
      console.log(`  p50                 ${(weekLoad.result.latency.p50 / Math.max(health?.result.latency.p50 ?? 0, 0.001)).toFixed(1)} ×`);
      console.log(`  p99                 ${(weekLoad.result.latency.p99 / Math.max(health?.result.latency.p99 ?? 0, 0.001)).toFixed(1)} ×`);
      console.log(`  req/s obtenues      ${(weekLoad.result.requests.average / Math.max(health?.result.requests.average ?? 0, 0.001)).toPrecision(2)} × (cible ${rate} req/s)`);
    }
    console.log('');
    for (const weekLoad of weekLoads) {
      const reached = weekLoad.result.latency.p99 <= goalP99Ms && weekLoad.result.requests.average >= rate * 0.95;
      console.log(
        `objectif ${weekLoad.label} à ${rate} req/s, p99 ≤ ${goalP99Ms} ms : ${reached ? 'atteint' : 'non atteint'} (p99 ${weekLoad.result.latency.p99.toFixed(1)} ms, ${weekLoad.result.requests.average.toFixed(0)} req/s ; /health p99 ${health?.result.latency.p99.toFixed(1) ?? '?'} ms)`,
      );
    }
    console.log(`\nDurée totale : ${seconds(benchStart).toFixed(1)} s ; Node ${process.version} ; ${cpus().length} cœurs, charge moyenne ${loadavg()[0]?.toFixed(1)}`);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolveExit) => server?.once('exit', resolveExit));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
