import type { Mission } from '@relais/schema';
import { useEffect, useState } from 'react';
import { createReplicationFetch } from '../auth/replication-fetch';
import { session } from '../auth/session';
import { useSyncStatus } from '../sync/hooks';
import { createJsonClient } from '../ui/json-client';
import { logger } from '../ui/logger';
import { fetchServerWindow } from './server-window';

// The replication's fetch: waits for a token when there is none yet, renews it once after a 401.
const client = createJsonClient({ fetch: createReplicationFetch({ session }), authHeaders: () => session.authHeaders() });

/**
 * Once the first sync is over, the server's answer is kept this long: the board follows the
 * replica a few times a second, so the last page's missions are on it before the answer goes.
 */
const keptAfterSyncMs = 1000;

const none: readonly Readonly<Mission>[] = [];

/**
 * While this PC's missions are in their first sync, the missions of the days `from`..`to` as the
 * server answers them (`GET /missions`), so the board shows them within a second of signing in
 * whatever the number the replica still has to load; nothing otherwise.
 */
export function useServerWindow(from: string, to: string): readonly Readonly<Mission>[] {
  const loading = useSyncStatus().firstSync.missions !== undefined;
  const key = `${from}|${to}`;
  const [answer, setAnswer] = useState<{ key: string; missions: readonly Readonly<Mission>[] } | undefined>(undefined);

  useEffect(() => {
    if (!loading) {
      return undefined;
    }
    const controller = new AbortController();
    fetchServerWindow(client, from, to, controller.signal).then(
      (missions) => setAnswer({ key: `${from}|${to}`, missions }),
      // Offline or refused: the board shows what the replica holds, as without this answer.
      (error: unknown) => {
        if (!controller.signal.aborted) {
          logger.warn('missions de la période non lues sur le serveur', error);
        }
      },
    );
    return () => controller.abort();
  }, [loading, from, to]);

  useEffect(() => {
    if (loading || answer === undefined) {
      return undefined;
    }
    const timer = setTimeout(() => setAnswer(undefined), keptAfterSyncMs);
    return () => clearTimeout(timer);
  }, [loading, answer]);

  return answer?.key === key ? answer.missions : none;
}
