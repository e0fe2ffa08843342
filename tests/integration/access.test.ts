import type { Role } from '@relais/domain';
import { createDocument, removeDocument, updateDocument } from '@relais/replica';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient, signIn, startRealServer, waitFor } from './support/harness';

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server;
const clients: TestClient[] = [];

beforeEach(async () => {
  server = await startRealServer();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await server.dispose();
});

async function clientAs(role: Role): Promise<TestClient> {
  const { token } = await signIn(server, role);
  const opened = await TestClient.open(server.url, { token, role });
  clients.push(opened);
  return opened;
}

function seedMission(fields: Record<string, unknown> = {}) {
  const doc = {
    id: crypto.randomUUID(),
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    date_mission: '2030-01-07',
    heure_debut: '06:00',
    type_mission: 'livraison',
    destination: 'Lyon',
    statut: 'planifie',
    revenu: 45_000,
    cout_sst: 31_000,
    _deleted: false,
    ...fields,
  };
  expect(server.store.push('missions', [{ newDocumentState: doc }], { actor: 'seed', source: 'import' })).toMatchObject({ ok: true, conflicts: [] });
  return doc;
}

async function get(path: string, token?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('replication is secured by role', () => {
  it('refuses anonymous and tampered requests on every replication route', async () => {
    for (const path of ['/api/replication/missions/pull', '/api/replication/missions/pull-stream']) {
      const response = await get(path);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' }, detail: expect.any(String) as string });
    }
    const push = await fetch(`${server.url}/api/replication/missions/push`, { method: 'POST', body: '[]', headers: { 'content-type': 'application/json' } });
    expect(push.status).toBe(401);
    const { token } = await signIn(server, 'planner');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect((await get('/api/replication/missions/pull', `${header}.${forged}.${signature}`)).status).toBe(401);
  });

  it('answers 403 with a French detail for a collection the role may not read', async () => {
    const { token } = await signIn(server, 'finance');
    const response = await get('/api/replication/chauffeurs/pull', token);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' }, detail: expect.stringContaining('view_drivers') as string });
    expect((await get('/api/replication/missions/pull', token)).status).toBe(200);
  });

  it('sends finance fields only to roles with view_finance, and keeps them when others edit', async () => {
    const seeded = seedMission();
    const planner = await clientAs('planner');
    const advanced = await clientAs('planner_advanced');
    await planner.sync.awaitInSync();
    await advanced.sync.awaitInSync();
    const seenByPlanner = (await planner.db.missions.findOne(seeded.id).exec())!.toJSON();
    expect(seenByPlanner).not.toHaveProperty('revenu');
    expect(seenByPlanner).not.toHaveProperty('cout_sst');
    expect((await advanced.db.missions.findOne(seeded.id).exec())!.toJSON()).toMatchObject({ revenu: 45_000, cout_sst: 31_000 });

    await updateDocument((await planner.db.missions.findOne(seeded.id).exec())!, { destination: 'Grenoble' });
    await waitFor('la modification du planificateur arrive', () => server.store.get('missions', seeded.id)?.['destination'] === 'Grenoble');
    expect(server.store.get('missions', seeded.id)).toMatchObject({ destination: 'Grenoble', revenu: 45_000, cout_sst: 31_000 });
    await planner.sync.awaitInSync();
    expect(planner.sync.status$.getValue().conflicts).toEqual([]);
    await waitFor('le planificateur avancé voit la modification avec les montants', async () => {
      const doc = (await advanced.db.missions.findOne(seeded.id).exec())?.toJSON();
      return doc?.destination === 'Grenoble' && doc.revenu === 45_000;
    });
  });

  it('a viewer editing, creating or deleting a mission is refused per document and reverted, never written', async () => {
    const seeded = seedMission();
    const viewer = await clientAs('viewer');
    await viewer.sync.awaitInSync();
    const sequenceBefore = server.store.currentSequence();

    await updateDocument((await viewer.db.missions.findOne(seeded.id).exec())!, { destination: 'Interdit' });
    const created = await createDocument(viewer.db.missions, {
      date_mission: '2030-01-08',
      heure_debut: '07:00',
      type_mission: 'livraison',
      destination: 'Création interdite',
      statut: 'planifie',
    });
    await waitFor('la modification est annulée sur le poste', async () => (await viewer.db.missions.findOne(seeded.id).exec())?.destination === 'Lyon');
    await waitFor('la création est annulée sur le poste', async () => (await viewer.db.missions.findOne(created.id).exec()) === null);

    const other = seedMission({ destination: 'Nancy' });
    await waitFor('le poste reçoit la mission', async () => (await viewer.db.missions.findOne(other.id).exec()) !== null);
    await removeDocument((await viewer.db.missions.findOne(other.id).exec())!);
    await waitFor('la suppression est annulée sur le poste', async () => (await viewer.db.missions.findOne(other.id).exec())?.destination === 'Nancy');

    expect(server.store.get('missions', seeded.id)).toMatchObject({ destination: 'Lyon', rev: 1 });
    expect(server.store.get('missions', created.id)).toBeUndefined();
    expect(server.store.get('missions', other.id)).toMatchObject({ _deleted: false });
    expect(server.store.currentSequence()).toBe(sequenceBefore + 1);
    const refused = server.db.$client
      .prepare("SELECT actor, document_id FROM activity_log WHERE action = 'refused'")
      .all() as { actor: string; document_id: string }[];
    expect(refused.map((row) => row.document_id)).toEqual(expect.arrayContaining([seeded.id, created.id, other.id]));
    expect(refused.every((row) => row.actor.startsWith('TEST.VIEWER'))).toBe(true);
  });

  it('records who wrote what, from which PC, with a compact diff', async () => {
    const planner = await clientAs('planner');
    const created = await createDocument(planner.db.missions, {
      date_mission: '2030-01-08',
      heure_debut: '07:00',
      type_mission: 'livraison',
      destination: 'Metz',
      statut: 'planifie',
    });
    await planner.sync.awaitInSync();
    await updateDocument((await planner.db.missions.findOne(created.id).exec())!, { destination: 'Thionville', nb_palettes: 6 });
    await waitFor('la modification arrive', () => server.store.get('missions', created.id)?.['destination'] === 'Thionville');
    const rows = server.db.$client
      .prepare('SELECT actor, action, hostname, ip, details FROM activity_log WHERE document_id = ? ORDER BY id')
      .all(created.id) as { actor: string; action: string; hostname: string; ip: string; details: string | null }[];
    expect(rows.map((row) => row.action)).toEqual(['create', 'update']);
    expect(rows[1]).toMatchObject({ hostname: 'PC-TEST', ip: expect.stringContaining('127.0.0.1') as string });
    expect(rows[1]!.actor).toMatch(/^TEST\.PLANNER/);
    expect(JSON.parse(rows[1]!.details!)).toEqual({ destination: ['Metz', 'Thionville'], nb_palettes: [null, 6] });
  });

  it('a kicked session loses its stream at once and fails on its next request', async () => {
    const { token: adminToken } = await signIn(server, 'admin');
    const { username, token } = await signIn(server, 'planner');
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/replication/missions/pull-stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('RESYNC');

    const disconnect = await fetch(`${server.url}/admin/sessions/disconnect/${username}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(disconnect.status).toBe(200);
    const ended = await Promise.race([
      (async () => {
        for (;;) {
          const { done } = await reader.read();
          if (done) {
            return 'closed';
          }
        }
      })(),
      new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 5000)),
    ]);
    controller.abort();
    expect(ended).toBe('closed');
    const next = await get('/api/replication/missions/pull', token);
    expect(next.status).toBe(401);
  });
});
