import { collectionAccess, hiddenFields } from '@relais/domain';
import { isCollectionName, type CollectionName } from '@relais/schema';
import { parseCheckpointParam, parseLimitParam, type CountResponse, type PushResponse } from '@relais/sync-protocol';
import { Hono, type Context } from 'hono';
import type { Logger } from '../logger';
import { mib, type BodyLimit } from '../http/body-limits';
import { encodedJson } from '../http/compression';
import { sendError } from '../http/errors';
import { clientIp } from '../auth/http';
import { assertPermission, authenticateRequest } from '../auth/middleware';
import type { Authenticated, AuthService } from '../auth/service';
import type { ReplicationEvents } from './events';
import type { ReplicationStore } from './store';
import { pullStream, streamCollections } from './stream';
import type { StreamRegistry } from './stream-registry';
import { createStreamSlots, defaultStreamLimits, type StreamLimits } from './stream-limits';

/** A push batch (1000 documents at most); the app applies it before the route reads the body. */
export const pushBodyLimit: BodyLimit = { maxSize: 32 * mib, message: 'Lot trop volumineux (32 Mo au plus)' };

interface ReplicationRouteDeps {
  store: ReplicationStore;
  events: ReplicationEvents;
  logger: Logger;
  auth: AuthService;
  /** Bounds of the live pull streams; the documented defaults otherwise. */
  streamLimits?: Partial<StreamLimits> | undefined;
  /** Where open streams are listed for the administration dashboard. */
  clients?: StreamRegistry | undefined;
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

/** Seconds a client refused a stream should wait before asking again (`Retry-After`). */
const streamRetryAfterSeconds = 30;

/** The replication wire contract: pull by checkpoint, push with conflicts, live pull stream. */
export function replicationRoutes({ store, events, logger, auth, streamLimits, clients }: ReplicationRouteDeps): Hono {
  const app = new Hono();
  const limits: StreamLimits = { ...defaultStreamLimits, ...streamLimits };
  const slots = createStreamSlots(limits);

  /** Opens a stream in a free slot of the session and of the server, or answers 429. */
  function openStream(c: Context, authenticated: Authenticated, collections: readonly CollectionName[], tagged: boolean): Response {
    const slot = slots.take(authenticated.session.id);
    if (slot === 'session' || slot === 'server') {
      logger.warn({ user: authenticated.user.username, refusal: slot, open: slots.count() }, 'flux de réplication refusé : trop de flux ouverts');
      c.header('Retry-After', String(streamRetryAfterSeconds));
      const message =
        slot === 'session'
          ? `Trop de flux de synchronisation ouverts pour cette session (${limits.perSession} au plus) : fermez des onglets de Relais ; nouvel essai automatique.`
          : `Le serveur a atteint son nombre maximal de flux de synchronisation (${limits.total}) : nouvel essai automatique dans un instant.`;
      return sendError(c, 'TOO_MANY_REQUESTS', message, { limit: slot === 'session' ? limits.perSession : limits.total, scope: slot });
    }
    const forget = clients?.add({
      sessionId: authenticated.session.id,
      username: authenticated.user.username,
      display_name: authenticated.user.display_name,
      hostname: authenticated.session.hostname,
      user_agent: authenticated.session.user_agent,
      collections: collections.length,
    });
    return pullStream(c, { events, auth, logger, limits }, authenticated, collections, tagged, () => {
      slot.release();
      forget?.();
    });
  }

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
    // As bytes, as SQLite wrote them (a text body would be encoded again), gzipped here if at all.
    const page = await encodedJson(c, store.pullJson(collection, checkpoint.checkpoint, limit, hiddenFields(collection, authenticated.permissions)));
    return c.body(page.body, 200, page.headers);
  });

  // A first sync's progress: how many documents the pulls from this checkpoint will bring.
  app.get('/:collection/count', async (c) => {
    const collection = collectionOf(c);
    if (!collection) {
      return unknownCollection(c);
    }
    await reader(auth, c, collection, false);
    const checkpoint = parseCheckpointParam(c.req.query('checkpoint'));
    if (!checkpoint.ok) {
      return sendError(c, 'BAD_CHECKPOINT', checkpoint.message, { path: ['checkpoint'] });
    }
    return c.json({ count: store.count(collection, checkpoint.checkpoint) } satisfies CountResponse);
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
    const wanted = streamCollections(c.req.query('collections'));
    if (!wanted.ok) {
      return sendError(c, 'UNKNOWN_COLLECTION', `Collection inconnue : ${wanted.unknown}`);
    }
    // EventSource sends no headers: the refresh cookie's session authenticates the stream.
    const authenticated = await authenticateRequest(auth, c, { cookie: true });
    for (const collection of wanted.collections) {
      assertPermission(authenticated, collectionAccess[collection].read);
    }
    return openStream(c, authenticated, wanted.collections, true);
  });

  app.get('/:collection/pull-stream', async (c) => {
    const collection = collectionOf(c);
    if (!collection) {
      return unknownCollection(c);
    }
    const authenticated = await reader(auth, c, collection, true);
    return openStream(c, authenticated, [collection], false);
  });

  app.all('/:collection/*', (c) => sendError(c, 'NOT_FOUND', 'Route de réplication inconnue'));

  return app;
}
