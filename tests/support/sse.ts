import { request, type IncomingMessage } from 'node:http';

/** One event of a Server-Sent Events stream: its `data` (comments such as heartbeats are skipped). */
export interface SseEvent {
  data: string;
}

/**
 * A pull stream read over its own TCP connection, by hand: it can stop reading (`pause`), as a stalled
 * client does, so the server's writes pile up in the socket and then on the server; `resume` reads on.
 */
export interface SseReader {
  status: number;
  /** Every event read so far, in order. */
  readonly events: SseEvent[];
  /** Stops reading: Node reads no more from the socket once its small buffer is full. */
  pause(): void;
  resume(): void;
  /** Resolves once `check` holds on the events read, or fails with `what` after `timeoutMs`. */
  waitFor(what: string, check: (events: readonly SseEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  /** The connection is closed (by either side). */
  ended(): boolean;
  close(): void;
}

/** Opens `url` (an SSE route) with these headers; resolves once the response's head arrived. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (response: IncomingMessage) => {
      const events: SseEvent[] = [];
      const waiters = new Set<() => void>();
      let pending = '';
      let ended = false;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        let end = pending.indexOf('\n\n');
        while (end !== -1) {
          const lines = pending.slice(0, end).split('\n');
          pending = pending.slice(end + 2);
          const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice('data: '.length));
          if (data.length > 0) {
            events.push({ data: data.join('\n') });
          }
          end = pending.indexOf('\n\n');
        }
        for (const wake of waiters) {
          wake();
        }
      });
      // A connection the server resets ends the stream like any close.
      response.on('error', () => undefined);
      response.on('close', () => {
        ended = true;
        for (const wake of waiters) {
          wake();
        }
      });
      resolve({
        status: response.statusCode ?? 0,
        events,
        pause: () => response.pause(),
        resume: () => response.resume(),
        waitFor: (what, check, timeoutMs = 30_000) =>
          new Promise<void>((done, fail) => {
            const timer = setTimeout(() => {
              waiters.delete(wake);
              fail(new Error(`Délai dépassé en attendant : ${what} (${events.length} événements lus)`));
            }, timeoutMs);
            const wake = (): void => {
              if (check(events)) {
                clearTimeout(timer);
                waiters.delete(wake);
                done();
              } else if (ended) {
                clearTimeout(timer);
                waiters.delete(wake);
                fail(new Error(`Flux fermé en attendant : ${what} (${events.length} événements lus)`));
              }
            };
            waiters.add(wake);
            wake();
          }),
        ended: () => ended,
        close: () => {
          response.destroy();
          req.destroy();
        },
      });
    });
    req.on('error', reject);
    req.end();
  });
}
