import { canRead } from '@relais/domain';
import type { SyncStatus } from '@relais/replica';
import type { Mission, SessionUser } from '@relais/schema';
import type { Checkpoint } from '@relais/sync-protocol';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toPermissionMap } from '../auth/permissions';
import { createReplicationFetch } from '../auth/replication-fetch';
import { session } from '../auth/session';
import { useSignedIn } from '../auth/use-session';
import { useSyncController, useSyncStatusValue } from '../sync/hooks';
import { hasSyncedHere } from '../sync/local-data';
import { createJsonClient } from '../ui/json-client';
import { logger } from '../ui/logger';
import { screenOf } from '../ui/route';
import { boardDaysAtStart } from './use-board-location';
import { fetchServerWindow } from './server-window';

// The replication's fetch: waits for a token when there is none yet, renews it once after a 401.
const client = createJsonClient({ fetch: createReplicationFetch({ session }), authHeaders: () => session.authHeaders() });

const missionsLoading = (status: SyncStatus): boolean => status.firstSync.missions !== undefined;

const none: readonly Readonly<Mission>[] = [];

/** The answer asked for at sign-in on a new PC, for the days the board opens on. */
interface EarlyWindow {
  userId: number;
  key: string;
  request: Promise<readonly Readonly<Mission>[]>;
  /** Set once answered: the board's first render shows it without waiting for an effect. */
  missions?: readonly Readonly<Mission>[];
}

let early: EarlyWindow | undefined;

/**
 * Signing in on a PC that never synced for this user, with the board as the screen: asks the server
 * for the missions of the days the board opens on at once, before the local database is even
 * created, so the answer is on its way ahead of the replica's start and of its first pull pages
 * (which would otherwise hold the browser's six connections to the server).
 */
export function requestEarlyWindow(user: SessionUser): void {
  if (
    hasSyncedHere(user.id) ||
    screenOf(window.location.pathname) !== 'planning' ||
    !canRead('missions', toPermissionMap(user.permissions))
  ) {
    return;
  }
  const { from, to } = boardDaysAtStart();
  const key = `${from}|${to}`;
  if (early?.userId === user.id && early.key === key) {
    return;
  }
  const entry: EarlyWindow = { userId: user.id, key, request: fetchServerWindow(client, from, to) };
  early = entry;
  entry.request.then(
    (missions) => {
      entry.missions = missions;
    },
    // The board follows the replica, as without this answer; the hook logs the failure.
    () => {
      if (early === entry) {
        early = undefined;
      }
    },
  );
}

/** Whether the missions' initial replication (every page of a first sync, or the catch-up pull) is over. */
function useMissionsReplicated(): boolean {
  const sync = useSyncController();
  const state = sync.states.missions;
  const [done, setDone] = useState<RxReplicationState<unknown, Checkpoint> | undefined>(undefined);
  useEffect(() => {
    let active = true;
    state?.awaitInitialReplication().then(
      () => active && setDone(state),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [state]);
  // A role that may not read missions replicates none: nothing to wait for.
  return state === undefined || done === state;
}

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
 * whatever the number the replica still has to load: the answer asked for at sign-in
 * (`requestEarlyWindow`) when it is for these days, else asked once the sync counted what it has to
 * load. Kept after the sync until `release`, so the board never goes blank between the two.
 */
export function useServerWindow(from: string, to: string): ServerWindow {
  const { user } = useSignedIn();
  const counting = useSyncStatusValue(missionsLoading);
  const replicated = useMissionsReplicated();
  const key = `${from}|${to}`;
  const asked = early?.userId === user.id && early.key === key ? early : undefined;
  // Before the sync counted anything, the early answer stands in until the replica has every page.
  const loading = counting || (asked !== undefined && !replicated);
  const [answer, setAnswer] = useState<{ key: string; missions: readonly Readonly<Mission>[] } | undefined>(() =>
    asked?.missions ? { key, missions: asked.missions } : undefined,
  );

  useEffect(() => {
    if (!loading) {
      return undefined;
    }
    const controller = new AbortController();
    const request = asked?.request ?? fetchServerWindow(client, from, to, controller.signal);
    request.then(
      (missions) => {
        if (!controller.signal.aborted) {
          setAnswer({ key: `${from}|${to}`, missions });
        }
      },
      // Offline or refused: the board follows the replica, as without this answer.
      (error: unknown) => {
        if (!controller.signal.aborted) {
          logger.warn('missions de la période non lues sur le serveur', error);
        }
      },
    );
    return () => controller.abort();
  }, [loading, from, to, asked]);

  const release = useCallback(() => {
    if (!loading) {
      setAnswer(undefined);
      if (early === asked) {
        early = undefined;
      }
    }
  }, [loading, asked]);
  const missions = answer?.key === key ? answer.missions : none;
  return useMemo(() => ({ missions, standsIn: loading && missions !== none, release }), [missions, loading, release]);
}
