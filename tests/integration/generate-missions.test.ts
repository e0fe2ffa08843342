import { generatedMissionId } from '@relais/domain';
import { clearPending, createDocument, createReplicaDatabase, removeDocument, type RelaisDatabase } from '@relais/replica';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLocalMissions } from '../../web/src/voyages/generate-missions';

describe('generating missions in the local database', () => {
  let db: RelaisDatabase | undefined;
  afterEach(async () => {
    await db?.remove();
    db = undefined;
  });

  it('creates the drafts with their deterministic ids, then skips existing and deleted ones', async () => {
    db = await createReplicaDatabase({ name: `generate-${crypto.randomUUID()}`, indexedDB, IDBKeyRange });
    const chauffeurId = crypto.randomUUID();
    const voyage = await createDocument(db.voyages, {
      code: 'LYO',
      nom: 'Lyon',
      destination: 'Lyon',
      heure_depart_defaut: '21:00',
      heure_arrivee_defaut: '23:30',
      jours_operation: ['lundi', 'mardi'],
      is_active: true,
      chauffeur_habituel_id: chauffeurId,
    });
    // 2026-03-09 is a Monday: Monday and Tuesday of that week.
    const options = { from: '2026-03-09', to: '2026-03-15', assignUsualChauffeur: true };
    expect(await generateLocalMissions(db, options)).toMatchObject({ created: 2, unassigned: [], skipped: 0, pastDays: 0 });
    const monday = await db.missions.findOne(generatedMissionId(voyage.id, '2026-03-09')).exec();
    expect(monday?.toJSON()).toMatchObject({ chauffeur_id: chauffeurId, heure_debut: '21:00', destination: 'Lyon', rev: 1 });

    expect(await generateLocalMissions(db, options)).toEqual({ created: 0, ids: [], unassigned: [], skipped: 2, pastDays: 0 });

    // A generated mission deleted on purpose is not generated again.
    if (!monday) {
      throw new Error('mission du lundi absente');
    }
    await removeDocument(monday);
    expect(await generateLocalMissions(db, options)).toEqual({ created: 0, ids: [], unassigned: [], skipped: 2, pastDays: 0 });
    // Still so once the server acknowledged the deletion: only the local tombstone remembers it.
    await clearPending(db, 'missions', [{ id: monday.id, rev: 100 }]);
    expect(await generateLocalMissions(db, options)).toEqual({ created: 0, ids: [], unassigned: [], skipped: 2, pastDays: 0 });
    expect(await db.missions.count().exec()).toBe(1);
  });
});
