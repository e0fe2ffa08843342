import { collectionNames, type CollectionName } from '@relais/schema';
import type { PullResponse, StreamMessage } from '@relais/sync-protocol';
import type { Doc } from './documents';

type Listener = (message: StreamMessage<Record<string, unknown>>) => void;

/** One committed document write, as the live channels other than the pull stream describe it. */
export interface CommittedChange {
  id: string;
  action: 'created' | 'updated' | 'deleted';
  /** The stored document (every field: listeners project it for their reader). */
  doc: Doc;
  /** The fields an update changed. */
  changed: string[];
  seq: number;
}

/** A committed batch: one transaction of one collection, by one writer. */
export interface CommittedBatch {
  collection: CollectionName;
  actor: string | null;
  source: string;
  changes: CommittedChange[];
}

/** Why the clients must reload everything: the database changed wholesale (import, restore, another process). */
export interface RefreshNotice {
  entity: CollectionName | null;
  actor: string | null;
}

/** Fans committed writes out to the open pull streams and live sockets, in commit order. */
export function createReplicationEvents() {
  const listeners = new Map<CollectionName, Set<Listener>>();
  const commitListeners = new Set<(batch: CommittedBatch) => void>();
  const refreshListeners = new Set<(notice: RefreshNotice) => void>();
  return {
    publish(collection: CollectionName, batch: PullResponse<Record<string, unknown>>): void {
      for (const listener of listeners.get(collection) ?? []) {
        listener(batch);
      }
    },
    /** Called by the store after each commit that wrote something, whatever the writer. */
    committed(batch: CommittedBatch): void {
      for (const listener of commitListeners) {
        listener(batch);
      }
    },
    /** Every clients must reload (an import finished); the pull streams need nothing, they saw each write. */
    refreshRequired(notice: RefreshNotice): void {
      for (const listener of refreshListeners) {
        listener(notice);
      }
    },
    /** Asks every open stream to pull again: the database changed outside this process. */
    resyncAll(): void {
      for (const name of collectionNames) {
        for (const listener of listeners.get(name) ?? []) {
          listener('RESYNC');
        }
      }
      for (const listener of refreshListeners) {
        listener({ entity: null, actor: null });
      }
    },
    subscribe(collection: CollectionName, listener: Listener): () => void {
      const set = listeners.get(collection) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(collection, set);
      return () => set.delete(listener);
    },
    onCommit(listener: (batch: CommittedBatch) => void): () => void {
      commitListeners.add(listener);
      return () => commitListeners.delete(listener);
    },
    onRefresh(listener: (notice: RefreshNotice) => void): () => void {
      refreshListeners.add(listener);
      return () => refreshListeners.delete(listener);
    },
    listenerCount(collection: CollectionName): number {
      return listeners.get(collection)?.size ?? 0;
    },
  };
}

export type ReplicationEvents = ReturnType<typeof createReplicationEvents>;
