import { today, type PlanningConflict, type PlanningData } from '@relais/domain';
import { updateDocument } from '@relais/replica';
import type { Mission } from '@relais/schema';
import { useState } from 'react';
import type { RxDocument } from 'rxdb';
import { useSignedIn } from '../auth/use-session';
import { logger } from '../ui/logger';
import type { MissionPatch } from './drop-target';
import { decidePlacement } from './placement-decision';

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

/**
 * Moves missions on the board: checks the planning rules locally (the server checks again on
 * sync), saves to the local store at once, asks for a reason when a blocking conflict may be forced.
 */
export function usePlacement(data: PlanningData) {
  const { permissions } = useSignedIn();
  const [pendingForce, setPendingForce] = useState<PendingForce | undefined>(undefined);
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined);

  const apply = (doc: RxDocument<Mission>, patch: MissionPatch, forceMotif: string | undefined): void => {
    const mission = doc.toJSON() as Mission;
    const decision = decidePlacement({ mission, patch, data, permissions, today: today(), forceMotif });
    switch (decision.action) {
      case 'none':
        return;
      case 'save':
        setRefusal(undefined);
        updateDocument(doc, decision.patch).catch((error: unknown) => {
          logger.error('placement de la mission impossible', error);
          setRefusal({ missionId: mission.id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
        });
        return;
      case 'ask-reason':
        setPendingForce({ doc, patch, conflicts: decision.conflicts });
        return;
      case 'refuse':
        setRefusal(decision.reason === 'past' ? { missionId: mission.id, kind: 'past' } : { missionId: mission.id, kind: 'conflicts', conflicts: decision.conflicts });
    }
  };

  return {
    place: (doc: RxDocument<Mission>, patch: MissionPatch) => apply(doc, patch, undefined),
    force: (motif: string) => {
      if (pendingForce) {
        setPendingForce(undefined);
        apply(pendingForce.doc, pendingForce.patch, motif);
      }
    },
    pendingForce,
    cancelForce: () => setPendingForce(undefined),
    refusal,
    dismissRefusal: () => setRefusal(undefined),
  };
}
