import { canRead } from '@relais/domain';
import type { CollectionName, SessionUser } from '@relais/schema';
import { replicationPath, type CountResponse } from '@relais/sync-protocol';
import { toPermissionMap } from '../auth/permissions';
import { sessionJsonClient } from '../auth/session-json-client';
import { hasSyncedHere } from './local-data';

/**
 * The collection the first sync's progress names first (`progressSummary`): the one counted at
 * sign-in. The others show theirs once the replica counts them, as before.
 */
const countedFirst: CollectionName = 'missions';

type Counts = Partial<Record<CollectionName, Promise<number>>>;

/** Asked once per user and page load; `taken` once the replica started with them. */
let asked: { userId: number; counts: Counts; taken: boolean } | undefined;

/** The server's count (`GET /api/replication/<name>/count` from the start): what a first sync will load. */
async function countOnServer(name: CollectionName): Promise<number> {
  const body = (await sessionJsonClient().read('GET', replicationPath(name, 'count'), { priority: 'high' })) as Partial<CountResponse> | null;
  if (typeof body?.count !== 'number') {
    throw new Error(`compte de ${name} illisible`);
  }
  return body.count;
}

/**
 * Signing in on a PC that never synced for this user: asks the server at once how many missions the
 * first sync will load, beside the board's early requests and before the local database is created,
 * so the progress (0 / N) is on the first screen rather than after the replica's start (idempotent).
 */
export function requestFirstSyncCounts(user: SessionUser): void {
  if (asked?.userId === user.id || hasSyncedHere(user.id) || !canRead(countedFirst, toPermissionMap(user.permissions))) {
    return;
  }
  const count = countOnServer(countedFirst);
  // Without an answer the replica asks again when its first load starts.
  count.catch(() => undefined);
  asked = { userId: user.id, counts: { [countedFirst]: count }, taken: false };
}

/** The counts asked at sign-in for this user, for the replica's start (`SyncOptions.counted`); given once. */
export function takeFirstSyncCounts(userId: number): Counts | undefined {
  if (asked?.userId !== userId || asked.taken) {
    return undefined;
  }
  asked.taken = true;
  return asked.counts;
}
