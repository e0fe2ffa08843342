import { logStreamQuerySchema, type ServerLogLine } from '@relais/schema';
import { streamHeartbeatSeconds } from '@relais/sync-protocol';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { parseQuery } from '../auth/http';
import { authMiddleware, type AuthEnv } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import { matchesFilter, type LogRing } from './log-ring';

/** Lines waiting for a slow reader; past this, the oldest are dropped and the client told how many. */
export const logStreamQueueLimit = 500;

type Item = { kind: 'line'; line: ServerLogLine } | { kind: 'dropped'; count: number } | { kind: 'heartbeat' };

/**
 * `GET /admin/logs/stream` (`admin_access`; EventSource: the session cookie authenticates it): the
 * server's log live, secrets masked, from the lowest `level` asked and containing `q`; the last
 * `backlog` matching lines first. Each line is an SSE `line` event. Closed when the session is revoked.
 */
export function logStreamRoutes(auth: AuthService, ring: LogRing): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requirePermission } = authMiddleware(auth);
  app.get('/', requirePermission('admin_access', { cookie: true }), (c) => {
    const query = parseQuery(c, logStreamQuerySchema);
    const filter = { level: query.level, q: query.q };
    const authenticated = c.get('auth');
    return streamSSE(c, async (stream) => {
      const queue: Item[] = ring.recent(filter, query.backlog).map((line) => ({ kind: 'line', line }));
      let dropped = 0;
      let wake: (() => void) | undefined;
      let revoked = false;
      const push = (item: Item): void => {
        if (queue.length >= logStreamQueueLimit) {
          queue.shift();
          dropped += 1;
        }
        queue.push(item);
        wake?.();
      };
      const unsubscribe = ring.subscribe((line) => {
        if (matchesFilter(line, filter)) {
          push({ kind: 'line', line });
        }
      });
      const stopOnRevoke = auth.onSessionsRevoked((sessionIds) => {
        if (sessionIds.includes(authenticated.session.id)) {
          revoked = true;
          wake?.();
        }
      });
      const heartbeat = setInterval(() => push({ kind: 'heartbeat' }), streamHeartbeatSeconds * 1000);
      const cleanup = (): void => {
        unsubscribe();
        stopOnRevoke();
        clearInterval(heartbeat);
      };
      stream.onAbort(() => {
        cleanup();
        wake?.();
      });
      while (!stream.aborted && !stream.closed && !revoked) {
        if (dropped > 0) {
          await stream.writeSSE({ event: 'dropped', data: JSON.stringify({ count: dropped }) });
          dropped = 0;
        }
        const next = queue.shift();
        if (next === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        } else if (next.kind === 'heartbeat') {
          await stream.write(': heartbeat\n\n');
        } else if (next.kind === 'line') {
          await stream.writeSSE({ event: 'line', data: JSON.stringify(next.line), id: String(next.line.seq) });
        }
      }
      cleanup();
      if (revoked) {
        await stream.close();
      }
    });
  });
  return app;
}
