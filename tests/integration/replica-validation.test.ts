import { createReplicaDatabase } from '@relais/replica';
import type { Mission } from '@relais/schema';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';

const mission: Mission = {
  id: '2b7f3c2e-5a1d-4c8e-9f00-123456789abc',
  rev: 1,
  updated_at: '2026-11-27T08:00:00.000Z',
  date_mission: '2026-11-27',
  heure_debut: '05:30',
  type_mission: 'livraison',
  destination: 'Paris',
  statut: 'planifie',
};

/**
 * The local replica refuses documents its collection's schema refuses, with a validator that runs
 * under the PWA's Content-Security-Policy (no eval), as the browser build does.
 */
describe('local replica writes are validated', () => {
  it('refuses an invalid mission and stores a valid one', async () => {
    const db = await createReplicaDatabase({ name: `validation-${Date.now()}`, indexedDB, IDBKeyRange, collections: ['missions'] });
    try {
      await expect(db.missions.insert({ ...mission, heure_debut: '28:30' })).rejects.toThrow();
      await db.missions.insert(mission);
      expect((await db.missions.findOne(mission.id).exec())?.toJSON()).toEqual(mission);
    } finally {
      await db.remove();
    }
  });
});
