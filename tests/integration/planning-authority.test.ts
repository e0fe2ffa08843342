import { createDocument } from '@relais/replica';
import { newId } from '@relais/schema';
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

async function planner(): Promise<TestClient> {
  const { token } = await signIn(server, 'planner');
  const opened = await TestClient.open(server.url, { token, role: 'planner' });
  clients.push(opened);
  return opened;
}

/**
 * Two planners book the same chauffeur for overlapping times while offline. The first to sync
 * wins; the second's booking is refused by the server, undone on that PC, and the reason reaches
 * its sync status so the board can show it.
 */
describe('a double booking made offline on two PCs', () => {
  it('is refused by the server on the second sync, undone locally, with the reason reported', async () => {
    const chauffeurId = newId();
    const seeded = server.store.push(
      'chauffeurs',
      [
        {
          newDocumentState: {
            id: chauffeurId,
            rev: 1,
            updated_at: '2026-11-27T08:00:00.000Z',
            code: 'JD01',
            nom: 'Dupont',
            prenom: 'Jean',
            adr: false,
            fimo: true,
            competences: [],
            is_active: true,
            _deleted: false,
          },
        },
      ],
      { actor: 'seed', source: 'import' },
    );
    expect(seeded).toMatchObject({ ok: true, written: 1 });
    const a = await planner();
    const b = await planner();
    await a.sync.awaitInSync();
    await b.sync.awaitInSync();
    expect(await b.db.chauffeurs.findOne(chauffeurId).exec()).not.toBeNull();

    a.goOffline();
    b.goOffline();
    const day = '2030-01-07';
    const booking = { date_mission: day, chauffeur_id: chauffeurId, type_mission: 'livraison', statut: 'planifie' } as const;
    const first = await createDocument(a.db.missions, { ...booking, heure_debut: '06:00', heure_fin: '10:00', destination: 'Lyon' });
    const second = await createDocument(b.db.missions, { ...booking, heure_debut: '08:00', heure_fin: '12:00', destination: 'Grenoble' });

    a.goOnline();
    await waitFor('la réservation de A arrive', () => server.store.get('missions', first.id) !== undefined);
    b.goOnline();
    await waitFor('la réservation de B est annulée sur son poste', async () => (await b.db.missions.findOne(second.id).exec()) === null);
    await b.sync.awaitInSync();

    expect(server.store.get('missions', second.id)).toBeUndefined();
    // Refused for good: nothing is left waiting to be sent.
    await waitFor('plus rien en attente chez B', () => b.sync.status$.getValue().pending === 0);
    const [report] = b.sync.status$.getValue().conflicts;
    expect(report).toMatchObject({
      collection: 'missions',
      documentId: second.id,
      refused: true,
      reason: { code: 'PLANNING_CONFLICT', message: expect.stringContaining('Jean Dupont est déjà réservé de 06:00 à 10:00') as string },
    });
    // B sees A's booking instead.
    await waitFor('B reçoit la réservation de A', async () => (await b.db.missions.findOne(first.id).exec()) !== null);
  });
});
