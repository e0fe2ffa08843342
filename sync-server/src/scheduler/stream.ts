import type { JobEvent } from '@relais/schema';
import { streamHeartbeatSeconds } from '@relais/sync-protocol';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Authenticated, AuthService } from '../auth/service';
import type { Scheduler } from './scheduler';

/** Events waiting for a slow reader; past this, they are dropped for one `resync` (read `GET /admin/jobs` again). */
export const jobStreamQueueLimit = 100;

/**
 * Live runs for the administration screen: `resync` first, then each run started, its progress
 * and its end, with a heartbeat comment every 15 s. Closed when the session is revoked.
 */
export function jobEventStream(c: Context, scheduler: Scheduler, auth: AuthService, authenticated: Authenticated): Response {
  return streamSSE(c, async (stream) => {
    const resync: JobEvent = { type: 'resync' };
    const queue: (JobEvent | 'heartbeat')[] = [resync];
    let wake: (() => void) | undefined;
    let revoked = false;
    const push = (item: JobEvent | 'heartbeat'): void => {
      if (queue.length >= jobStreamQueueLimit) {
        queue.length = 0;
        queue.push(resync);
      } else {
        queue.push(item);
      }
      wake?.();
    };
    const unsubscribe = scheduler.onEvent(push);
    const stopOnRevoke = auth.onSessionsRevoked((sessionIds) => {
      if (sessionIds.includes(authenticated.session.id)) {
        revoked = true;
        wake?.();
      }
    });
    const heartbeat = setInterval(() => push('heartbeat'), streamHeartbeatSeconds * 1000);
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
      const next = queue.shift();
      if (next === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      } else if (next === 'heartbeat') {
        await stream.write(': heartbeat\n\n');
      } else {
        await stream.writeSSE({ event: next.type, data: JSON.stringify(next) });
      }
    }
    cleanup();
    if (revoked) {
      await stream.close();
    }
  });
}
