import { canRead } from '@relais/domain';
import type { SyncStatus } from '@relais/replica';
import type { Chauffeur, Mission, SessionUser } from '@relais/schema';
import type { Checkpoint } from '@relais/sync-protocol';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toPermissionMap } from '../auth/permissions';
import { sessionJsonClient } from '../auth/session-json-client';
import { useSignedIn } from '../auth/use-session';
import { useSyncController, useSyncStatusValue } from '../sync/hooks';
import { hasSyncedHere } from '../sync/local-data';
import { logger } from '../ui/logger';
import { screenOf } from '../ui/route';
import { boardDaysAtStart } from './use-board-location';
import { fetchServerChauffeurs, fetchServerWindow } from './server-window';

// The replication's fetch: waits for a token when there is none yet, renews it once after a 401.
const client = sessionJsonClient();

/** Whether the missions' first sync is under way (from the count given at sign-in to its last page). */
export const missionsLoading = (status: SyncStatus): boolean => status.firstSync.missions !== undefined;

const none: readonly Readonly<Mission>[] = [];
const noChauffeurs: readonly Readonly<Chauffeur>[] = [];

/** The server's answer for some days: their missions, and the chauffeurs (rows) when asked at sign-in. */
interface WindowAnswer {
  missions: readonly Readonly<Mission>[];
  chauffeurs: readonly Readonly<Chauffeur>[];
}

/** The answer asked for at sign-in on a new PC, for the days the board opens on. */
interface EarlyWindow {
  userId: number;
  key: string;
  request: Promise<WindowAnswer>;
  /** Set once answered: the board's first render shows it without waiting for an effect. */
  answer?: WindowAnswer;
}

let early: EarlyWindow | undefined;

/**
 * Signing in on a PC that never synced for this user, with the board as the screen: asks the server
 * for the missions of the days the board opens on and for the chauffeurs (its rows) at once, before
 * the local database is even created, so the answers are on their way ahead of the replica's start
 * and of its first pull pages (which would otherwise hold the browser's six connections to the server).
 */
export function requestEarlyWindow(user: SessionUser): void {
  const permissions = toPermissionMap(user.permissions);
  if (hasSyncedHere(user.id) || screenOf(window.location.pathname) !== 'planning' || !canRead('missions', permissions)) {
    return;
  }
  const { from, to } = boardDaysAtStart();
  const key = `${from}|${to}`;
  if (early?.userId === user.id && early.key === key) {
    return;
  }
  // Without the chauffeurs, the rows (and the missions in them) wait for the replica's chauffeurs.
  const chauffeurs = canRead('chauffeurs', permissions) ? fetchServerChauffeurs(client).catch(() => noChauffeurs) : Promise.resolve(noChauffeurs);
  const entry: EarlyWindow = {
    userId: user.id,
    key,
    request: Promise.all([fetchServerWindow(client, from, to), chauffeurs]).then(([missions, rows]) => ({ missions, chauffeurs: rows })),
  };
  early = entry;
  entry.request.then(
    (answer) => {
      entry.answer = answer;
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
  /** The server's chauffeurs, asked at sign-in on a new PC: the rows until the replica holds them; empty otherwise. */
  chauffeurs: readonly Readonly<Chauffeur>[];
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
  const [answer, setAnswer] = useState<(WindowAnswer & { key: string }) | undefined>(() => (asked?.answer ? { key, ...asked.answer } : undefined));

  useEffect(() => {
    if (!loading) {
      return undefined;
    }
    const controller = new AbortController();
    const request =
      asked?.request ?? fetchServerWindow(client, from, to, controller.signal).then((missions) => ({ missions, chauffeurs: noChauffeurs }));
    request.then(
      (answered) => {
        if (!controller.signal.aborted) {
          setAnswer({ key: `${from}|${to}`, ...answered });
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
  const shown = answer?.key === key ? answer : undefined;
  const missions = shown?.missions ?? none;
  const chauffeurs = shown?.chauffeurs ?? noChauffeurs;
  return useMemo(() => ({ missions, chauffeurs, standsIn: loading && missions !== none, release }), [missions, chauffeurs, loading, release]);
}
