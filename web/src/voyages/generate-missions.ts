import { generateMissions, type GenerationOptions } from '@relais/domain';
import { createDocument, readPending, type PendingState, type RelaisDatabase } from '@relais/replica';
import type { Mission, Voyage } from '@relais/schema';

export interface GenerationResult {
  created: number;
  skipped: number;
}

/**
 * The mission ids this device knows of: the local missions, and those written here and not yet
 * acknowledged (a mission deleted offline is still in the pending writes), so a generated mission
 * deleted on purpose is not generated again. Synced deletions are found in the storage's tombstones.
 */
export function knownMissionIds(missions: readonly Pick<Mission, 'id'>[], pending: PendingState): Set<string> {
  const ids = new Set(missions.map((mission) => mission.id));
  for (const key of Object.keys(pending.docs)) {
    if (key.startsWith('missions/')) {
      ids.add(key.slice('missions/'.length));
    }
  }
  return ids;
}

/** Generates the missions of the active voyages in the local database; they sync with the next push. */
export async function generateLocalMissions(db: RelaisDatabase, options: GenerationOptions): Promise<GenerationResult> {
  const [voyages, missions, pending] = await Promise.all([
    db.voyages.find().exec(),
    db.missions.find().exec(),
    readPending(db),
  ]);
  const existing = missions.map((mission) => mission.toJSON() as Mission);
  const activeVoyages = voyages.map((voyage) => voyage.toJSON() as Voyage);
  const known = knownMissionIds(existing, pending);
  const firstPlan = generateMissions(activeVoyages, existing, known, options);
  // Missions deleted here and already synced are only tombstones in the local storage: the
  // collection's queries do not see them, the storage does.
  const stored = await db.missions.storageInstance.findDocumentsById(
    firstPlan.missions.map((mission) => mission.id),
    true,
  );
  const deleted = stored.filter((doc) => doc._deleted).map((doc) => doc.id);
  const plan = deleted.length === 0 ? firstPlan : generateMissions(activeVoyages, existing, new Set([...known, ...deleted]), options);
  for (const draft of plan.missions) {
    // The draft's deterministic id is kept: two offline PCs generating the same day produce the same document.
    await createDocument(db.missions, draft);
  }
  return { created: plan.missions.length, skipped: plan.skipped.length };
}
