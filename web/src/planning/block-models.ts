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

/** The blocks of each row and day (key `<assignee key>|<day>`), made when a board asks for them. */
export interface BoardCells {
  /** The cell's blocks, the same list as on the previous board while unchanged; undefined for an empty cell. */
  get: (key: string) => readonly BlockModel[] | undefined;
  /** How many blocks the cell holds, without making them (a row's height). */
  count: (key: string) => number;
}

export interface Board {
  cells: BoardCells;
  /** The block of one mission, made once per board. */
  modelOf: (mission: Readonly<Mission>) => BlockModel;
}

/**
 * Keeps the board's values identical from one render to the next while their content is: a block
 * model per mission id, a list of models per cell. A model is made only when a drawn cell (or the
 * side list) asks for it: a week of 5 000 missions makes the blocks of the rows in view before its
 * first paint, not all of them. Each `board` returns what the screen should render: the previous
 * board's objects where nothing changed, new ones elsewhere.
 */
export interface BoardCache {
  board: (missionsByCell: ReadonlyMap<string, readonly Readonly<Mission>[]>, make: (mission: Readonly<Mission>) => BlockModel) => Board;
}

interface BoardValues {
  models: Map<string, BlockModel>;
  cells: Map<string, readonly BlockModel[]>;
}

export function createBoardCache(): BoardCache {
  let last: BoardValues = { models: new Map(), cells: new Map() };
  return {
    board: (missionsByCell, make) => {
      // What this board makes, for the next one to compare with (a drawn cell is asked for by every
      // board); a board nobody asked anything of (a render React dropped) leaves the last one in place.
      const before = last;
      const made: BoardValues = { models: new Map(), cells: new Map() };
      const modelOf = (mission: Readonly<Mission>): BlockModel => {
        let model = made.models.get(mission.id);
        if (model === undefined) {
          const next = make(mission);
          const previous = before.models.get(mission.id);
          model = previous && sameModel(previous, next) ? previous : next;
          made.models.set(mission.id, model);
          last = made;
        }
        return model;
      };
      const get = (key: string): readonly BlockModel[] | undefined => {
        let list = made.cells.get(key);
        if (list === undefined) {
          const missions = missionsByCell.get(key);
          if (missions === undefined) {
            return undefined;
          }
          const next = missions.map(modelOf);
          const previous = before.cells.get(key);
          list = previous && sameList(previous, next) ? previous : next;
          made.cells.set(key, list);
          last = made;
        }
        return list;
      };
      return { cells: { get, count: (key) => missionsByCell.get(key)?.length ?? 0 }, modelOf };
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
