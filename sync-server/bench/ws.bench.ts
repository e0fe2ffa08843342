/**
 * Write-to-client latency of TomatoPlan's /ws with 200 sockets on loopback, next to the write-to-SSE
 * latency of the replication pull stream, in the same run and on the same server. One server in this
 * process (src/server.ts), 200 WebSocket clients (`ws`) and one SSE reader; a writer pushes one
 * mission at a time over HTTP (`POST /api/replication/missions/push`), BENCH_WS_GAP_MS apart, and
 * each arrival is timed from the moment the push was sent.
 * Sizes: BENCH_WS_SOCKETS (default 200), BENCH_WS_WRITES (default 200), BENCH_WS_GAP_MS (default 20).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import WebSocket from 'ws';
import { loadConfig } from '../src/config';
import { startServer } from '../src/server';
import { addBenchUser, benchMission, percentile, signInOverHttp } from './support';

const socketCount = Number(process.env['BENCH_WS_SOCKETS'] ?? 200);
const writeCount = Number(process.env['BENCH_WS_WRITES'] ?? 200);
const gapMs = Number(process.env['BENCH_WS_GAP_MS'] ?? 20);

const dir = mkdtempSync(join(tmpdir(), 'relais-bench-ws-'));
const config = loadConfig({ RELAIS_HOST: '127.0.0.1', RELAIS_PORT: '1', RELAIS_DATABASE_PATH: join(dir, 'relais.db'), RELAIS_LOG_FILE: '', RELAIS_LOG_LEVEL: 'error' }, join(dir, 'absent.env'));
const server = await startServer({ ...config, RELAIS_PORT: 0, RELAIS_WEB_DIST: join(dir, 'no-web') }, pino({ level: 'silent' }));
const authorization = await signInOverHttp(server.url, await addBenchUser(server.auth, 'planner_advanced'));
const token = authorization.slice('Bearer '.length);

/** When each mission id reached each reader (performance.now()). */
const wsArrivals = new Map<string, number[]>();
const sseArrivals = new Map<string, number>();

const sockets: WebSocket[] = [];
for (let index = 0; index < socketCount; index += 1) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws?token=${token}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { type: string; data?: { entity_id?: string } };
      if (message.type === 'welcome') {
        resolve();
      } else if (message.type === 'data_changed' && message.data?.entity_id) {
        const at = performance.now();
        const list = wsArrivals.get(message.data.entity_id) ?? [];
        list.push(at);
        wsArrivals.set(message.data.entity_id, list);
      }
    });
  });
  sockets.push(socket);
}

const sse = await fetch(`${server.url}/api/replication/pull-stream?collections=missions`, { headers: { authorization } });
const reader = sse.body?.getReader();
if (!reader) {
  throw new Error('flux SSE sans corps');
}
const decoder = new TextDecoder();
void (async () => {
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      return;
    }
    const at = performance.now();
    buffer += decoder.decode(value, { stream: true });
    const frames = buffer.split('\n\n');
    buffer = frames.pop() ?? '';
    for (const frame of frames) {
      for (const match of frame.matchAll(/"id":"([0-9a-f-]{36})"/g)) {
        if (match[1] && !sseArrivals.has(match[1])) {
          sseArrivals.set(match[1], at);
        }
      }
    }
  }
})();

const sent = new Map<string, number>();
for (let index = 0; index < writeCount; index += 1) {
  const mission = benchMission(index);
  sent.set(mission.id, performance.now());
  const response = await fetch(`${server.url}/api/replication/missions/push`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify([{ newDocumentState: { ...mission, _deleted: false } }]),
  });
  if (!response.ok) {
    throw new Error(`push refusé : ${response.status} ${await response.text()}`);
  }
  await new Promise((resolve) => setTimeout(resolve, gapMs));
}
await new Promise((resolve) => setTimeout(resolve, 1000));

const wsAll: number[] = [];
const wsLast: number[] = [];
const sseAll: number[] = [];
let missing = 0;
for (const [id, at] of sent) {
  const arrivals = wsArrivals.get(id) ?? [];
  missing += socketCount - arrivals.length;
  wsAll.push(...arrivals.map((arrival) => arrival - at));
  if (arrivals.length > 0) {
    wsLast.push(Math.max(...arrivals) - at);
  }
  const sseAt = sseArrivals.get(id);
  if (sseAt !== undefined) {
    sseAll.push(sseAt - at);
  }
}

const ms = (value: number): string => `${value.toFixed(2)} ms`;
console.log(`/ws : ${socketCount} sockets, ${writeCount} écritures (une mission par push, ${gapMs} ms d’écart), ${missing} messages manquants`);
console.log(`  écriture → /ws (chaque socket)   p50 ${ms(percentile(wsAll, 50))}  p99 ${ms(percentile(wsAll, 99))}  (${wsAll.length} arrivées)`);
console.log(`  écriture → /ws (dernier socket)  p50 ${ms(percentile(wsLast, 50))}  p99 ${ms(percentile(wsLast, 99))}`);
console.log(`  écriture → SSE (flux de réplication, référence) p50 ${ms(percentile(sseAll, 50))}  p99 ${ms(percentile(sseAll, 99))}  (${sseAll.length} arrivées)`);
console.log(`  rapport /ws ÷ SSE : p50 ×${(percentile(wsAll, 50) / percentile(sseAll, 50)).toFixed(2)}, p99 ×${(percentile(wsAll, 99) / percentile(sseAll, 99)).toFixed(2)}`);

for (const socket of sockets) {
  socket.terminate();
}
await reader.cancel();
await server.close();
rmSync(dir, { recursive: true, force: true });
