import { createReplicaDatabase, startSync, updateDocument, type RelaisDatabase } from '@relais/replica';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRevision, getComposedPrimaryKeyOfDocumentData, now, type RxDocumentData } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient, signIn, startRealServer, waitFor } from './support/harness';
import { seedMissions, serverMission } from './support/server-missions';

// The first load writes no copy of the master state a document assumes (packages/replica/src/lazy-meta.ts):
// these tests cover what then stands in for it: the push filter of untouched pulled states after a
// crash, and the copy made before an edit in an instance of the replica whose replication does not run.

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server;
const clients: TestClient[] = [];
const closers: (() => Promise<unknown>)[] = [];
let seeded: Record<string, unknown>[] = [];
const missionCount = 300;

beforeEach(async () => {
  server = await startRealServer();
  seeded = seedMissions(server, missionCount);
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) {
    await close();
  }
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await server.dispose();
});

/** A planner's replica of the missions, loaded through the first load (pages of 100). */
async function loadedClient(name: string): Promise<TestClient> {
  const { token } = await signIn(server, 'planner');
  const c = await TestClient.open(server.url, { name, token, role: 'planner', pullBatchSize: 100, collections: ['missions'] });
  clients.push(c);
  await waitFor(`${name} a les ${missionCount} missions`, async () => (await c.db.missions.count().exec()) === missionCount, 60_000);
  await c.sync.awaitInSync();
  return c;
}

/** Every row `c` pushed for the missions, as the server received them. */
function pushedRows(c: TestClient): { assumedMasterState?: Record<string, unknown>; newDocumentState: Record<string, unknown> }[] {
  return c.calls
    .filter((call) => call.method === 'POST' && call.url.endsWith('/missions/push'))
    .flatMap((call) => JSON.parse(call.body ?? '[]') as { assumedMasterState?: Record<string, unknown>; newDocumentState: Record<string, unknown> }[]);
}

async function edit(db: RelaisDatabase, id: string, patch: Record<string, unknown>): Promise<void> {
  const doc = await db.missions.findOne(id).exec();
  if (!doc) {
    throw new Error(`mission ${id} absente`);
  }
  await updateDocument(doc, patch);
}

/**
 * The tab closes before its upstream noted how far it had looked: the replica's missions replication
 * forgets its upstream checkpoint, as if it had never been written (the replication stopped first).
 */
async function forgetUpstreamCheckpoint(c: TestClient): Promise<void> {
  const replication = c.sync.states.missions;
  if (!replication) {
    throw new Error('réplication des missions absente');
  }
  const { collectionName, schema } = await replication.metaInfoPromise;
  await c.sync.cancel();
  const meta = await c.db.storage.createStorageInstance<Record<string, unknown>>({
    databaseName: c.db.name,
    collectionName,
    databaseInstanceToken: c.db.token,
    multiInstance: false,
    options: {},
    schema: schema as never,
    devMode: false,
  });
  const id = getComposedPrimaryKeyOfDocumentData(schema as never, { itemId: 'up', isCheckpoint: '1' });
  const [checkpoint] = await meta.findDocumentsById([id], false);
  expect(checkpoint, "le point de reprise de l'envoi existait").toBeDefined();
  const previous = checkpoint as RxDocumentData<Record<string, unknown>>;
  const result = await meta.bulkWrite(
    [{ previous, document: { ...previous, _deleted: true, _rev: createRevision(c.db.token, previous), _meta: { lwt: now() } } }],
    'test-crash',
  );
  expect(result.error).toEqual([]);
  await meta.close();
}

describe('push of untouched pulled states (withoutPulledStates)', () => {
  it('after a crash before the upstream noted its checkpoint, pushes only the real local edit, over the server state', async () => {
    const c = await loadedClient('crash');
    const edited = String(seeded[7]!['id']);
    // A local edit made offline, still pending when the tab closes.
    c.goOffline();
    await edit(c.db, edited, { nb_palettes: 4 });
    await forgetUpstreamCheckpoint(c);
    const pushesBefore = pushedRows(c).length;
    await c.db.close();
    c.online = true;
    await c.start(100);

    // The upstream goes over every mission again: the 299 untouched ones are the pulled states
    // (pushed without an assumed master, the server would answer 299 conflicts), the edit is one.
    await waitFor('le poste a tout poussé', () => c.sync.status$.getValue().pending === 0, 60_000);
    await c.sync.awaitInSync();
    const pushed = pushedRows(c).slice(pushesBefore);
    expect(pushed.map((row) => row.newDocumentState['id'])).toEqual([edited]);
    expect(pushed[0]?.assumedMasterState).toEqual(seeded[7]);
    expect(serverMission(server, edited)).toMatchObject({ nb_palettes: 4, rev: 2 });
    expect(c.sync.status$.getValue().conflicts).toEqual([]);
    // The server holds the others as they were, and so does the replica.
    for (const index of [0, 150, missionCount - 1]) {
      const id = String(seeded[index]!['id']);
      expect(serverMission(server, id)).toEqual(seeded[index]);
      expect({ _deleted: false, ...(await c.db.missions.findOne(id).exec())?.toJSON() }).toEqual(seeded[index]);
    }
  }, 180_000);
});

/**
 * Dexie over the replica `target`'s IndexedDB databases, under another database name: a second RxDB
 * instance of the same data, as another tab has. (One process cannot open two instances of one name:
 * the replica closes a duplicate, as a browser tab's reload needs.)
 */
function sameDataAs(target: string, name: string): typeof indexedDB {
  const rename = (database: string): string => database.replace(`rxdb-dexie-${name}--`, `rxdb-dexie-${target}--`);
  return new Proxy(indexedDB, {
    get(factory, property) {
      if (property === 'open') {
        return (database: string, version?: number) => factory.open(rename(database), version);
      }
      if (property === 'deleteDatabase') {
        return (database: string) => factory.deleteDatabase(rename(database));
      }
      const value: unknown = Reflect.get(factory, property, factory);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(factory) : value;
    },
  });
}

describe('lazy copy of the master state in an instance that does not replicate', () => {
  it('an edit there makes the copy the replicating instance then pushes over, with no conflict', async () => {
    const leader = await loadedClient('leader');
    // The other instance: its replication of the missions exists but does not run (a tab that does
    // not lead waits for leadership; here it is stopped), so its replication has no meta storage open.
    const other = await createReplicaDatabase({ name: 'other', indexedDB: sameDataAs('leader', 'other'), IDBKeyRange, collections: ['missions'] });
    closers.push(() => other.close());
    const idle = startSync(other, {
      baseUrl: server.url,
      collections: ['missions'],
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      waitForLeadership: true,
    });
    await idle.cancel();
    expect(await other.missions.count().exec()).toBe(missionCount);

    const edited = String(seeded[42]!['id']);
    await edit(other, edited, { commentaire: "depuis l'autre onglet" });
    // The leader reads the edit from the shared storage (a reload: here the instances do not share
    // a broadcast channel) and pushes it over the copy the other instance made.
    await leader.restart();
    await waitFor("l'édition de l'autre instance est poussée", () => serverMission(server, edited)['commentaire'] === "depuis l'autre onglet", 60_000);
    await leader.sync.awaitInSync();
    const pushed = pushedRows(leader).filter((row) => row.newDocumentState['id'] === edited);
    expect(pushed.map((row) => row.assumedMasterState)).toEqual([seeded[42]]);
    expect(serverMission(server, edited)).toMatchObject({ commentaire: "depuis l'autre onglet", rev: 2 });
    expect(leader.sync.status$.getValue().conflicts).toEqual([]);
  }, 180_000);
});
