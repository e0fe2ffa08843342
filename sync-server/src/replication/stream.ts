import { ServerResponse } from 'node:http';
import { hiddenFields } from '@relais/domain';
import { isCollectionName, type CollectionName } from '@relais/schema';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Authenticated, AuthService } from '../auth/service';
import type { Logger } from '../logger';
import type { ReplicationEvents } from './events';
import { batchFrame } from './stream-frames';
import type { StreamLimits } from './stream-limits';
import { createStreamQueue } from './stream-queue';

export interface PullStreamDeps {
  events: ReplicationEvents;
  auth: AuthService;
  logger: Logger;
  limits: StreamLimits;
}

/**
 * The collections a shared stream asks for (`?collections=a,b`): each known one once, whatever the
 * query repeats, so a stream subscribes at most once per collection; or the first unknown name.
 */
export function streamCollections(query: string | undefined): { ok: true; collections: CollectionName[] } | { ok: false; unknown: string } {
  const names = new Set((query ?? '').split(',').filter((name) => name !== ''));
  if (names.size === 0) {
    return { ok: false, unknown: '(aucune)' };
  }
  const collections: CollectionName[] = [];
  for (const name of names) {
    if (!isCollectionName(name)) {
      return { ok: false, unknown: name.slice(0, 60) };
    }
    collections.push(name);
  }
  return { ok: true, collections };
}

/** The Node response under the stream, when the app runs in `@hono/node-server` (not in `app.request`). */
function nodeResponse(c: Context): ServerResponse | undefined {
  const env: unknown = c.env;
  if (typeof env === 'object' && env !== null && 'outgoing' in env && env.outgoing instanceof ServerResponse) {
    return env.outgoing;
  }
  return undefined;
}

/**
 * The live pull stream of some collections: `RESYNC` first (and whenever the client must pull
 * again), then each committed batch, without the fields hidden from the reader, and a heartbeat
 * comment when idle. On the shared stream (`tagged`), a batch names its collection.
 *
 * Memory stays bounded whatever the client does: a write waits while the socket is full (Hono's
 * stream and `@hono/node-server` honour the socket's backpressure), what waits meanwhile is capped
 * at `limits.queueBytes` (past it the client gets `RESYNC` and pulls), and a client that takes
 * nothing for `limits.stallMs` is disconnected. `release` frees the stream's slot when it ends.
 */
export function pullStream(
  c: Context,
  { events, auth, logger, limits }: PullStreamDeps,
  authenticated: Authenticated,
  collections: readonly CollectionName[],
  tagged: boolean,
  release: () => void,
): Response {
  const outgoing = nodeResponse(c);
  return streamSSE(c, async (stream) => {
    const queue = createStreamQueue(limits.queueBytes);
    let wake: (() => void) | undefined;
    const signal = (): void => wake?.();
    let revoked = false;
    let writingSince: number | undefined;
    // The client pulls from its checkpoint on RESYNC, so nothing written while it was away is missed.
    queue.resync();
    const unsubscribes = collections.map((collection) => {
      const hidden = hiddenFields(collection, authenticated.permissions);
      return events.subscribe(collection, (message) => {
        if (message === 'RESYNC') {
          queue.resync();
        } else {
          const fits = queue.batch(() => batchFrame(message, collection, hidden, tagged));
          if (!fits) {
            logger.debug({ user: authenticated.user.username, queueBytes: limits.queueBytes }, 'flux de réplication en retard : file vidée, RESYNC');
          }
        }
        signal();
      });
    });
    // A kicked or signed-out session loses its streams at once.
    const stopOnRevoke = auth.onSessionsRevoked((sessionIds) => {
      if (sessionIds.includes(authenticated.session.id)) {
        revoked = true;
        signal();
      }
    });
    const heartbeat = setInterval(() => {
      queue.heartbeat();
      signal();
    }, limits.heartbeatMs);
    const stallCheck = setInterval(() => {
      if (writingSince !== undefined && Date.now() - writingSince >= limits.stallMs) {
        // The socket has taken nothing for too long: reset it, which frees its buffers here and in the
        // kernel at once (a plain close would keep them while the kernel tries to deliver them);
        // a live client reconnects and pulls from its checkpoint.
        logger.info({ user: authenticated.user.username, stalledMs: Date.now() - writingSince }, 'flux de réplication fermé : le poste ne lit plus');
        outgoing?.socket?.resetAndDestroy();
        outgoing?.destroy();
        stream.abort();
      }
    }, limits.stallMs / 4);
    let cleaned = false;
    const cleanup = (): void => {
      if (cleaned) {
        return;
      }
      cleaned = true;
      for (const unsubscribe of unsubscribes) {
        unsubscribe();
      }
      stopOnRevoke();
      clearInterval(heartbeat);
      clearInterval(stallCheck);
      release();
    };
    stream.onAbort(() => {
      cleanup();
      signal();
    });
    try {
      while (!stream.aborted && !stream.closed && !revoked) {
        const frame = queue.next();
        if (frame === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
          continue;
        }
        writingSince = Date.now();
        await stream.write(frame);
        writingSince = undefined;
        queue.written();
      }
    } finally {
      cleanup();
    }
    if (revoked) {
      await stream.close();
    }
  });
}
