import { isDeepStrictEqual } from 'node:util';
import { removeDocument, updateDocument, type CollectionProgress, type ConflictReport } from '@relais/replica';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient, signIn, startRealServer, waitFor } from './support/harness';
import { changeOnServer, seedMissions, serverMission } from './support/server-missions';

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server;
const clients: TestClient[] = [];
let seeded: Record<string, unknown>[] = [];
const missionCount = 20_000;

async function client(firstLoad: boolean): Promise<TestClient> {
  const { token } = await signIn(server, 'planner');
  const opened = await TestClient.open(server.url, { token, role: 'planner', pullBatchSize: 2000, firstLoad, collections: ['missions'] });
  clients.push(opened);
  return opened;
}

async function editLocally(c: TestClient, id: string, patch: Record<string, unknown>): Promise<void> {
  const doc = await c.db.missions.findOne(id).exec();
  if (!doc) {
    throw new Error(`mission ${id} absente du client ${c.name}`);
  }
  await updateDocument(doc, patch);
}

/** A mission as the replica holds it, in the server's shape. */
async function localState(c: TestClient, id: string): Promise<Record<string, unknown> | undefined> {
  const doc = await c.db.missions.findOne(id).exec();
  return doc ? { _deleted: false, ...(doc.toJSON() as Record<string, unknown>) } : undefined;
}

/** What a push of `c` sent as the assumed master state of `id`. */
function assumedStatesPushed(c: TestClient, id: string): unknown[] {
  return c.calls
    .filter((call) => call.method === 'POST' && call.url.endsWith('/missions/push'))
    .flatMap((call) => JSON.parse(call.body ?? '[]') as { assumedMasterState?: { id: string }; newDocumentState: { id: string } }[])
    .filter((row) => row.newDocumentState.id === id)
    .map((row) => row.assumedMasterState);
}

/** The replication's copy of the master state `c` assumes for `id`, if it holds one. */
async function metaCopyOf(c: TestClient, id: string): Promise<unknown> {
  const meta = c.sync.states.missions?.metaInstance;
  if (!meta) {
    throw new Error(`réplication des missions non démarrée sur ${c.name}`);
  }
  const [copy] = await meta.findDocumentsById([`${id}|0`], false);
  return copy;
}

async function pushedAll(c: TestClient): Promise<void> {
  await waitFor(`${c.name} a tout poussé`, () => c.sync.status$.getValue().pending === 0, 60_000);
  await c.sync.awaitInSync();
}

beforeEach(async () => {
  server = await startRealServer();
  seeded = seedMissions(server, missionCount);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await server.dispose();
});

describe('first load of an empty replica', () => {
  it('loads 20 000 missions, then its edits merge, conflict and push exactly as through RxDB’s own pull path', async () => {
    const first = await client(true);
    const progress: CollectionProgress[] = [];
    const watching = first.sync.status$.subscribe((status) => {
      const missions = status.firstSync.missions;
      if (missions && !progress.some((seen) => seen.loaded === missions.loaded)) {
        progress.push(missions);
      }
    });
    const usual = await client(false);
    await waitFor('les deux postes ont les 20 000 missions', async () => (await first.db.missions.count().exec()) === missionCount && (await usual.db.missions.count().exec()) === missionCount, 300_000);
    await first.sync.awaitInSync();
    await usual.sync.awaitInSync();
    watching.unsubscribe();

    // The first load asked the server how many to expect, and showed its progress page after page.
    expect(first.calls.filter((call) => call.url.includes('/missions/count'))).toHaveLength(1);
    expect(usual.calls.filter((call) => call.url.includes('/missions/count'))).toHaveLength(0);
    // (The count is asked beside the first page: its answer may come once that page is written.)
    expect(progress[0]?.total).toBe(missionCount);
    expect(progress[0]?.loaded).toBeLessThanOrEqual(2000);
    expect(progress.at(-1)).toEqual({ loaded: missionCount, total: missionCount });
    expect(progress.length).toBeGreaterThanOrEqual(missionCount / 2000);
    expect(progress.map((seen) => seen.loaded)).toEqual(progress.map((seen) => seen.loaded).sort((a, b) => a - b));
    expect(first.sync.status$.getValue().firstSync).toEqual({});
    expect(usual.sync.status$.getValue().firstSync).toEqual({});
    // The first load wrote no copy of the master state (RxDB's own pull path wrote one per document).
    expect(await metaCopyOf(first, String(seeded[5]!['id']))).toBeUndefined();
    expect(await metaCopyOf(usual, String(seeded[5]!['id']))).toMatchObject({ docData: seeded[5] });
    // Both replicas hold the server's documents as they are.
    for (const doc of [seeded[0]!, seeded[9_999]!, seeded[19_999]!]) {
      const id = String(doc['id']);
      expect(await localState(first, id)).toEqual(serverMission(server, id));
      expect(await localState(usual, id)).toEqual(serverMission(server, id));
    }

    // The same three edits on each path, on missions of their own: a field the office did not touch
    // (merged), the field the office changed (conflict, the office wins), a mission nobody else touched.
    const ids = (offset: number) => ({ merged: String(seeded[offset]!['id']), conflicting: String(seeded[offset + 1]!['id']), plain: String(seeded[offset + 2]!['id']) });
    const paths = [
      { client: first, ids: ids(100) },
      { client: usual, ids: ids(200) },
    ];
    for (const { client: c } of paths) {
      c.goOffline();
    }
    for (const { ids: own } of paths) {
      changeOnServer(server, own.merged, { destination: 'Bureau' });
      changeOnServer(server, own.conflicting, { commentaire: 'du bureau' });
    }
    for (const { client: c, ids: own } of paths) {
      await editLocally(c, own.merged, { commentaire: 'du poste' });
      await editLocally(c, own.conflicting, { commentaire: 'du poste' });
      await editLocally(c, own.plain, { nb_palettes: 12 });
    }
    for (const { client: c } of paths) {
      c.goOnline();
    }
    for (const { client: c } of paths) {
      await pushedAll(c);
    }

    const outcome = ({ client: c, ids: own }: (typeof paths)[number]) => {
      const kept = (id: string) => {
        const { destination, commentaire, nb_palettes, rev } = serverMission(server, id);
        return { office: destination === 'Bureau', commentaire, nb_palettes, rev };
      };
      const reportsOf = (id: string) =>
        c.sync.status$.getValue().conflicts.filter((report: ConflictReport) => report.documentId === id).map((report) => ({ replaced: report.replaced, refused: report.refused }));
      return {
        merged: { server: kept(own.merged), reports: reportsOf(own.merged) },
        conflicting: { server: kept(own.conflicting), reports: reportsOf(own.conflicting) },
        plain: { server: kept(own.plain), reports: reportsOf(own.plain) },
      };
    };
    // The pushed edit of a mission nobody else touched assumed the server's state as pulled.
    for (const { client: c, ids: own } of paths) {
      expect(assumedStatesPushed(c, own.plain)).toEqual([seeded.find((doc) => doc['id'] === own.plain)]);
    }
    const viaFirstLoad = outcome(paths[0]!);
    expect(viaFirstLoad).toEqual(outcome(paths[1]!));
    expect(viaFirstLoad.merged).toEqual({ server: { office: true, commentaire: 'du poste', nb_palettes: undefined, rev: 3 }, reports: [{ replaced: [], refused: false }] });
    expect(viaFirstLoad.conflicting).toEqual({
      server: { office: false, commentaire: 'du bureau', nb_palettes: undefined, rev: 3 },
      reports: [{ replaced: [{ field: 'commentaire', mine: 'du poste', theirs: 'du bureau' }], refused: false }],
    });
    expect(viaFirstLoad.plain).toEqual({ server: { office: false, commentaire: undefined, nb_palettes: 12, rev: 2 }, reports: [] });
    // Each replica ends with the server's state of its missions.
    for (const { client: c, ids: own } of paths) {
      for (const id of Object.values(own)) {
        await waitFor(`${c.name} a l'état du serveur`, async () => isDeepStrictEqual(await localState(c, id), serverMission(server, id)));
      }
    }

    // The live stream works after the first load: a new office mission reaches the first replica.
    const late = { ...seeded[0]!, id: crypto.randomUUID(), destination: 'Arrivée en direct' };
    expect(server.store.push('missions', [{ newDocumentState: late }], { actor: 'BUREAU', source: 'import' })).toMatchObject({ ok: true });
    await waitFor('la nouvelle mission arrive par le flux', async () => (await first.db.missions.findOne(late.id).exec())?.destination === 'Arrivée en direct', 30_000);

    // A mission the first load wrote, untouched here, that the office changes: the pull updates it
    // (it has no copy of the master state), and a later edit assumes the state pulled then.
    const pulled = String(seeded[300]!['id']);
    changeOnServer(server, pulled, { destination: 'Bureau' });
    const officeState = serverMission(server, pulled);
    await waitFor('la mission changée au bureau arrive', async () => isDeepStrictEqual(await localState(first, pulled), officeState), 30_000);
    await editLocally(first, pulled, { nb_palettes: 7 });
    await pushedAll(first);
    expect(assumedStatesPushed(first, pulled)).toEqual([officeState]);
    expect(serverMission(server, pulled)).toMatchObject({ destination: 'Bureau', nb_palettes: 7, rev: 3 });

    // Removing an untouched mission pushes it over the state loaded, and the server deletes it.
    const removed = String(seeded[301]!['id']);
    const doc = await first.db.missions.findOne(removed).exec();
    if (!doc) {
      throw new Error('mission à supprimer absente');
    }
    await removeDocument(doc);
    await pushedAll(first);
    expect(assumedStatesPushed(first, removed)[0]).toEqual(seeded[301]);
    expect(serverMission(server, removed)).toMatchObject({ _deleted: true });
    expect(first.sync.status$.getValue().conflicts.filter((report) => report.documentId === pulled || report.documentId === removed)).toEqual([]);
  }, 600_000);
});
