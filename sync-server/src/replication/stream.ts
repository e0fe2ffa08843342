import { hiddenFields, projectDocument } from '@relais/domain';
import type { CollectionName } from '@relais/schema';
import { streamHeartbeatSeconds } from '@relais/sync-protocol';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Authenticated, AuthService } from '../auth/service';
import type { ReplicationEvents } from './events';

/**
 * The live pull stream of some collections: `RESYNC` first (and whenever the client must pull
 * again), then each committed batch, without the fields hidden from the reader, and a heartbeat
 * comment every 15 s. On the shared stream (`tagged`), a batch names its collection.
 */
export function pullStream(
  c: Context,
  { events, auth }: { events: ReplicationEvents; auth: AuthService },
  authenticated: Authenticated,
  collections: readonly CollectionName[],
  tagged: boolean,
): Response {
  return streamSSE(c, async (stream) => {
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    let revoked = false;
    const push = (data: string): void => {
      queue.push(data);
      wake?.();
    };
    let resyncQueued = false;
    const unsubscribes = collections.map((collection) => {
      const hidden = hiddenFields(collection, authenticated.permissions);
      return events.subscribe(collection, (message) => {
        if (message === 'RESYNC') {
          // One RESYNC asks for every collection of the stream: send it once per burst.
          if (!resyncQueued) {
            resyncQueued = true;
            push(message);
          }
          return;
        }
        const documents = message.documents.map((doc) => projectDocument(doc, hidden));
        push(JSON.stringify(tagged ? { collection, documents, checkpoint: message.checkpoint } : { documents, checkpoint: message.checkpoint }));
      });
    });
    // A kicked or signed-out session loses its streams at once.
    const stopOnRevoke = auth.onSessionsRevoked((sessionIds) => {
      if (sessionIds.includes(authenticated.session.id)) {
        revoked = true;
        wake?.();
      }
    });
    const heartbeat = setInterval(() => push(''), streamHeartbeatSeconds * 1000);
    const cleanup = (): void => {
      for (const unsubscribe of unsubscribes) {
        unsubscribe();
      }
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
        if (next === 'RESYNC') {
          resyncQueued = false;
        }
        await stream.writeSSE({ data: next });
      }
    }
    cleanup();
    if (revoked) {
      await stream.close();
    }
  });
}
