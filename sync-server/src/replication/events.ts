import type { CollectionName } from '@relais/schema';
import type { PullResponse } from '@relais/sync-protocol';

type Listener = (batch: PullResponse<Record<string, unknown>>) => void;

/** Fans committed writes out to the open pull streams, in commit order. */
export function createReplicationEvents() {
  const listeners = new Map<CollectionName, Set<Listener>>();
  return {
    publish(collection: CollectionName, batch: PullResponse<Record<string, unknown>>): void {
      for (const listener of listeners.get(collection) ?? []) {
        listener(batch);
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
