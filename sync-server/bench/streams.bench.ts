/**
 * The server's memory with live pull streams, in one run. The real server (`src/cli.ts serve`, through
 * tsx) runs as a process of its own, so its resident memory (VmRSS and its peak VmHWM, from /proc) is
 * its own, not this client's. Three fresh servers take the same writes (missions of about 1 KB pushed
 * over HTTP in batches of 100):
 *   - without any stream: the baseline;
 *   - with 50 streams whose clients read everything (50 open PWAs);
 *   - with 50 streams whose clients stopped reading after the first RESYNC (frozen tabs, hostile readers).
 * Each server first takes BENCH_STREAM_WARMUP writes without streams (the push path's own working
 * size), then opens its streams and takes BENCH_STREAM_WRITES writes.
 * Sizes: BENCH_STREAMS (default 50), BENCH_STREAM_WRITES (default 10000), BENCH_STREAM_WARMUP (default 10000).
 * Linux only (/proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const streamCount = Number(process.env['BENCH_STREAMS'] ?? 50);
const writeCount = Number(process.env['BENCH_STREAM_WRITES'] ?? 10_000);
const warmUpCount = Number(process.env['BENCH_STREAM_WARMUP'] ?? 10_000);
const batchSize = 100;
/** A session may hold 8 streams (RELAIS_STREAMS_PER_SESSION). */
const streamsPerSession = 8;
const mib = 1024 * 1024;
const cli = resolve(fileURLToPath(new URL('../src/cli.ts', import.meta.url)));
/** tsx's loader, found from here: the server runs in a temporary folder. */
const tsxLoader = import.meta.resolve('tsx');
const password = 'Relais-Banc-2026';

type Mode = 'aucun flux' | 'flux lus' | 'flux bloqués';

interface Memory {
  rss: number;
  peak: number;
}

function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolveDelay) => setTimeout(resolveDelay, ms));

interface ServerProcess {
  url: string;
  pid: number;
  adminPassword: string;
  stop(): Promise<void>;
}

/** A fresh server on a free port with its own SQLite file; resolves once /health answers. */
async function startServerProcess(): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-streams-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('RELAIS_')) {
      env[key] = value;
    }
  }
  const child: ChildProcess = spawn(process.execPath, ['--import', tsxLoader, cli, 'serve'], {
    cwd: dir,
    env: {
      ...env,
      RELAIS_HOST: '127.0.0.1',
      RELAIS_PORT: String(port),
      RELAIS_DATABASE_PATH: join(dir, 'relais.db'),
      RELAIS_LOG_FILE: '',
      RELAIS_LOG_LEVEL: 'warn',
      RELAIS_WEB_DIST: join(dir, 'sans-pwa'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const admin = /mot de passe provisoire « ([^»\s]+) »/.exec(output)?.[1];
    const healthy = await fetch(`${url}/health`).then((response) => response.ok, () => false);
    if (healthy && admin !== undefined && child.pid !== undefined) {
      return { url, pid: child.pid, adminPassword: admin, stop };
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`le serveur ne démarre pas :\n${output.slice(-2000)}`);
    }
    await delay(100);
  }
}

async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST ${url} : HTTP ${response.status} ${text.slice(0, 300)}`);
  }
  return JSON.parse(text) as unknown;
}

async function signIn(server: ServerProcess, secret: string): Promise<string> {
  const body = (await post(`${server.url}/auth/login`, { username: 'ADMIN', password: secret, hostname: 'banc' })) as { access_token: string };
  return body.access_token;
}

function mission(index: number): Record<string, unknown> {
  return {
    newDocumentState: {
      id: randomUUID(),
      rev: 1,
      updated_at: new Date().toISOString(),
      _deleted: false,
      date_mission: '2030-01-07',
      heure_debut: '06:00',
      type_mission: 'livraison',
      destination: `Entrepôt ${index}`,
      statut: 'planifie',
      commentaire: `Quai ${index % 40} : prévenir 30 min avant, hayon obligatoire. `.repeat(14),
    },
  };
}

async function pushMissions(server: ServerProcess, token: string, count: number, from: number): Promise<void> {
  for (let start = 0; start < count; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, count - start) }, (_, offset) => mission(from + start + offset));
    await post(`${server.url}/api/replication/missions/push`, rows, token);
  }
}

interface OpenStream {
  /** Bytes received so far. */
  received(): number;
  /** The highest checkpoint received in a batch. */
  lastSeq(): number;
  close(): void;
}

/** A stream read by hand; `stall` stops reading after the first frame (the RESYNC). */
function openStream(server: ServerProcess, token: string, stall: boolean): Promise<OpenStream> {
  return new Promise((resolveStream, reject) => {
    const req = request(`${server.url}/api/replication/pull-stream?collections=missions`, { headers: { authorization: `Bearer ${token}` }, agent: false }, (response: IncomingMessage) => {
      if (response.statusCode !== 200) {
        reject(new Error(`flux refusé : HTTP ${response.statusCode}`));
        return;
      }
      let received = 0;
      let lastSeq = 0;
      let tail = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        received += chunk.length;
        // The checkpoint closes each batch's JSON: only the end of the text is needed to read it.
        tail = (tail + chunk).slice(-200);
        const seqs = [...tail.matchAll(/"checkpoint":\{"seq":(\d+)\}/g)].map((match) => Number(match[1]));
        lastSeq = Math.max(lastSeq, ...seqs);
        if (stall) {
          response.pause();
        }
        resolveStream({ received: () => received, lastSeq: () => lastSeq, close: () => req.destroy() });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

interface Outcome {
  mode: Mode;
  before: Memory;
  after: Memory;
  seconds: number;
  delivered: string;
}

async function run(mode: Mode): Promise<Outcome> {
  const server = await startServerProcess();
  try {
    const first = await signIn(server, server.adminPassword);
    await post(`${server.url}/auth/change-password`, { current_password: server.adminPassword, new_password: password }, first);
    const tokens: string[] = [];
    for (let session = 0; session < Math.ceil(streamCount / streamsPerSession); session += 1) {
      tokens.push(await signIn(server, password));
    }
    await pushMissions(server, tokens[0]!, warmUpCount, -warmUpCount);
    const streams: OpenStream[] = [];
    if (mode !== 'aucun flux') {
      for (let index = 0; index < streamCount; index += 1) {
        streams.push(await openStream(server, tokens[Math.floor(index / streamsPerSession)]!, mode === 'flux bloqués'));
      }
    }
    const before = memoryOf(server.pid);
    const started = process.hrtime.bigint();
    await pushMissions(server, tokens[0]!, writeCount, 0);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const lastSeq = warmUpCount + writeCount;
    if (mode === 'flux lus') {
      const deadline = Date.now() + 30_000;
      while (streams.some((stream) => stream.lastSeq() < lastSeq) && Date.now() < deadline) {
        await delay(50);
      }
    } else {
      await delay(500);
    }
    const after = memoryOf(server.pid);
    const caughtUp = streams.filter((stream) => stream.lastSeq() >= lastSeq).length;
    const bytes = streams.reduce((sum, stream) => sum + stream.received(), 0);
    const delivered = mode === 'aucun flux' ? '—' : `${caughtUp}/${streams.length} à jour, ${(bytes / mib).toFixed(1)} Mo reçus`;
    for (const stream of streams) {
      stream.close();
    }
    return { mode, before, after, seconds, delivered };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log(`Relais pull streams bench: ${streamCount} flux, ${warmUpCount} écritures d'échauffement puis ${writeCount} écritures (lots de ${batchSize}), Node ${process.version}\n`);
  const outcomes: Outcome[] = [];
  for (const mode of ['aucun flux', 'flux lus', 'flux bloqués'] as const) {
    outcomes.push(await run(mode));
  }
  const mb = (bytes: number): string => (bytes / mib).toFixed(0).padStart(6);
  console.log(`${'serveur'.padEnd(14)}  ${'RSS avant'.padStart(9)}  ${'RSS après'.padStart(9)}  ${'pic'.padStart(6)}  ${'écritures/s'.padStart(11)}  flux`);
  for (const outcome of outcomes) {
    console.log(
      `${outcome.mode.padEnd(14)}  ${mb(outcome.before.rss).padStart(9)}  ${mb(outcome.after.rss).padStart(9)}  ${mb(outcome.after.peak)}  ${(writeCount / outcome.seconds).toFixed(0).padStart(11)}  ${outcome.delivered}`,
    );
  }
  const baseline = outcomes[0]!;
  console.log('\nRatios (pic de RSS / pic sans flux, même run)');
  for (const outcome of outcomes.slice(1)) {
    console.log(`  ${`${streamCount} ${outcome.mode}`.padEnd(24)} ${(outcome.after.peak / baseline.after.peak).toFixed(2)} ×  (${((outcome.after.peak - baseline.after.peak) / mib).toFixed(0)} Mo)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
