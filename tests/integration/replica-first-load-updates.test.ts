import { createReplicaDatabase, startSync, type RelaisDatabase, type SyncController } from '@relais/replica';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, startRealServer, waitFor } from './support/harness';
import { changeOnServer, seedMissions, serverMission } from './support/server-missions';

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server;
let db: RelaisDatabase | undefined;
let sync: SyncController | undefined;
let seeded: Record<string, unknown>[] = [];
const pageSize = 200;

beforeEach(async () => {
  server = await startRealServer();
  seeded = seedMissions(server, 5 * pageSize);
});

afterEach(async () => {
  await sync?.cancel();
  await db?.remove();
  sync = undefined;
  db = undefined;
  await server.dispose();
});

/**
 * Starts syncing missions into a new replica with no live stream (only the pulls can bring the
 * changes, so the first load itself must not drop them); `onThirdPull` runs when the third page is
 * asked for, once the first page is written. Answers the replica's missions and the pulls counted.
 */
async function startLoading(onThirdPull: () => void): Promise<{ missions: RelaisDatabase['missions']; pulls: () => number }> {
  const { token } = await signIn(server, 'planner');
  let pulls = 0;
  db = await createReplicaDatabase({ name: `first-load-updates-${Date.now()}`, indexedDB, IDBKeyRange, devMode: true, collections: ['missions'] });
  sync = startSync(db, {
    baseUrl: server.url,
    collections: ['missions'],
    pullBatchSize: pageSize,
    retryTime: 300,
    headers: () => ({ authorization: `Bearer ${token}` }),
    fetch: async (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/missions/pull')) {
        pulls += 1;
        if (pulls === 3) {
          onThirdPull();
        }
      }
      return fetch(input, init);
    },
  });
  return { missions: db.missions, pulls: () => pulls };
}

/** Waits until the replica holds `count` missions, `changed` with its destination `Bureau`, and is in sync. */
async function waitForLoad(missions: RelaisDatabase['missions'], count: number, changed: string): Promise<void> {
  await waitFor(
    'la réplique a les missions du serveur, à jour',
    async () => (await missions.count().exec()) === count && (await missions.findOne(changed).exec())?.destination === 'Bureau',
    60_000,
  );
  await sync?.awaitInSync();
}

describe('first load of an empty replica while the server changes', () => {
  it('ends with the newer state of a mission it loaded earlier, and without the one deleted meanwhile', async () => {
    const changed = String(seeded[0]!['id']);
    const deleted = String(seeded[1]!['id']);
    const { missions, pulls } = await startLoading(() => {
      changeOnServer(server, changed, { destination: 'Bureau' });
      changeOnServer(server, deleted, { _deleted: true });
    });
    await waitForLoad(missions, seeded.length - 1, changed);
    expect(pulls()).toBeGreaterThan(3);
    expect(await missions.findOne(deleted).exec()).toBeNull();
    const { _deleted: _ignored, ...expected } = serverMission(server, changed);
    expect((await missions.findOne(changed).exec())?.toJSON()).toEqual(expected);
    expect(sync?.status$.getValue().firstSync).toEqual({});
  });

  it('ends with the newer state of a mission it loaded earlier when no deletion comes with it (the page adds it again)', async () => {
    const changed = String(seeded[0]!['id']);
    // Alone in its page (no tombstone beside it): the first load adds it to a store that holds it.
    const { missions } = await startLoading(() => changeOnServer(server, changed, { destination: 'Bureau' }));
    await waitForLoad(missions, seeded.length, changed);
    const { _deleted: _ignored, ...expected } = serverMission(server, changed);
    expect((await missions.findOne(changed).exec())?.toJSON()).toEqual(expected);
    expect(sync?.status$.getValue().firstSync).toEqual({});
  });
});
