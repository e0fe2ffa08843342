import { today, type PlanningConflict, type PlanningData } from '@relais/domain';
import { updateDocument } from '@relais/replica';
import type { Mission } from '@relais/schema';
import { useState } from 'react';
import type { RxDocument } from 'rxdb';
import { useSignedIn } from '../auth/use-session';
import { logger } from '../ui/logger';
import type { MissionPatch } from './drop-target';
import { decidePlacement, needsConfirmation } from './placement-decision';

/** A move of a past or finished mission, waiting for the user to confirm it. */
export interface PendingConfirm {
  doc: RxDocument<Mission>;
  patch: MissionPatch;
  reason: 'past' | 'finished';
}

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
export function usePlacement(data: PlanningData, onSaved: (before: Mission, after: Mission) => void) {
  const { permissions } = useSignedIn();
  const [pendingForce, setPendingForce] = useState<PendingForce | undefined>(undefined);
  const [pendingConfirm, setPendingConfirm] = useState<PendingConfirm | undefined>(undefined);
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined);

  const apply = (doc: RxDocument<Mission>, patch: MissionPatch, forceMotif: string | undefined, confirmed = false): void => {
    const mission = doc.toJSON() as Mission;
    const decision = decidePlacement({ mission, patch, data, permissions, today: today(), forceMotif });
    const confirmation = confirmed ? undefined : needsConfirmation(mission, today());
    if (confirmation && (decision.action === 'save' || decision.action === 'ask-reason')) {
      setPendingConfirm({ doc, patch, reason: confirmation });
      return;
    }
    switch (decision.action) {
      case 'none':
        return;
      case 'save':
        setRefusal(undefined);
        updateDocument(doc, decision.patch)
          .then((saved) => onSaved(mission, saved.toJSON() as Mission))
          .catch((error: unknown) => {
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
    pendingConfirm,
    confirm: () => {
      if (pendingConfirm) {
        setPendingConfirm(undefined);
        apply(pendingConfirm.doc, pendingConfirm.patch, undefined, true);
      }
    },
    cancelConfirm: () => setPendingConfirm(undefined),
    force: (motif: string) => {
      if (pendingForce) {
        setPendingForce(undefined);
        apply(pendingForce.doc, pendingForce.patch, motif, true);
      }
    },
    pendingForce,
    cancelForce: () => setPendingForce(undefined),
    refusal,
    dismissRefusal: () => setRefusal(undefined),
  };
}
