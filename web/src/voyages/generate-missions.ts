import {
  addDays,
  generateMissions,
  today,
  type AbsenceFacts,
  type ChauffeurFacts,
  type GenerationOptions,
  type GenerationPlan,
  type PermissionMap,
  type PlanningData,
} from '@relais/domain';
import { createDocument, readPending, type PendingState, type RelaisCollections, type RelaisDatabase } from '@relais/replica';
import type { Chauffeur, Disponibilite, Mission, Voyage } from '@relais/schema';

export interface GenerationResult {
  created: number;
  /** The ids of the missions created, to follow them to the server. */
  ids: string[];
  /** Created without the usual chauffeur, with the rules that kept them off (also counted in `created`). */
  unassigned: GenerationPlan['unassigned'];
  skipped: number;
  /** Skipped because the day is past and the user may not plan past days (also counted in `skipped`). */
  pastDays: number;
}

export interface LocalGenerationOptions extends Pick<GenerationOptions, 'from' | 'to' | 'assignUsualChauffeur' | 'voyageIds'> {
  /** The user's rights: past days are left out without `edit_past_planning`, as the server refuses them. */
  permissions?: Pick<PermissionMap, 'edit_past_planning'>;
  /** Today, in the planning's time zone (tests set it). */
  today?: string;
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
export async function generateLocalMissions(db: RelaisDatabase, options: LocalGenerationOptions): Promise<GenerationResult> {
  const [voyages, missions, pending, chauffeurs, absences] = await Promise.all([
    db.voyages.find().exec(),
    db.missions.find().exec(),
    readPending(db),
    db.chauffeurs.find().exec(),
    // Absences are read by planners; a role that cannot read them gets no absence check here (the server still checks).
    (db.collections as Partial<RelaisCollections>).disponibilites?.find({ selector: { date_fin: { $gte: addDays(options.from, -7) } } }).exec() ?? [],
  ]);
  const existing = missions.map((mission) => mission.toJSON() as Mission);
  const activeVoyages = voyages.map((voyage) => voyage.toJSON() as Voyage);
  const known = knownMissionIds(existing, pending);
  // The usual chauffeur only where the server will accept him: the same rules, on what this PC knows.
  const planning: PlanningData = {
    missions: existing,
    chauffeurs: new Map<string, ChauffeurFacts>(chauffeurs.map((doc) => doc.toJSON() as Chauffeur).map((chauffeur) => [chauffeur.id, chauffeur])),
    voyages: new Map(activeVoyages.map((voyage) => [voyage.id, voyage])),
    absences: absences.map((doc) => doc.toJSON() as Disponibilite as AbsenceFacts),
  };
  const generation: GenerationOptions = {
    from: options.from,
    to: options.to,
    assignUsualChauffeur: options.assignUsualChauffeur,
    ...(options.voyageIds ? { voyageIds: options.voyageIds } : {}),
    planning,
    ...(options.permissions && !options.permissions.edit_past_planning ? { firstAllowedDay: options.today ?? today() } : {}),
  };
  const firstPlan = generateMissions(activeVoyages, existing, known, generation);
  // Missions deleted here and already synced are only tombstones in the local storage: the
  // collection's queries do not see them, the storage does.
  const stored = await db.missions.storageInstance.findDocumentsById(
    firstPlan.missions.map((mission) => mission.id),
    true,
  );
  const deleted = stored.filter((doc) => doc._deleted).map((doc) => doc.id);
  const plan = deleted.length === 0 ? firstPlan : generateMissions(activeVoyages, existing, new Set([...known, ...deleted]), generation);
  for (const draft of plan.missions) {
    // The draft's deterministic id is kept: two offline PCs generating the same day produce the same document.
    await createDocument(db.missions, draft);
  }
  return {
    created: plan.missions.length,
    ids: plan.missions.map((draft) => draft.id),
    unassigned: plan.unassigned,
    skipped: plan.skipped.length,
    pastDays: plan.skipped.filter((skip) => skip.reason === 'PAST_DAY').length,
  };
}
