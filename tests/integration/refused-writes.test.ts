import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { firstValueFrom, filter } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createReplicaDatabase,
  discardRefusedWrite,
  noteRefusedWrites,
  readPending,
  readRefusedWrites,
  refusedWrites$,
  resendRefusedWrite,
  type RelaisDatabase,
} from '@relais/replica';

let db: RelaisDatabase | undefined;
const name = (): string => `refused-${crypto.randomUUID()}`;

afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const mission = {
  id: '11111111-1111-4111-8111-111111111111',
  rev: 1,
  updated_at: '2030-01-07T08:00:00.000Z',
  _deleted: false,
  date_mission: '2030-01-07',
  heure_debut: '06:00',
  destination: 'Grenoble',
  type_mission: 'livraison',
  statut: 'planifie',
};

describe('the refused-write store', () => {
  it('keeps the refused creations and edits with their reason, not refused deletions nor accepted rows', async () => {
    db = await createReplicaDatabase({ name: name(), indexedDB, IDBKeyRange, collections: ['missions'] });
    const edited = { ...mission, id: '22222222-2222-4222-8222-222222222222', rev: 2 };
    const deleted = { ...mission, id: '33333333-3333-4333-8333-333333333333', _deleted: true };
    const accepted = { ...mission, id: '44444444-4444-4444-8444-444444444444' };
    await noteRefusedWrites(
      db,
      'missions',
      [{ newDocumentState: mission }, { assumedMasterState: { ...edited, rev: 1 }, newDocumentState: edited }, { newDocumentState: deleted }, { newDocumentState: accepted }] as Parameters<
        typeof noteRefusedWrites
      >[2],
      [
        { id: mission.id, code: 'PLANNING_CONFLICT', message: 'Jean Dupont est absent (congés)' },
        { id: edited.id, code: 'PAST_PLANNING_LOCKED', message: 'jour passé' },
        { id: deleted.id, code: 'FORBIDDEN', message: 'interdit' },
      ],
      '2030-01-07T09:00:00.000Z',
    );
    const writes = await readRefusedWrites(db);
    expect(writes.map((write) => [write.id, write.creation, write.code])).toEqual([
      [mission.id, true, 'PLANNING_CONFLICT'],
      [edited.id, false, 'PAST_PLANNING_LOCKED'],
    ]);
    // The user's fields, without the replication's bookkeeping.
    expect(writes[0]?.document).toEqual({
      id: mission.id,
      date_mission: '2030-01-07',
      heure_debut: '06:00',
      destination: 'Grenoble',
      type_mission: 'livraison',
      statut: 'planifie',
    });
  });

  it('survives closing the database, and is live', async () => {
    const dbName = name();
    db = await createReplicaDatabase({ name: dbName, indexedDB, IDBKeyRange, collections: ['missions'] });
    await noteRefusedWrites(db, 'missions', [{ newDocumentState: mission }], [{ id: mission.id, code: 'PLANNING_CONFLICT', message: 'non' }]);
    await db.close();
    db = await createReplicaDatabase({ name: dbName, indexedDB, IDBKeyRange, collections: ['missions'] });
    expect((await readRefusedWrites(db)).map((write) => write.id)).toEqual([mission.id]);
    const emptied = firstValueFrom(refusedWrites$(db).pipe(filter((writes) => writes.length === 0)));
    await discardRefusedWrite(db, 'missions', mission.id);
    expect(await emptied).toEqual([]);
  });

  it('resends a corrected creation as a new local write, pending for the next push', async () => {
    db = await createReplicaDatabase({ name: name(), indexedDB, IDBKeyRange, collections: ['missions'] });
    await noteRefusedWrites(db, 'missions', [{ newDocumentState: mission }], [{ id: mission.id, code: 'PLANNING_CONFLICT', message: 'non' }]);
    const [write] = await readRefusedWrites(db);
    if (!write) {
      throw new Error('refus non gardé');
    }
    await resendRefusedWrite(db.missions, write, { ...write.document, heure_debut: '13:00', commentaire: undefined });
    expect((await db.missions.findOne(mission.id).exec())?.toJSON()).toMatchObject({ heure_debut: '13:00', destination: 'Grenoble', rev: 1 });
    expect((await readPending(db)).docs).toEqual({ [`missions/${mission.id}`]: 1 });
    expect(await readRefusedWrites(db)).toEqual([]);
  });
});
