import type { PlanningConflict } from '@relais/domain';
import type { Mission } from '@relais/schema';

/** A server refusal shown on its block until dismissed. */
export interface ServerNotice {
  key: string;
  message: string;
}

/** The voyage of a block, for its colour and its details. */
export interface BlockVoyage {
  code: string;
  nom: string;
  couleur?: string | undefined;
}

/** Where a block sits on its row's day timeline (day view): percentages across, pixels down. */
export interface BlockPosition {
  left: number;
  width: number;
  top: number;
}

/**
 * Everything a mission block shows, as one value: the board hands a block the same object while
 * none of it changed, so a memoised block (and the cell holding it) skips rendering.
 */
export interface BlockModel {
  mission: Readonly<Mission>;
  conflicts: readonly PlanningConflict[] | undefined;
  voyage: BlockVoyage | undefined;
  /** `HH:MM` end as the planning rules see it (end time, else planned driving, else an hour). */
  end: string;
  editable: boolean;
  /** Shown from the server's answer during the first sync, before the replica holds it (read-only). */
  preview: boolean;
  notice: ServerNotice | undefined;
  position: BlockPosition | undefined;
}

function samePosition(a: BlockPosition | undefined, b: BlockPosition | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.left === b.left && a.width === b.width && a.top === b.top);
}

export function sameModel(a: BlockModel, b: BlockModel): boolean {
  return (
    a.mission === b.mission &&
    a.conflicts === b.conflicts &&
    a.voyage === b.voyage &&
    a.end === b.end &&
    a.editable === b.editable &&
    a.preview === b.preview &&
    a.notice === b.notice &&
    samePosition(a.position, b.position)
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * Keeps the board's values identical from one render to the next while their content is: a block
 * model per mission id, a list of models per cell. Each `update` returns what the screen should
 * render: the previous objects where nothing changed, the new ones elsewhere.
 */
export interface BoardCache {
  models: (next: readonly BlockModel[]) => Map<string, BlockModel>;
  cells: (next: ReadonlyMap<string, BlockModel[]>) => Map<string, readonly BlockModel[]>;
}

export function createBoardCache(): BoardCache {
  let models = new Map<string, BlockModel>();
  let cells = new Map<string, readonly BlockModel[]>();
  return {
    models: (next) => {
      const kept = new Map<string, BlockModel>();
      for (const model of next) {
        const previous = models.get(model.mission.id);
        kept.set(model.mission.id, previous && sameModel(previous, model) ? previous : model);
      }
      models = kept;
      return kept;
    },
    cells: (next) => {
      const kept = new Map<string, readonly BlockModel[]>();
      for (const [key, list] of next) {
        const previous = cells.get(key);
        kept.set(key, previous && sameList(previous, list) ? previous : list);
      }
      cells = kept;
      return kept;
    },
  };
}

/**
 * The planning rules' verdicts, with the previous list of a mission kept while its conflicts read
 * the same: `checkPlanning` builds new lists on each run, and a new list would re-render the block.
 */
export function stableConflicts(
  previous: ReadonlyMap<string, PlanningConflict[]>,
  next: Map<string, PlanningConflict[]>,
): Map<string, PlanningConflict[]> {
  for (const [id, list] of next) {
    const before = previous.get(id);
    if (before && before !== list && JSON.stringify(before) === JSON.stringify(list)) {
      next.set(id, before);
    }
  }
  return next;
}
