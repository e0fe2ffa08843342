import { isCollectionName, type CollectionName } from '@relais/schema';
import { parseCheckpointParam, parseLimitParam, streamHeartbeatSeconds } from '@relais/sync-protocol';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import type { Logger } from '../logger';
import { sendError } from '../http/errors';
import type { ReplicationEvents } from './events';
import type { ReplicationStore } from './store';

interface ReplicationRouteDeps {
  store: ReplicationStore;
  events: ReplicationEvents;
  logger: Logger;
}

function collectionOf(c: Context): CollectionName | undefined {
  const name = c.req.param('collection') ?? '';
  return isCollectionName(name) ? name : undefined;
}

function unknownCollection(c: Context): Response {
  return sendError(c, 'UNKNOWN_COLLECTION', `Collection inconnue : ${c.req.param('collection') ?? ''}`);
}

/** The replication wire contract: pull by checkpoint, push with conflicts, live pull stream. */
export function replicationRoutes({ store, events, logger }: ReplicationRouteDeps): Hono {
  const app = new Hono();

  app.get('/:collection/pull', (c) => {
    const collection = collectionOf(c);
    if (!collection) {
      return unknownCollection(c);
    }
    const checkpoint = parseCheckpointParam(c.req.query('checkpoint'));
    if (!checkpoint.ok) {
      return sendError(c, 'BAD_CHECKPOINT', checkpoint.message, { path: ['checkpoint'] });
    }
    const limit = parseLimitParam(c.req.query('limit'));
    if (limit === undefined) {
      return sendError(c, 'BAD_REQUEST', 'limit doit être un entier entre 1 et 5000', { path: ['limit'] });
    }
    return c.json(store.pull(collection, checkpoint.checkpoint, limit));
  });

  app.post(
    '/:collection/push',
    bodyLimit({
      maxSize: 32 * 1024 * 1024,
      onError: (c) => sendError(c, 'PAYLOAD_TOO_LARGE', 'Lot trop volumineux (32 Mo au plus)'),
    }),
    async (c) => {
      const collection = collectionOf(c);
      if (!collection) {
        return unknownCollection(c);
      }
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return sendError(c, 'BAD_REQUEST', 'Corps de requête JSON invalide');
      }
      const outcome = store.push(collection, body, { actor: null, source: 'replication' });
      if (!outcome.ok) {
        logger.warn({ collection, code: outcome.code, issues: outcome.issues.slice(0, 5) }, 'push refusé');
        const message = outcome.code === 'DOMAIN_RULE' ? 'Règle métier non respectée' : 'Document invalide';
        return sendError(c, outcome.code, message, { issues: outcome.issues });
      }
      if (outcome.conflicts.length > 0) {
        logger.info({ collection, conflicts: outcome.conflicts.length }, 'conflits de réplication');
      }
      return c.json(outcome.conflicts);
    },
  );

  app.get('/:collection/pull-stream', (c) => {
    const collection = collectionOf(c);
    if (!collection) {
      return unknownCollection(c);
    }
    return streamSSE(c, async (stream) => {
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      const push = (data: string): void => {
        queue.push(data);
        wake?.();
      };
      const unsubscribe = events.subscribe(collection, (batch) => push(JSON.stringify(batch)));
      const heartbeat = setInterval(() => push(''), streamHeartbeatSeconds * 1000);
      stream.onAbort(() => {
        unsubscribe();
        clearInterval(heartbeat);
        wake?.();
      });
      // The client pulls from its checkpoint on RESYNC, so nothing written while it was away is missed.
      await stream.writeSSE({ data: 'RESYNC' });
      while (!stream.aborted && !stream.closed) {
        const next = queue.shift();
        if (next === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
          continue;
        }
        if (next === '') {
          await stream.write(': heartbeat\n\n');
        } else {
          await stream.writeSSE({ data: next });
        }
      }
      unsubscribe();
      clearInterval(heartbeat);
    });
  });

  app.all('/:collection/*', (c) => sendError(c, 'NOT_FOUND', 'Route de réplication inconnue'));

  return app;
}
