import { contactFields, entrepriseFields } from '@relais/documents/testing/fixtures';
import { missionLines } from '@relais/domain';
import { createDocument } from '@relais/replica';
import { newId, type Mission } from '@relais/schema';
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

async function financePc(): Promise<TestClient> {
  const { token } = await signIn(server, 'finance');
  // Only what billing needs: RxDB opens at most 13 collections per process, both PCs together.
  const opened = await TestClient.open(server.url, { token, role: 'finance', collections: ['missions', 'factures'] });
  clients.push(opened);
  return opened;
}

const stamp = '2026-12-01T08:00:00.000Z';

function seed(collection: 'entreprises' | 'contacts' | 'missions', doc: Record<string, unknown>): string {
  const id = newId();
  const outcome = server.store.push(collection, [{ newDocumentState: { id, rev: 1, updated_at: stamp, _deleted: false, ...doc } }], {
    actor: 'seed',
    source: 'import',
  });
  expect(outcome).toMatchObject({ ok: true, written: 1 });
  return id;
}

/**
 * Two accountants bill the same delivered missions of a customer while offline. The first draft
 * to reach the server bills them; the second is kept (nothing the user wrote is lost) without the
 * lines of missions already billed, and its PC is told why in words.
 */
describe('the same missions billed offline on two PCs', () => {
  it('are billed once: the second draft is kept without them and gets a refusal in words', async () => {
    const entreprise = seed('entreprises', entrepriseFields());
    const client = seed('contacts', contactFields(entreprise, { nom: 'Fromagerie Alpine' }));
    const delivered = { heure_debut: '06:00', type_mission: 'livraison', depart: 'Lyon', destination: 'Grenoble', statut: 'termine', client_id: client, nb_palettes: 10, revenu: 45_000 };
    const monday = seed('missions', { ...delivered, date_mission: '2026-12-07' });
    const tuesday = seed('missions', { ...delivered, date_mission: '2026-12-08' });

    const a = await financePc();
    const b = await financePc();
    await a.sync.awaitInSync();
    await b.sync.awaitInSync();
    const missionsOf = async (pc: TestClient): Promise<Mission[]> => (await pc.db.missions.find().exec()).map((doc) => doc.toJSON() as Mission);
    expect((await missionsOf(b)).map((mission) => mission.revenu)).toEqual([45_000, 45_000]);

    a.goOffline();
    b.goOffline();
    const draftOn = async (pc: TestClient, extra: Record<string, unknown>[] = []) => {
      const lignes = missionLines({ missions: await missionsOf(pc), voyages: [], revenus: [], grouping: 'mission', taux_tva_bp: 2_000, newId });
      return createDocument(pc.db.factures, {
        entreprise_id: entreprise,
        contact_id: client,
        type_facture: 'facture',
        statut: 'brouillon',
        conditions_paiement: { jours: 30, fin_de_mois: false },
        lignes: [...lignes, ...extra],
        regime_tva: 'normale',
      } as never);
    };
    const first = await draftOn(a);
    const handLine = { id: newId(), designation: 'Frais de quai', quantite: 1, prix_unitaire_ht: 2_500, taux_tva_bp: 2_000 };
    const second = await draftOn(b, [handLine]);

    a.goOnline();
    await waitFor('les missions sont facturées sur le brouillon de A', () => server.store.get('missions', tuesday)?.['facture_id'] === first.id);
    expect(server.store.get('missions', monday)?.['facture_id']).toBe(first.id);
    b.goOnline();
    await waitFor('le brouillon de B arrive', () => server.store.get('factures', second.id) !== undefined);
    await b.sync.awaitInSync();

    // Billed once: the missions stay on A's draft; B's draft is kept on the server and on B, with its own line only.
    expect(server.store.get('missions', monday)?.['facture_id']).toBe(first.id);
    expect(server.store.get('missions', tuesday)?.['facture_id']).toBe(first.id);
    expect(server.store.get('factures', second.id)?.['lignes']).toEqual([handLine]);
    await waitFor('B garde son brouillon, sans les missions', async () => {
      const kept = (await b.db.factures.findOne(second.id).exec())?.toJSON() as { lignes: unknown[] } | undefined;
      return kept !== undefined && kept.lignes.length === 1;
    });
    await waitFor('B voit les missions facturées par A', async () => (await missionsOf(b)).every((mission) => mission.facture_id === first.id));
    const reports = b.sync.status$.getValue().conflicts.filter((report) => report.documentId === second.id);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.reason?.code).toBe('MISSIONS_DEJA_FACTUREES');
    expect(reports[0]?.reason?.message).toBe(
      'Facturation refusée pour 2 missions : Lyon → Grenoble du 07/12/2026 est déjà facturée sur un autre brouillon de facture ; ' +
        'Lyon → Grenoble du 08/12/2026 est déjà facturée sur un autre brouillon de facture. Leurs lignes ont été retirées du brouillon, qui reste enregistré avec ses autres lignes',
    );
    // A's draft is untouched and A hears of nothing.
    expect((server.store.get('factures', first.id)?.['lignes'] as unknown[]).length).toBe(2);
    expect(a.sync.status$.getValue().conflicts).toEqual([]);
  });
});
