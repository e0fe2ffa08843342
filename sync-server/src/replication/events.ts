import { collectionNames, type CollectionName } from '@relais/schema';
import type { PullResponse, StreamMessage } from '@relais/sync-protocol';

type Listener = (message: StreamMessage<Record<string, unknown>>) => void;

/** Fans committed writes out to the open pull streams, in commit order. */
export function createReplicationEvents() {
  const listeners = new Map<CollectionName, Set<Listener>>();
  return {
    publish(collection: CollectionName, batch: PullResponse<Record<string, unknown>>): void {
      for (const listener of listeners.get(collection) ?? []) {
        listener(batch);
      }
    },
    /** Asks every open stream to pull again: the database changed outside this process. */
    resyncAll(): void {
      for (const name of collectionNames) {
        for (const listener of listeners.get(name) ?? []) {
          listener('RESYNC');
        }
      }
    },
    subscribe(collection: CollectionName, listener: Listener): () => void {
      const set = listeners.get(collection) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(collection, set);
      return () => set.delete(listener);
    },
    listenerCount(collection: CollectionName): number {
      return listeners.get(collection)?.size ?? 0;
    },
  };
}

export type ReplicationEvents = ReturnType<typeof createReplicationEvents>;
