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

describe('first load of an empty replica while the server changes', () => {
  it('ends with the newer state of a mission it loaded earlier, and without the one deleted meanwhile', async () => {
    const { token } = await signIn(server, 'planner');
    const changed = String(seeded[0]!['id']);
    const deleted = String(seeded[1]!['id']);
    let pulls = 0;
    db = await createReplicaDatabase({ name: `first-load-updates-${Date.now()}`, indexedDB, IDBKeyRange, devMode: true, collections: ['missions'] });
    // No live stream: only the pulls can bring the changes, so the first load itself must not drop them.
    sync = startSync(db, {
      baseUrl: server.url,
      collections: ['missions'],
      pullBatchSize: pageSize,
      retryTime: 300,
      headers: () => ({ authorization: `Bearer ${token}` }),
      fetch: async (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes('/missions/pull')) {
          pulls += 1;
          // The third page is asked for once the first is written: both missions are in the replica.
          if (pulls === 3) {
            changeOnServer(server, changed, { destination: 'Bureau' });
            changeOnServer(server, deleted, { _deleted: true });
          }
        }
        return fetch(input, init);
      },
    });
    const missions = db.missions;
    await waitFor(
      'la réplique a les missions du serveur, à jour',
      async () => (await missions.count().exec()) === seeded.length - 1 && (await missions.findOne(changed).exec())?.destination === 'Bureau',
      60_000,
    );
    await sync.awaitInSync();
    expect(pulls).toBeGreaterThan(3);
    expect(await missions.findOne(deleted).exec()).toBeNull();
    const { _deleted: _ignored, ...expected } = serverMission(server, changed);
    expect((await missions.findOne(changed).exec())?.toJSON()).toEqual(expected);
    expect(sync.status$.getValue().firstSync).toEqual({});
  });
});
