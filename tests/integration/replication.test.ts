import type { Mission } from '@relais/schema';
import { createDocument, updateDocument, type ConflictReport } from '@relais/replica';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient, signIn, sleep, startRealServer, waitFor } from './support/harness';

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server;
const clients: TestClient[] = [];

async function client(options?: { pullBatchSize?: number }): Promise<TestClient> {
  const { token } = await signIn(server, 'planner');
  const opened = await TestClient.open(server.url, { ...options, token, role: 'planner' });
  clients.push(opened);
  return opened;
}

function newMission(overrides: Partial<Mission> = {}): Omit<Mission, 'id' | 'rev' | 'updated_at'> {
  return { date_mission: '2030-01-07', heure_debut: '06:00', type_mission: 'livraison', destination: 'Paris', statut: 'planifie', ...overrides };
}

async function localMission(c: TestClient, id: string) {
  const doc = await c.db.missions.findOne(id).exec();
  if (!doc) {
    throw new Error(`mission ${id} absente du client ${c.name}`);
  }
  return doc;
}

function serverMission(id: string): Record<string, unknown> | undefined {
  return server.store.get('missions', id);
}

beforeEach(async () => {
  server = await startRealServer();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await server.dispose();
});

describe('replication between real RxDB clients and the real server', () => {
  it('a write on client A appears on client B through the live stream', async () => {
    const a = await client();
    const b = await client();
    await a.sync.awaitInSync();
    await b.sync.awaitInSync();
    const pullsBefore = b.calls.filter((call) => call.url.includes('/pull')).length;
    const created = await createDocument(a.db.missions, newMission({ destination: 'Lille' }));
    await waitFor('la mission arrive chez B', async () => (await b.db.missions.findOne(created.id).exec())?.destination === 'Lille', 10_000);
    // B got it from the stream, not by pulling: RxDB only pulls on RESYNC, and none was sent.
    expect(b.calls.filter((call) => call.url.includes('/pull')).length).toBe(pullsBefore);
    // One stream for all its collections: browsers allow six connections per server.
    expect(b.streams).toEqual([`${server.url}/api/replication/pull-stream?collections=chauffeurs,disponibilites,voyages,missions,sst`]);
  });

  it('A offline makes 500 edits while B edits: every edit arrives, same-field conflicts are resolved and reported', async () => {
    const a = await client();
    const b = await client();
    const seeded: { id: string }[] = [];
    for (let index = 0; index < 50; index += 1) {
      seeded.push(await createDocument(a.db.missions, newMission({ destination: `Ville ${index}`, nb_palettes: index })));
    }
    await a.sync.awaitInSync();
    await waitFor('B a les 50 missions', async () => (await b.db.missions.count().exec()) === 50);

    a.goOffline();
    const created: string[] = [];
    for (let index = 0; index < 300; index += 1) {
      created.push((await createDocument(a.db.missions, newMission({ destination: `Nouvelle ${index}` }))).id);
    }
    for (let index = 0; index < 200; index += 1) {
      const target = seeded[index % 50]!;
      await updateDocument(await localMission(a, target.id), { commentaire: `A-${index}` });
    }
    await waitFor('A compte ses écritures en attente', () => a.sync.status$.getValue().pending === 350);
    expect(a.sync.status$.getValue().online).toBe(false);

    // Meanwhile B edits 10 of the same missions: 5 on a field A did not touch, 5 on the same field.
    for (let index = 0; index < 5; index += 1) {
      await updateDocument(await localMission(b, seeded[index]!.id), { destination: `B-destination-${index}` });
    }
    for (let index = 5; index < 10; index += 1) {
      await updateDocument(await localMission(b, seeded[index]!.id), { commentaire: `B-${index}` });
    }
    await b.sync.awaitInSync();

    a.goOnline();
    await waitFor('A a tout poussé', () => a.sync.status$.getValue().pending === 0, 60_000);
    await a.sync.awaitInSync();
    await waitFor('B a tout reçu', async () => (await b.db.missions.count().exec()) === 350, 60_000);

    for (const id of created) {
      expect(serverMission(id)).toBeDefined();
    }
    const lastEditOf = (index: number): string => `A-${150 + index}`;
    for (let index = 0; index < 50; index += 1) {
      const doc = serverMission(seeded[index]!.id)!;
      if (index < 5) {
        expect(doc['destination']).toBe(`B-destination-${index}`);
        expect(doc['commentaire']).toBe(lastEditOf(index));
      } else if (index < 10) {
        expect(doc['commentaire']).toBe(`B-${index}`);
      } else {
        expect(doc['commentaire']).toBe(lastEditOf(index));
      }
    }
    const conflicts: ConflictReport[] = a.sync.status$.getValue().conflicts;
    for (let index = 5; index < 10; index += 1) {
      const report = conflicts.find((conflict) => conflict.documentId === seeded[index]!.id);
      expect(report?.replaced).toEqual([{ field: 'commentaire', mine: lastEditOf(index), theirs: `B-${index}` }]);
    }
    for (let index = 0; index < 5; index += 1) {
      const report = conflicts.find((conflict) => conflict.documentId === seeded[index]!.id);
      expect(report?.replaced).toEqual([]);
    }
    // Both replicas converge on the server's state.
    await waitFor('A et B convergent', async () => {
      for (const mission of seeded) {
        const server = serverMission(mission.id);
        const inA = (await localMission(a, mission.id)).toJSON();
        const inB = (await localMission(b, mission.id)).toJSON();
        if (inA.rev !== server?.['rev'] || inB.rev !== server['rev'] || inA.commentaire !== server['commentaire'] || inB.destination !== server['destination']) {
          return false;
        }
      }
      return true;
    });
  });

  it('pulls 10 000 documents from checkpoint 0 in batches, each exactly once', async () => {
    const batch = 500;
    for (let start = 0; start < 10_000; start += batch) {
      const rows = Array.from({ length: batch }, (_, index) => ({
        newDocumentState: {
          id: crypto.randomUUID(),
          rev: 1,
          updated_at: '2026-11-27T08:00:00.000Z',
          date_mission: '2030-01-09',
          heure_debut: '05:00',
          type_mission: 'livraison',
          destination: `Lot ${start + index}`,
          statut: 'planifie',
          _deleted: false,
        },
      }));
      expect(server.store.push('missions', rows, { actor: null, source: 'import' })).toMatchObject({ ok: true, conflicts: [] });
    }
    const c = await client({ pullBatchSize: 700 });
    await c.sync.awaitInSync();
    const pulled = c.calls
      .filter((call) => call.url.includes('/missions/pull'))
      .flatMap((call) => (call.responseBody as { documents: { id: string }[] }).documents.map((doc) => doc.id));
    expect(pulled).toHaveLength(10_000);
    expect(new Set(pulled).size).toBe(10_000);
    expect(await c.db.missions.count().exec()).toBe(10_000);
    // Several batches: 10 000 / 700 rounds up to 15 non-empty pages.
    const pages = c.calls.filter((call) => call.url.includes('/missions/pull') && (call.responseBody as { documents: unknown[] }).documents.length > 0);
    expect(pages).toHaveLength(15);
  });

  it('a push retried after a dropped response creates no duplicate and no false conflict', async () => {
    const a = await client();
    await a.sync.awaitInSync();
    let dropped = 0;
    a.afterPush = () => {
      if (dropped === 0) {
        dropped += 1;
        throw new TypeError('fetch failed');
      }
    };
    const created = await createDocument(a.db.missions, newMission({ destination: 'Réponse perdue' }));
    const pushesOf = () => a.calls.filter((call) => call.method === 'POST' && call.body?.includes(created.id));
    await waitFor('la poussée est réessayée puis acquittée', () => pushesOf().length >= 2, 20_000);
    await waitFor('plus rien en attente', () => a.sync.status$.getValue().pending === 0);
    expect(dropped).toBe(1);
    const pushes = pushesOf();
    expect(pushes.at(-1)?.responseBody).toEqual({ conflicts: [], refusals: [], adjusted: [] });
    expect(a.sync.status$.getValue().conflicts).toEqual([]);
    const log = server.db.$client
      .prepare('SELECT action FROM activity_log WHERE document_id = ?')
      .all(created.id) as { action: string }[];
    expect(log).toEqual([{ action: 'create' }]);
  });

  it('ten edits of one document 5 ms apart all reach the server without a conflict', async () => {
    const a = await client();
    const created = await createDocument(a.db.missions, newMission({ nb_palettes: 0 }));
    await a.sync.awaitInSync();
    for (let index = 1; index <= 10; index += 1) {
      await updateDocument(await localMission(a, created.id), { nb_palettes: index });
      await sleep(5);
    }
    await waitFor('la dixième modification est sur le serveur', () => serverMission(created.id)?.['nb_palettes'] === 10, 20_000);
    await a.sync.awaitInSync();
    expect(serverMission(created.id)?.['rev']).toBe(11);
    expect(a.sync.status$.getValue().conflicts).toEqual([]);
    const conflictResponses = a.calls.filter((call) => call.method === 'POST' && Array.isArray(call.responseBody) && call.responseBody.length > 0);
    expect(conflictResponses).toEqual([]);
  });

  it('a server-side change crossing a client edit is merged, not lost', async () => {
    const a = await client();
    const created = await createDocument(a.db.missions, newMission({ destination: 'Reims', nb_palettes: 4 }));
    await a.sync.awaitInSync();
    a.goOffline();
    await updateDocument(await localMission(a, created.id), { destination: 'Épernay' });

    // A server-side writer (REST, connector) changes another field and bumps the revision.
    const current = serverMission(created.id)!;
    const serverEdit = { ...current, rev: Number(current['rev']) + 1, nb_palettes: 33 };
    expect(server.store.push('missions', [{ assumedMasterState: current, newDocumentState: serverEdit }], { actor: 'connecteur', source: 'connector' })).toMatchObject({ ok: true, conflicts: [] });

    a.goOnline();
    await waitFor('la modification du client est fusionnée', () => serverMission(created.id)?.['destination'] === 'Épernay', 20_000);
    expect(serverMission(created.id)).toMatchObject({ destination: 'Épernay', nb_palettes: 33 });
    await waitFor('le client a la version fusionnée', async () => (await localMission(a, created.id)).nb_palettes === 33);
    const report = a.sync.status$.getValue().conflicts.find((conflict) => conflict.documentId === created.id);
    expect(report?.replaced).toEqual([]);
  });

  it('pending local writes survive a restart while offline and are pushed once back online', async () => {
    const a = await client();
    await a.sync.awaitInSync();
    a.goOffline();
    const created = await createDocument(a.db.missions, newMission({ destination: 'Hors ligne' }));
    await a.restart();
    a.goOffline();
    await waitFor('le compteur en attente est relu', () => a.sync.status$.getValue().pending === 1);
    expect(serverMission(created.id)).toBeUndefined();
    a.goOnline();
    await waitFor('la mission atteint le serveur', () => serverMission(created.id)?.['destination'] === 'Hors ligne', 20_000);
  });
});
