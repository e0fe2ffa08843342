import { collectionAccess, hiddenFields, projectDocument } from '@relais/domain';
import { isCollectionName, type CollectionName } from '@relais/schema';
import { parseCheckpointParam, parseLimitParam, streamHeartbeatSeconds, type PushResponse } from '@relais/sync-protocol';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import type { Logger } from '../logger';
import { sendError } from '../http/errors';
import { clientIp } from '../auth/http';
import { assertPermission, authenticateRequest } from '../auth/middleware';
import type { Authenticated, AuthService } from '../auth/service';
import type { ReplicationEvents } from './events';
import type { ReplicationStore } from './store';

interface ReplicationRouteDeps {
  store: ReplicationStore;
  events: ReplicationEvents;
  logger: Logger;
  auth: AuthService;
}

/** The signed-in reader of a collection, or a 403 when the role may not read it. */
async function reader(auth: AuthService, c: Context, collection: CollectionName, cookie: boolean): Promise<Authenticated> {
  const authenticated = await authenticateRequest(auth, c, { cookie });
  assertPermission(authenticated, collectionAccess[collection].read);
  return authenticated;
}

function collectionOf(c: Context): CollectionName | undefined {
  const name = c.req.param('collection') ?? '';
  return isCollectionName(name) ? name : undefined;
}

function unknownCollection(c: Context): Response {
  return sendError(c, 'UNKNOWN_COLLECTION', `Collection inconnue : ${c.req.param('collection') ?? ''}`);
}

/** The replication wire contract: pull by checkpoint, push with conflicts, live pull stream. */
export function replicationRoutes({ store, events, logger, auth }: ReplicationRouteDeps): Hono {
  const app = new Hono();

  app.get('/:collection/pull', async (c) => {
    const collection = collectionOf(c);
    if (!collection) {
      return unknownCollection(c);
    }
    const authenticated = await reader(auth, c, collection, false);
    const checkpoint = parseCheckpointParam(c.req.query('checkpoint'));
    if (!checkpoint.ok) {
      return sendError(c, 'BAD_CHECKPOINT', checkpoint.message, { path: ['checkpoint'] });
    }
    const limit = parseLimitParam(c.req.query('limit'));
    if (limit === undefined) {
      return sendError(c, 'BAD_REQUEST', 'limit doit être un entier entre 1 et 5000', { path: ['limit'] });
    }
    return c.json(store.pull(collection, checkpoint.checkpoint, limit, hiddenFields(collection, authenticated.permissions)));
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
      const authenticated = await reader(auth, c, collection, false);
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return sendError(c, 'BAD_REQUEST', 'Corps de requête JSON invalide');
      }
      const outcome = store.push(collection, body, {
        actor: authenticated.user.username,
        source: 'replication',
        permissions: authenticated.permissions,
        hostname: authenticated.session.hostname,
        ip: clientIp(c),
      });
      if (!outcome.ok) {
        logger.warn({ collection, code: outcome.code, issues: outcome.issues.slice(0, 5) }, 'push refusé');
        const message = outcome.code === 'DOMAIN_RULE' ? 'Règle métier non respectée' : 'Document invalide';
        return sendError(c, outcome.code, message, { issues: outcome.issues });
      }
      if (outcome.refused.length > 0) {
        logger.warn({ collection, user: authenticated.user.username, refused: outcome.refused }, 'écriture refusée');
      }
      if (outcome.conflicts.length > 0) {
        logger.info({ collection, conflicts: outcome.conflicts.length }, 'conflits de réplication');
      }
      return c.json({ conflicts: outcome.conflicts, refusals: outcome.refused } satisfies PushResponse<unknown>);
    },
  );

  app.get('/:collection/pull-stream', async (c) => {
    const collection = collectionOf(c);
    if (!collection) {
      return unknownCollection(c);
    }
    // EventSource sends no headers: the refresh cookie's session authenticates the stream.
    const authenticated = await reader(auth, c, collection, true);
    const hidden = hiddenFields(collection, authenticated.permissions);
    return streamSSE(c, async (stream) => {
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      let revoked = false;
      const push = (data: string): void => {
        queue.push(data);
        wake?.();
      };
      const unsubscribe = events.subscribe(collection, (message) =>
        push(
          message === 'RESYNC'
            ? message
            : JSON.stringify({ ...message, documents: message.documents.map((doc) => projectDocument(doc, hidden)) }),
        ),
      );
      // A kicked or signed-out session loses its streams at once.
      const stopOnRevoke = auth.onSessionsRevoked((sessionIds) => {
        if (sessionIds.includes(authenticated.session.id)) {
          revoked = true;
          wake?.();
        }
      });
      const heartbeat = setInterval(() => push(''), streamHeartbeatSeconds * 1000);
      const cleanup = (): void => {
        unsubscribe();
        stopOnRevoke();
        clearInterval(heartbeat);
      };
      stream.onAbort(() => {
        cleanup();
        wake?.();
      });
      // The client pulls from its checkpoint on RESYNC, so nothing written while it was away is missed.
      await stream.writeSSE({ data: 'RESYNC' });
      while (!stream.aborted && !stream.closed && !revoked) {
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
          // `RESYNC` or a JSON batch.
          await stream.writeSSE({ data: next });
        }
      }
      cleanup();
      if (revoked) {
        await stream.close();
      }
    });
  });

  app.all('/:collection/*', (c) => sendError(c, 'NOT_FOUND', 'Route de réplication inconnue'));

  return app;
}
