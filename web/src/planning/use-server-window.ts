import type { SyncStatus } from '@relais/replica';
import type { Mission } from '@relais/schema';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createReplicationFetch } from '../auth/replication-fetch';
import { session } from '../auth/session';
import { useSyncStatusValue } from '../sync/hooks';
import { createJsonClient } from '../ui/json-client';
import { logger } from '../ui/logger';
import { fetchServerWindow } from './server-window';

// The replication's fetch: waits for a token when there is none yet, renews it once after a 401.
const client = createJsonClient({ fetch: createReplicationFetch({ session }), authHeaders: () => session.authHeaders() });

const missionsLoading = (status: SyncStatus): boolean => status.firstSync.missions !== undefined;

const none: readonly Readonly<Mission>[] = [];

export interface ServerWindow {
  /** The server's missions of the days shown; empty when there is no answer for them. */
  missions: readonly Readonly<Mission>[];
  /**
   * The answer stands in for the replica's missions: the first sync is under way and the server
   * answered for these days. The board then need not follow the replica page after page.
   */
  standsIn: boolean;
  /** The board shows the replica's missions again: the answer is no longer needed once the sync is over. */
  release: () => void;
}

/**
 * While this PC's missions are in their first sync, the missions of the days `from`..`to` as the
 * server answers them (`GET /missions`), so the board shows them within a second of signing in
 * whatever the number the replica still has to load. Kept after the sync until `release`, so the
 * board never goes blank between the two.
 */
export function useServerWindow(from: string, to: string): ServerWindow {
  const loading = useSyncStatusValue(missionsLoading);
  const key = `${from}|${to}`;
  const [answer, setAnswer] = useState<{ key: string; missions: readonly Readonly<Mission>[] } | undefined>(undefined);

  useEffect(() => {
    if (!loading) {
      return undefined;
    }
    const controller = new AbortController();
    fetchServerWindow(client, from, to, controller.signal).then(
      (missions) => setAnswer({ key: `${from}|${to}`, missions }),
      // Offline or refused: the board follows the replica, as without this answer.
      (error: unknown) => {
        if (!controller.signal.aborted) {
          logger.warn('missions de la période non lues sur le serveur', error);
        }
      },
    );
    return () => controller.abort();
  }, [loading, from, to]);

  const release = useCallback(() => {
    if (!loading) {
      setAnswer(undefined);
    }
  }, [loading]);
  const missions = answer?.key === key ? answer.missions : none;
  return useMemo(() => ({ missions, standsIn: loading && missions !== none, release }), [missions, loading, release]);
}
