import type { RunningServer } from '@relais/sync-server';
import { expect } from 'vitest';

/** The server's stored state of a mission; throws when it has none. */
export function serverMission(server: RunningServer, id: string): Record<string, unknown> {
  const doc = server.store.get('missions', id);
  if (!doc) {
    throw new Error(`mission ${id} absente du serveur`);
  }
  return doc;
}

/** The office changes a mission on the server, through the same write path as every other. */
export function changeOnServer(server: RunningServer, id: string, patch: Record<string, unknown>): void {
  const current = serverMission(server, id);
  const outcome = server.store.push('missions', [{ assumedMasterState: current, newDocumentState: { ...current, ...patch, rev: Number(current['rev']) + 1 } }], {
    actor: 'BUREAU',
    source: 'import',
  });
  expect(outcome).toMatchObject({ ok: true, conflicts: [] });
}

/**
 * Stores `count` plain missions on the server (an import, in batches of 1 000) and returns them as
 * stored: the documents a fresh replica's first load then pulls.
 */
export function seedMissions(server: RunningServer, count: number): Record<string, unknown>[] {
  const seeded: Record<string, unknown>[] = [];
  for (let start = 0; start < count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - start) }, (_, index) => ({
      id: crypto.randomUUID(),
      rev: 1,
      updated_at: '2026-11-27T08:00:00.000Z',
      _deleted: false,
      date_mission: '2030-01-09',
      heure_debut: '06:00',
      type_mission: 'livraison',
      destination: `Ville ${start + index}`,
      statut: 'planifie',
    }));
    seeded.push(...batch);
    expect(server.store.push('missions', batch.map((doc) => ({ newDocumentState: doc })), { actor: null, source: 'import' })).toMatchObject({ ok: true });
  }
  return seeded;
}
