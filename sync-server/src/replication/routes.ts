import { collectionAccess, hiddenFields } from '@relais/domain';
import { isCollectionName, type CollectionName } from '@relais/schema';
import { parseCheckpointParam, parseLimitParam, type PushResponse } from '@relais/sync-protocol';
import { Hono, type Context } from 'hono';
import type { Logger } from '../logger';
import { mib, type BodyLimit } from '../http/body-limits';
import { sendError } from '../http/errors';
import { clientIp } from '../auth/http';
import { assertPermission, authenticateRequest } from '../auth/middleware';
import type { Authenticated, AuthService } from '../auth/service';
import type { ReplicationEvents } from './events';
import type { ReplicationStore } from './store';
import { pullStream } from './stream';

/** A push batch (1000 documents at most); the app applies it before the route reads the body. */
export const pushBodyLimit: BodyLimit = { maxSize: 32 * mib, message: 'Lot trop volumineux (32 Mo au plus)' };

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
      return c.json({
        conflicts: [...outcome.conflicts, ...outcome.adjusted.map((entry) => entry.doc)],
        refusals: outcome.refused,
        adjusted: outcome.adjusted.map((entry) => entry.adjustment),
      } satisfies PushResponse<unknown>);
    },
  );

  // One stream for all the collections a client replicates: a browser opens at most six
  // connections per server over HTTP/1.1, and one stream per collection would take them all.
  app.get('/pull-stream', async (c) => {
    const names = (c.req.query('collections') ?? '').split(',').filter((name) => name !== '');
    const unknown = names.find((name) => !isCollectionName(name));
    if (unknown !== undefined || names.length === 0) {
      return sendError(c, 'UNKNOWN_COLLECTION', `Collection inconnue : ${unknown ?? '(aucune)'}`);
    }
    const collections = names as CollectionName[];
    // EventSource sends no headers: the refresh cookie's session authenticates the stream.
    const authenticated = await authenticateRequest(auth, c, { cookie: true });
    for (const collection of collections) {
      assertPermission(authenticated, collectionAccess[collection].read);
    }
    return pullStream(c, { events, auth }, authenticated, collections, true);
  });

  app.get('/:collection/pull-stream', async (c) => {
    const collection = collectionOf(c);
    if (!collection) {
      return unknownCollection(c);
    }
    const authenticated = await reader(auth, c, collection, true);
    return pullStream(c, { events, auth }, authenticated, [collection], false);
  });

  app.all('/:collection/*', (c) => sendError(c, 'NOT_FOUND', 'Route de réplication inconnue'));

  return app;
}
