import { performance } from 'node:perf_hooks';
import { dirname } from 'node:path';
import type { Mission } from '@relais/schema';
import { createDocument, removeDocument, updateDocument } from '@relais/replica';
import { afterEach, describe, expect, it } from 'vitest';
import { pullAll, type ServerDocument } from '../support/replication';
import { adminCall, downloadBackup, runRelais } from './support/backups';
import { TestClient, signIn, startRealServer, waitFor } from './support/harness';

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server;
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await server.dispose();
});

async function planner(): Promise<TestClient> {
  const { token } = await signIn(server, 'planner');
  const opened = await TestClient.open(server.url, { token, role: 'planner', collections: ['missions'] });
  clients.push(opened);
  return opened;
}

function newMission(overrides: Partial<Mission> = {}): Omit<Mission, 'id' | 'rev' | 'updated_at'> {
  return { date_mission: '2030-01-07', heure_debut: '06:00', type_mission: 'livraison', destination: 'Paris', statut: 'planifie', ...overrides };
}

function missionRow(index: number, overrides: Partial<Mission> = {}): Record<string, unknown> {
  return { id: crypto.randomUUID(), rev: 1, updated_at: new Date().toISOString(), _deleted: false, ...newMission({ destination: `Ville ${index}`, ...overrides }) };
}

function alive(documents: ServerDocument[]): ServerDocument[] {
  return documents.filter((doc) => !doc._deleted).sort((a, b) => a.id.localeCompare(b.id));
}

async function local(client: TestClient, id: string) {
  return client.db.missions.findOne(id).exec();
}

describe('database backups on a running server', () => {
  it('a backup taken while 5 writers push holds every write acknowledged before it started, in one consistent state', async () => {
    server = await startRealServer();
    // ~10 MB, so the copy takes several steps while the writers go on.
    const seed = Array.from({ length: 4000 }, (_, index) => missionRow(index, { commentaire: `graine ${index} ${'x'.repeat(1900)}` }));
    for (let start = 0; start < seed.length; start += 1000) {
      const outcome = server.store.push('missions', seed.slice(start, start + 1000).map((doc) => ({ newDocumentState: doc })), { actor: null, source: 'import' });
      expect(outcome.ok && outcome.written).toBe(1000);
    }
    const admin = await signIn(server, 'admin');
    const writers = await Promise.all(Array.from({ length: 5 }, () => signIn(server, 'planner')));
    const acknowledged: { id: string; at: number }[] = [];
    let stop = false;
    const loops = writers.map(async ({ token }, writer) => {
      let batch = 0;
      while (!stop) {
        batch += 1;
        const docs = Array.from({ length: 10 }, (_, index) => missionRow(index, { destination: `Écrivain ${writer} lot ${batch}` }));
        const response = await fetch(`${server.url}/api/replication/missions/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(docs.map((doc) => ({ newDocumentState: doc }))),
        });
        const body = (await response.json()) as { conflicts: unknown[]; refusals: unknown[] };
        expect(response.status).toBe(200);
        expect(body.conflicts).toEqual([]);
        const at = performance.now();
        acknowledged.push(...docs.map((doc) => ({ id: String(doc['id']), at })));
      }
    });
    await waitFor('les écrivains poussent', () => acknowledged.length >= 200);
    const startedAt = performance.now();
    const before = acknowledged.map((entry) => entry.id);
    const created = await adminCall<{ backup_file: string }>(server.url, admin.token, 'POST', '/admin/backups', { description: 'pendant les écritures' });
    const endedAt = performance.now();
    await waitFor('encore des écritures après', () => acknowledged.some((entry) => entry.at > endedAt));
    stop = true;
    await Promise.all(loops);
    // The server kept acknowledging pushes while it copied.
    expect(acknowledged.filter((entry) => entry.at > startedAt && entry.at < endedAt).length).toBeGreaterThan(0);

    const copy = await downloadBackup(server.url, admin.token, created.backup_file);
    try {
      const sqlite = copy.db.$client;
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set((sqlite.prepare('SELECT id FROM missions').all() as { id: string }[]).map((row) => row.id));
      expect(before.filter((id) => !ids.has(id))).toEqual([]);
      expect(seed.every((doc) => ids.has(String(doc['id'])))).toBe(true);
      // One instant of the database: every numbered write is there, none half.
      const { seq, count } = sqlite.prepare('SELECT max(_seq) AS seq, count(*) AS count FROM missions').get() as { seq: number; count: number };
      expect(sqlite.prepare('SELECT value FROM sync_sequence').get()).toEqual({ value: seq });
      expect(count).toBe(seq);
      const logged = sqlite.prepare('SELECT count(*) AS n FROM activity_log').get() as { n: number };
      expect(logged.n).toBe(count);
    } finally {
      copy.close();
    }
  });

  it('restore round trip: the documents are the backup’s again, a connected client follows, an offline one keeps and pushes its pending edits', async () => {
    server = await startRealServer();
    const admin = await signIn(server, 'admin', { systemAdmin: true });
    const a = await planner();
    const b = await planner();
    const [m1, m2, m3] = [
      await createDocument(a.db.missions, newMission({ destination: 'Lille' })),
      await createDocument(a.db.missions, newMission({ destination: 'Lens' })),
      await createDocument(a.db.missions, newMission({ destination: 'Arras' })),
    ];
    await a.sync.awaitInSync();
    await waitFor('B a les 3 missions', async () => (await b.db.missions.count().exec()) === 3);
    const atBackup = alive(await pullAll(server.url, 'missions', admin.token));
    const { backup_file: name } = await adminCall<{ backup_file: string }>(server.url, admin.token, 'POST', '/admin/backups?description=Avant%20la%20tourn%C3%A9e');

    // Synced after the backup: the restore takes these back.
    await updateDocument((await local(a, m1.id))!, { destination: 'Lille Sud' });
    const m6 = await createDocument(a.db.missions, newMission({ destination: 'Douai' }));
    await removeDocument((await local(a, m2.id))!);
    await a.sync.awaitInSync();
    await waitFor('B voit les changements', async () => (await local(b, m6.id)) !== null && (await local(b, m2.id)) === null);

    // Pending on A, offline, across the restore.
    a.goOffline();
    await updateDocument((await local(a, m1.id))!, { commentaire: 'quai 4' });
    await updateDocument((await local(a, m3.id))!, { commentaire: 'hayon' });
    const m7 = await createDocument(a.db.missions, newMission({ destination: 'Béthune' }));
    await waitFor('3 écritures en attente chez A', () => a.sync.status$.getValue().pending === 3);

    const identityBefore = server.store.databaseIdentity();
    const restored = await adminCall<Record<string, unknown>>(server.url, admin.token, 'POST', `/admin/backups/restore/${name}`);
    expect(restored).toMatchObject({ success: true, restored_from: name, safety_backup: expect.stringMatching(/^backup_/) as string });
    expect(server.store.databaseIdentity()).not.toBe(identityBefore);
    // Documents before = after.
    expect(alive(await pullAll(server.url, 'missions', admin.token))).toEqual(atBackup);

    // B, connected through the restore, follows without doing anything.
    await waitFor(
      'B revient à la sauvegarde',
      async () => (await local(b, m6.id)) === null && (await local(b, m2.id)) !== null && (await local(b, m1.id))?.destination === 'Lille',
    );

    a.goOnline();
    await waitFor('A a tout envoyé', () => a.sync.status$.getValue().pending === 0);
    await a.sync.awaitInSync();
    // Pushed again: the restore's values where it changed a field, A's edits where A changed one.
    expect(server.store.get('missions', m1.id)).toMatchObject({ destination: 'Lille', commentaire: 'quai 4' });
    expect(server.store.get('missions', m3.id)).toMatchObject({ destination: 'Arras', commentaire: 'hayon' });
    expect(server.store.get('missions', m7.id)).toMatchObject({ destination: 'Béthune', _deleted: false });
    expect(server.store.get('missions', m6.id)).toMatchObject({ _deleted: true });
    expect(server.store.get('missions', m2.id)).toMatchObject({ destination: 'Lens', _deleted: false });
    expect((await local(a, m6.id))).toBeNull();
    expect((await local(a, m2.id))?.destination).toBe('Lens');
    expect((await local(a, m1.id))?.toJSON()).toMatchObject({ destination: 'Lille', commentaire: 'quai 4' });
    // A's first pull after the restore carried the old identity and was answered from the start.
    const resetPull = a.calls.find((call) => call.url.includes('/pull?') && decodeURIComponent(call.url).includes(identityBefore) && JSON.stringify(call.responseBody).includes(server.store.databaseIdentity()));
    expect(resetPull).toBeDefined();
    await waitFor('B a les envois de A', async () => (await local(b, m7.id)) !== null && (await local(b, m3.id))?.commentaire === 'hayon');
  });

  it('a live batch from another database identity makes the client pull instead of moving its checkpoint', async () => {
    server = await startRealServer();
    const b = await planner();
    await b.sync.awaitInSync();
    const pullsBefore = b.calls.filter((call) => call.url.includes('/pull?')).length;
    const stray = { id: crypto.randomUUID(), rev: 1, updated_at: new Date().toISOString(), _deleted: false, ...newMission({ destination: 'Nulle part' }) };
    server.events.publish('missions', { documents: [stray], checkpoint: { seq: 999_999, db: 'une-autre-base' } });
    await waitFor('B tire au lieu d’appliquer le lot', () => b.calls.filter((call) => call.url.includes('/pull?')).length > pullsBefore, 10_000);
    await b.sync.awaitInSync();
    expect(await local(b, stray.id)).toBeNull();
  });

  it('`relais backup create` and `restore` on the database of the running server: its clients follow', async () => {
    server = await startRealServer();
    const b = await planner();
    const kept = await createDocument(b.db.missions, newMission({ destination: 'Reims' }));
    await b.sync.awaitInSync();
    const env = { RELAIS_DATABASE_PATH: server.databasePath, RELAIS_LOG_LEVEL: 'error' };
    const cwd = dirname(server.databasePath);
    const created = await runRelais(['backup', 'create', '--description', 'depuis la console'], env, cwd);
    expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Sauvegarde créée : backup_\d{8}_\d{6}(-\d+)?\.db\.gz/) as string });
    const name = /backup_\S+\.db\.gz/.exec(created.stdout)?.[0] ?? '';

    const later = await createDocument(b.db.missions, newMission({ destination: 'Épernay' }));
    await b.sync.awaitInSync();
    const restored = await runRelais(['backup', 'restore', name], env, cwd);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Base restaurée depuis ${name}.`);
    // The server notices the new identity within a second and its client pulls again.
    await waitFor('B revient à la sauvegarde', async () => (await local(b, later.id)) === null && (await local(b, kept.id)) !== null, 15_000);

    const help = await runRelais(['backup', 'restore', '--help'], env, cwd);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('relais backup restore <NOM>') as string });
  });
});
