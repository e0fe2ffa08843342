import { checkMissionPlanning, judgeMission, today, type PlanningConflict, type PlanningData } from '@relais/domain';
import { updateDocument } from '@relais/replica';
import type { Mission } from '@relais/schema';
import { useState } from 'react';
import type { RxDocument } from 'rxdb';
import { useSignedIn } from '../auth/use-session';
import { logger } from '../ui/logger';
import type { MissionPatch } from './drop-target';

export interface PendingForce {
  doc: RxDocument<Mission>;
  patch: MissionPatch;
  conflicts: PlanningConflict[];
}

/** A placement that was not saved, and why (shown in an alert). */
export type Refusal =
  | { missionId: string; kind: 'conflicts'; conflicts: PlanningConflict[] }
  | { missionId: string; kind: 'past' }
  | { missionId: string; kind: 'error'; message: string };

function changed(mission: Mission, patch: MissionPatch): boolean {
  return (
    mission.chauffeur_id !== patch.chauffeur_id ||
    mission.sst_id !== patch.sst_id ||
    mission.date_mission !== patch.date_mission ||
    mission.heure_debut !== patch.heure_debut ||
    ('heure_fin' in patch && mission.heure_fin !== patch.heure_fin)
  );
}

/** The mission as it would be saved with `patch`. */
export function proposed(mission: Mission, patch: MissionPatch): Mission {
  const next: Mission = { ...mission, ...patch };
  for (const key of ['chauffeur_id', 'sst_id', 'heure_fin'] as const) {
    if (key in patch && patch[key] === undefined) {
      delete next[key];
    }
  }
  return next;
}

async function save(doc: RxDocument<Mission>, patch: MissionPatch, forceMotif: string | undefined): Promise<void> {
  // A plan saved without blocking conflicts drops any earlier reason for forcing.
  await updateDocument(doc, { ...patch, force_motif: forceMotif });
}

/**
 * Moves missions on the board: checks the planning rules locally (the server checks again on
 * sync), saves to the local store at once, asks for a reason when a blocking conflict may be forced.
 */
export function usePlacement(data: PlanningData) {
  const { permissions } = useSignedIn();
  const [pendingForce, setPendingForce] = useState<PendingForce | undefined>(undefined);
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined);

  const fail = (missionId: string, error: unknown): void => {
    logger.error('placement de la mission impossible', error);
    setRefusal({ missionId, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  };

  const place = (doc: RxDocument<Mission>, patch: MissionPatch): void => {
    const mission = doc.toJSON() as Mission;
    if (!changed(mission, patch)) {
      return;
    }
    const next = proposed(mission, patch);
    const conflicts = checkMissionPlanning(data, next);
    const verdict = judgeMission({ today: today(), permissions, date: next.date_mission, previousDate: mission.date_mission, conflicts });
    if (verdict.ok) {
      setRefusal(undefined);
      save(doc, patch, undefined).catch((error: unknown) => fail(mission.id, error));
      return;
    }
    if (verdict.code === 'PAST_PLANNING_LOCKED') {
      setRefusal({ missionId: mission.id, kind: 'past' });
    } else if (permissions.edit_past_planning_advanced) {
      setPendingForce({ doc, patch, conflicts: verdict.conflicts });
    } else {
      setRefusal({ missionId: mission.id, kind: 'conflicts', conflicts: verdict.conflicts });
    }
  };

  const force = (motif: string): void => {
    if (!pendingForce) {
      return;
    }
    const { doc, patch, conflicts } = pendingForce;
    const mission = doc.toJSON() as Mission;
    const verdict = judgeMission({
      today: today(),
      permissions,
      date: patch.date_mission,
      previousDate: mission.date_mission,
      forceMotif: motif,
      conflicts,
    });
    setPendingForce(undefined);
    if (!verdict.ok) {
      setRefusal({ missionId: mission.id, kind: 'conflicts', conflicts: verdict.conflicts });
      return;
    }
    setRefusal(undefined);
    save(doc, patch, verdict.forced?.motif).catch((error: unknown) => fail(mission.id, error));
  };

  return {
    place,
    force,
    pendingForce,
    cancelForce: () => setPendingForce(undefined),
    refusal,
    dismissRefusal: () => setRefusal(undefined),
  };
}
