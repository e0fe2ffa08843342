/**
 * An open-loop HTTP load at a constant rate, run as its own process by `rest.bench.ts` (forked with
 * the bench's node options), so that neither the server nor the bench shares its event loop.
 *
 * Why not autocannon's `overallRate`: it gives each connection a quota per second, reset by a 1 s
 * timer, and spends it at once, one request after the other (httpClient.js `_doRequest`), so 500 req/s
 * over 20 connections arrive as a burst at the start of every second, 20 in flight: while it lasts the
 * server is saturated and each request waits for the 19 others (a /health p99 of ~26 ms was 20 times
 * the cost of a request, not the latency at 500 evenly spaced requests per second). Its correction for
 * coordinated omission also takes the expected interval as `Math.ceil(1 / rate)` = 1 ms (run.js), so
 * every answer slower than 1 ms adds made-up samples.
 * Here request i is due at start + i / rate, evenly spaced; a request that finds no free connection
 * waits for one, and every latency counts from when the request was due (no coordinated omission).
 * The connections are plain sockets that write a prepared request and only frame the answer (status,
 * `Content-Length`, body bytes counted, never parsed): node's HTTP client spent 2.5 ms of CPU per 672 KB
 * answer, more than the server, on the same two cores.
 */
import { connect, type Socket } from 'node:net';
import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';

export interface LoadOrder {
  url: string;
  headers: Record<string, string>;
  /** Requests per second, evenly spaced. */
  rate: number;
  /** Keep-alive connections at most (a request waits for a free one). */
  connections: number;
  /** Seconds of load before the measured ones, on the same connections. */
  warmUpSeconds: number;
  seconds: number;
}

/** Milliseconds. */
export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface LoadReport {
  /** Requests due in the measured seconds, and answered. */
  due: number;
  answered: number;
  /** Answers per second over the measured window (due time of the first to the last answer). */
  achievedRate: number;
  /** From when each request was due to the end of its answer's body. */
  latency: Percentiles;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  bytesPerAnswer: number;
  /** This process's event loop delay during the measured seconds. */
  clientLoop: Percentiles;
  /** This process's CPU time (user + system) over the answers: the clients' share of the shared cores. */
  cpuMsPerAnswer: number;
}

export type LoadMessage = { kind: 'measuring' } | { kind: 'report'; report: LoadReport };

const timeoutMs = 10_000;

function percentiles(histogram: RecordableHistogram | ReturnType<typeof monitorEventLoopDelay>, unitPerMs: number): Percentiles {
  if (histogram.count === 0) {
    return { p50: 0, p99: 0, max: 0 };
  }
  return { p50: histogram.percentile(50) / unitPerMs, p99: histogram.percentile(99) / unitPerMs, max: histogram.max / unitPerMs };
}

interface Pending {
  done: (outcome: { status: number; size: number } | 'error' | 'timeout') => void;
}

/** Keep-alive connections to one server, each taking the next waiting request when free. */
function connectionPool(order: LoadOrder) {
  const target = new URL(order.url);
  const headerLines = Object.entries({ host: target.host, ...order.headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  const requestBytes = Buffer.from(`GET ${target.pathname}${target.search} HTTP/1.1\r\n${headerLines.join('')}\r\n`, 'latin1');
  const waiting: Pending[] = [];
  const sockets = new Set<Socket>();
  /** The free connections, each as the function that gives it the next waiting request. */
  let idle: { socket: Socket; next: () => void }[] = [];
  let closed = false;

  function open(): void {
    if (closed) {
      return;
    }
    const socket = connect({ host: target.hostname, port: Number(target.port), noDelay: true });
    sockets.add(socket);
    let current: Pending | undefined;
    let head: Buffer | undefined;
    let remaining = 0;
    let status = 0;
    let size = 0;
    function finish(outcome: { status: number; size: number } | 'error' | 'timeout'): void {
      const pending = current;
      current = undefined;
      head = undefined;
      socket.setTimeout(0);
      pending?.done(outcome);
    }
    function next(): void {
      const pending = waiting.shift();
      if (!pending) {
        idle.push({ socket, next });
        return;
      }
      current = pending;
      head = Buffer.alloc(0);
      socket.setTimeout(timeoutMs);
      socket.write(requestBytes);
    }
    let connected = false;
    socket.on('connect', () => {
      connected = true;
      next();
    });
    socket.on('data', (chunk: Buffer) => {
      let body = chunk;
      if (head !== undefined) {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          return;
        }
        const text = head.subarray(0, end).toString('latin1');
        status = Number(text.slice(9, 12));
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
        if (!length && status !== 304 && status !== 204) {
          throw new Error(`réponse sans Content-Length (HTTP ${status}) : ce client ne lit que des réponses de longueur connue`);
        }
        remaining = length ? Number(length[1]) : 0;
        size = 0;
        body = head.subarray(end + 4);
        head = undefined;
      }
      size += body.length;
      remaining -= body.length;
      if (remaining <= 0) {
        finish({ status, size });
        next();
      }
    });
    socket.on('timeout', () => {
      finish('timeout');
      socket.destroy();
    });
    socket.on('error', () => {
      finish('error');
    });
    socket.on('close', () => {
      sockets.delete(socket);
      idle = idle.filter((other) => other.socket !== socket);
      finish('error');
      if (!connected) {
        // The server is not there: the waiting requests fail rather than wait forever; try again shortly.
        for (const pending of waiting.splice(0)) {
          pending.done('error');
        }
        setTimeout(open, 100);
        return;
      }
      // Another connection stands in, for the requests still to come.
      open();
    });
  }

  for (let index = 0; index < order.connections; index += 1) {
    open();
  }

  return {
    send(pending: Pending): void {
      waiting.push(pending);
      idle.pop()?.next();
    },
    close(): void {
      closed = true;
      for (const socket of sockets) {
        socket.removeAllListeners('close');
        socket.destroy();
      }
    },
  };
}

type Pool = ReturnType<typeof connectionPool>;

/** One phase: `rate × seconds` requests, each due at its own time; resolves when all are answered or failed. */
function phase(order: LoadOrder, pool: Pool, seconds: number): Promise<LoadReport> {
  const due = Math.round(order.rate * seconds);
  const intervalNs = 1e9 / order.rate;
  // Microseconds: 1 µs to 60 s at 3 significant figures.
  const latencies = createHistogram({ lowest: 1, highest: 60_000_000, figures: 3 });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const statuses: Record<string, number> = {};
  let sent = 0;
  let settled = 0;
  let answered = 0;
  let errors = 0;
  let timeouts = 0;
  let bytes = 0;
  let lastAnswer = 0n;
  const start = process.hrtime.bigint() + 2_000_000n;
  const cpu = process.cpuUsage();
  loop.enable();
  return new Promise((resolvePhase) => {
    function settle(): void {
      settled += 1;
      if (settled === due) {
        loop.disable();
        const windowSeconds = Number(lastAnswer - start) / 1e9;
        const used = process.cpuUsage(cpu);
        resolvePhase({
          due,
          answered,
          achievedRate: windowSeconds > 0 ? answered / windowSeconds : 0,
          latency: percentiles(latencies, 1000),
          statuses,
          errors,
          timeouts,
          bytesPerAnswer: answered > 0 ? bytes / answered : 0,
          clientLoop: percentiles(loop, 1e6),
          cpuMsPerAnswer: answered > 0 ? (used.user + used.system) / 1000 / answered : 0,
        });
      }
    }
    function send(dueAt: bigint): void {
      pool.send({
        done: (outcome) => {
          if (outcome === 'error') {
            errors += 1;
          } else if (outcome === 'timeout') {
            timeouts += 1;
          } else {
            lastAnswer = process.hrtime.bigint();
            latencies.record(Math.max(1, Math.round(Number(lastAnswer - dueAt) / 1000)));
            statuses[String(outcome.status)] = (statuses[String(outcome.status)] ?? 0) + 1;
            answered += 1;
            bytes += outcome.size;
          }
          settle();
        },
      });
    }
    function tick(): void {
      const now = process.hrtime.bigint();
      // Every request already due leaves now, stamped with its own due time (a late timer is the client's delay, counted).
      while (sent < due && start + BigInt(Math.round(sent * intervalNs)) <= now) {
        send(start + BigInt(Math.round(sent * intervalNs)));
        sent += 1;
      }
      if (sent < due) {
        const next = start + BigInt(Math.round(sent * intervalNs));
        setTimeout(tick, Math.max(0, Number(next - now) / 1e6));
      }
    }
    tick();
  });
}

async function run(order: LoadOrder): Promise<LoadReport> {
  const pool = connectionPool(order);
  try {
    if (order.warmUpSeconds > 0) {
      await phase(order, pool, order.warmUpSeconds);
    }
    const measuring: LoadMessage = { kind: 'measuring' };
    process.send?.(measuring);
    return await phase(order, pool, order.seconds);
  } finally {
    pool.close();
  }
}

process.once('message', (order: LoadOrder) => {
  void run(order).then((report) => {
    const message: LoadMessage = { kind: 'report', report };
    process.send?.(message, () => process.exit(0));
  });
});
