import { generatedMissionId } from '@relais/domain';
import { createDocument, readRefusedWrites, resendRefusedWrite } from '@relais/replica';
import { newId } from '@relais/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateLocalMissions } from '../../web/src/voyages/generate-missions';
import { pullAll } from '../support/replication';
import { TestClient, signIn, startRealServer, waitFor } from './support/harness';

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server;
let token: string;
const clients: TestClient[] = [];

beforeEach(async () => {
  server = await startRealServer();
  token = (await signIn(server, 'planner')).token;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await server.dispose();
});

async function planner(): Promise<TestClient> {
  const opened = await TestClient.open(server.url, { token, role: 'planner' });
  clients.push(opened);
  return opened;
}

const stamp = '2026-11-27T08:00:00.000Z';

function seed(collection: 'chauffeurs' | 'disponibilites' | 'voyages', docs: Record<string, unknown>[]): void {
  const result = server.store.push(
    collection,
    docs.map((doc) => ({ newDocumentState: { rev: 1, updated_at: stamp, _deleted: false, ...doc } })),
    { actor: 'seed', source: 'import' },
  );
  expect(result).toMatchObject({ ok: true, written: docs.length });
}

function chauffeur(nom: string): Record<string, unknown> {
  return { id: newId(), code: nom.slice(0, 4).toUpperCase(), nom, prenom: 'Jean', adr: false, fimo: true, competences: [], is_active: true };
}

/** Every mission a client wrote is on the server, or kept on that PC as refused: never gone. */
async function expectNothingLost(client: TestClient, ids: readonly string[]): Promise<{ onServer: string[]; refused: string[] }> {
  const onServer = new Set((await pullAll(server.url, 'missions', token)).filter((doc) => !doc._deleted).map((doc) => doc.id));
  const refused = new Set((await readRefusedWrites(client.db)).filter((write) => write.collection === 'missions').map((write) => write.id));
  const lost = ids.filter((id) => !onServer.has(id) && !refused.has(id));
  expect(lost).toEqual([]);
  return { onServer: ids.filter((id) => onServer.has(id)), refused: ids.filter((id) => refused.has(id)) };
}

describe('nothing a planner wrote is lost', () => {
  it('generation leaves the usual chauffeur off his leave and training days, and every generated mission reaches the server', async () => {
    const jean = chauffeur('Dupont');
    seed('chauffeurs', [jean]);
    // 2030-01-07 is a Monday: on leave Monday–Tuesday, in training on Thursday.
    seed('disponibilites', [
      { id: newId(), chauffeur_id: jean['id'], date_debut: '2030-01-07', date_fin: '2030-01-08', type_absence: 'conges' },
      { id: newId(), chauffeur_id: jean['id'], date_debut: '2030-01-10', date_fin: '2030-01-10', type_absence: 'formation' },
    ]);
    const voyageId = newId();
    seed('voyages', [
      {
        id: voyageId,
        code: 'FRIGO',
        nom: 'Frigo Grenoble',
        depart: 'Lyon',
        destination: 'Grenoble',
        heure_depart_defaut: '06:00',
        heure_arrivee_defaut: '09:00',
        jours_operation: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
        is_active: true,
        chauffeur_habituel_id: jean['id'],
      },
    ]);
    const a = await planner();
    await a.sync.awaitInSync();
    await waitFor('les absences arrivent', async () => (await a.db.disponibilites.count().exec()) === 2);

    const result = await generateLocalMissions(a.db, {
      from: '2030-01-07',
      to: '2030-01-13',
      assignUsualChauffeur: true,
      permissions: { edit_past_planning: false },
      today: '2030-01-01',
    });
    expect(result.created).toBe(5);
    expect(result.skipped).toBe(0);
    expect(result.unassigned.map((found) => [found.date, found.conflicts.map((c) => c.code)])).toEqual([
      ['2030-01-07', ['CHAUFFEUR_ABSENT']],
      ['2030-01-08', ['CHAUFFEUR_ABSENT']],
      ['2030-01-10', ['CHAUFFEUR_ABSENT']],
    ]);
    expect(result.unassigned[0]?.conflicts[0]?.message).toBe('Jean Dupont est absent (congés) du lun. 7 janv. au mar. 8 janv. 2030');
    expect(result.unassigned[2]?.conflicts[0]?.message).toContain('(formation)');

    await a.sync.awaitInSync();
    const ids = ['2030-01-07', '2030-01-08', '2030-01-09', '2030-01-10', '2030-01-11'].map((day) => generatedMissionId(voyageId, day));
    await waitFor('les 5 missions sont sur le serveur', async () => (await expectNothingLost(a, ids)).onServer.length === 5);
    const stored = await pullAll(server.url, 'missions', token);
    const chauffeurOf = new Map(stored.map((doc) => [doc.id, doc['chauffeur_id']]));
    expect(ids.map((id) => chauffeurOf.get(id) ?? null)).toEqual([null, null, jean['id'], null, jean['id']]);
    expect(await readRefusedWrites(a.db)).toEqual([]);
  });

  it('missions generated offline that the server refuses (a leave this PC did not know) are kept as refused, not lost', async () => {
    const jean = chauffeur('Bernard');
    seed('chauffeurs', [jean]);
    const voyageId = newId();
    seed('voyages', [
      {
        id: voyageId,
        code: 'ANN',
        nom: 'Annecy',
        destination: 'Annecy',
        heure_depart_defaut: '05:00',
        heure_arrivee_defaut: '08:00',
        jours_operation: ['lundi', 'mardi', 'mercredi'],
        is_active: true,
        chauffeur_habituel_id: jean['id'],
      },
    ]);
    const a = await planner();
    await a.sync.awaitInSync();
    await waitFor('A connaît le voyage', async () => (await a.db.voyages.count().exec()) === 1);
    a.goOffline();
    // Entered at the office while A is on the road: A generates without knowing it.
    seed('disponibilites', [{ id: newId(), chauffeur_id: jean['id'], date_debut: '2030-01-08', date_fin: '2030-01-08', type_absence: 'maladie' }]);
    const result = await generateLocalMissions(a.db, { from: '2030-01-07', to: '2030-01-09', assignUsualChauffeur: true });
    expect(result).toMatchObject({ created: 3, unassigned: [], skipped: 0 });
    a.goOnline();
    await waitFor('le refus est gardé chez A', async () => (await readRefusedWrites(a.db)).length === 1);
    await a.sync.awaitInSync();
    const ids = ['2030-01-07', '2030-01-08', '2030-01-09'].map((day) => generatedMissionId(voyageId, day));
    expect(await expectNothingLost(a, ids)).toEqual({ onServer: [ids[0], ids[2]], refused: [ids[1]] });
    const [kept] = await readRefusedWrites(a.db);
    expect(kept?.message).toBe('Jean Bernard est absent (maladie) du mar. 8 janv. au mar. 8 janv. 2030');
  });

  it('an offline creation refused at sync stays on the PC with its reason, survives a reload, and reaches the server once fixed', async () => {
    const jean = chauffeur('Martin');
    seed('chauffeurs', [jean]);
    const a = await planner();
    const b = await planner();
    await a.sync.awaitInSync();
    await b.sync.awaitInSync();
    await waitFor('B connaît le chauffeur', async () => (await b.db.chauffeurs.findOne(String(jean['id'])).exec()) !== null);

    a.goOffline();
    b.goOffline();
    const booking = { date_mission: '2030-01-08', chauffeur_id: String(jean['id']), type_mission: 'livraison', statut: 'planifie' } as const;
    const first = await createDocument(a.db.missions, { ...booking, heure_debut: '06:00', heure_fin: '10:00', depart: 'Lyon', destination: 'Grenoble' });
    const second = await createDocument(b.db.missions, { ...booking, heure_debut: '08:00', heure_fin: '12:00', depart: 'Lyon', destination: 'Annecy' });
    a.goOnline();
    await waitFor('la mission de A arrive', () => server.store.get('missions', first.id) !== undefined);
    b.goOnline();
    await waitFor('le refus est gardé chez B', async () => (await readRefusedWrites(b.db)).length === 1);
    await b.sync.awaitInSync();

    const [kept] = await readRefusedWrites(b.db);
    expect(kept).toMatchObject({
      collection: 'missions',
      id: second.id,
      creation: true,
      code: 'PLANNING_CONFLICT',
      document: { destination: 'Annecy', heure_debut: '08:00', chauffeur_id: jean['id'] },
    });
    expect(kept?.message).toContain('Jean Martin est déjà réservé de 06:00 à 10:00 le mar. 8 janv.');
    expect(await expectNothingLost(b, [first.id, second.id])).toEqual({ onServer: [first.id], refused: [second.id] });

    // Kept on the PC: a reload does not lose it.
    await b.restart();
    const [afterReload] = await readRefusedWrites(b.db);
    expect(afterReload?.id).toBe(second.id);

    // Fixed (later in the day) and sent again: on the server, no longer kept as refused.
    if (!afterReload) {
      throw new Error('refus perdu au rechargement');
    }
    await resendRefusedWrite(b.db.missions, afterReload, { ...afterReload.document, heure_debut: '13:00', heure_fin: '16:00' });
    await waitFor('la mission corrigée arrive', () => server.store.get('missions', second.id) !== undefined);
    expect(server.store.get('missions', second.id)).toMatchObject({ heure_debut: '13:00', destination: 'Annecy' });
    expect(await readRefusedWrites(b.db)).toEqual([]);
    expect(await expectNothingLost(b, [first.id, second.id])).toEqual({ onServer: [first.id, second.id], refused: [] });
  });
});
