import type { SyncClient } from '@relais/schema';

interface OpenStream extends SyncClient {
  sessionId: string;
}

/**
 * The live pull streams open now, for the administration dashboard: who, from which computer, since
 * when. A PWA holds one stream for all its collections; a tab more is one stream more.
 */
export function createStreamRegistry(now: () => Date = () => new Date()) {
  const open = new Map<number, OpenStream>();
  let next = 0;
  return {
    /** Records a stream; the returned function forgets it (once, whatever calls it). */
    add(client: Omit<OpenStream, 'since'>): () => void {
      next += 1;
      const key = next;
      open.set(key, { ...client, since: now().toISOString() });
      return () => {
        open.delete(key);
      };
    },
    /** The streams open now, oldest first, without their session ids. */
    list(): SyncClient[] {
      return [...open.values()].map(({ sessionId: _sessionId, ...client }) => client);
    },
  };
}

export type StreamRegistry = ReturnType<typeof createStreamRegistry>;
