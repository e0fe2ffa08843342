import type { Mission } from '@relais/schema';

/** What the user did on the board that Ctrl+Z / "Annuler" takes back. */
export type UndoKind = 'move' | 'assign' | 'delete';

export interface UndoEntry {
  kind: UndoKind;
  missionId: string;
  /** The mission as it was before, written back on undo. */
  before: Readonly<Mission>;
}

/** The most recent actions first, at most `limit` of them. */
export interface UndoStack {
  readonly entries: readonly UndoEntry[];
  readonly limit: number;
}

export function emptyUndoStack(limit = 30): UndoStack {
  return { entries: [], limit };
}

export function pushUndo(stack: UndoStack, entry: UndoEntry): UndoStack {
  return { ...stack, entries: [entry, ...stack.entries].slice(0, stack.limit) };
}

export function popUndo(stack: UndoStack): { entry: UndoEntry | undefined; stack: UndoStack } {
  const [entry, ...rest] = stack.entries;
  return { entry, stack: { ...stack, entries: rest } };
}

/** Whether a change of a mission's assignee only (same day and time) is an assignment, otherwise a move. */
export function kindOfChange(before: Pick<Mission, 'date_mission' | 'heure_debut'>, after: Pick<Mission, 'date_mission' | 'heure_debut'>): UndoKind {
  return before.date_mission === after.date_mission && before.heure_debut === after.heure_debut ? 'assign' : 'move';
}

const placementFields = ['chauffeur_id', 'sst_id', 'date_mission', 'heure_debut', 'heure_fin', 'force_motif'] as const;

/**
 * The patch that puts a mission's placement back as it was (`undefined` clears a field the mission
 * did not have before).
 */
export function restorePatch(before: Readonly<Mission>): Partial<Mission> {
  const patch: Record<string, unknown> = {};
  for (const field of placementFields) {
    patch[field] = before[field];
  }
  return patch;
}
