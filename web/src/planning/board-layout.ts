import { minutesToTime, timeMission, timeToMinutes, type PlannedMission, type VoyageFacts } from '@relais/domain';

/** The day timeline runs from 00:00 to 28:00: night runs ending after midnight belong to their start day. */
export const dayMinutes = 28 * 60;
/** Drops on the timeline snap to quarter hours. */
export const slotMinutes = 15;

/** `HH:MM` of minutes since the start of the day (up to 28:00). */
export function clockOf(minutes: number): string {
  const bounded = Math.min(Math.max(0, Math.round(minutes)), dayMinutes);
  return minutesToTime(bounded);
}

export interface BlockPlacement {
  /** Minutes since the start of the mission's day. */
  start: number;
  end: number;
  /** Percentages of the timeline's width. */
  left: number;
  width: number;
}

/**
 * Where a mission's block sits on its day's timeline, its length as the planning rules see it
 * (end time, else planned driving, else an hour), clipped to 28:00.
 */
export function placeBlock(mission: PlannedMission, voyage: VoyageFacts | undefined): BlockPlacement {
  const timed = timeMission(mission, voyage);
  const start = timeToMinutes(mission.heure_debut);
  const end = Math.min(dayMinutes, start + (timed.end - timed.start));
  const left = (start / dayMinutes) * 100;
  const width = Math.max(((end - start) / dayMinutes) * 100, 0.5);
  return { start, end, left, width: Math.min(width, 100 - left) };
}

/** The quarter hour nearest to a position along a timeline `width` pixels wide. */
export function minutesAt(offset: number, width: number): number {
  if (width <= 0) {
    return 0;
  }
  const raw = (offset / width) * dayMinutes;
  const snapped = Math.round(raw / slotMinutes) * slotMinutes;
  return Math.min(Math.max(0, snapped), dayMinutes - slotMinutes);
}

/** The hour marks of the day timeline (every two hours, 00 to 28). */
export function hourMarks(step = 2): { label: string; left: number }[] {
  const marks: { label: string; left: number }[] = [];
  for (let hour = 0; hour <= 28; hour += step) {
    marks.push({ label: `${String(hour).padStart(2, '0')}h`, left: ((hour * 60) / dayMinutes) * 100 });
  }
  return marks;
}

/** Keeps a mission's length when it moves to a new start time (its end moves with it, up to 28:00). */
export function shiftedTimes(mission: Pick<PlannedMission, 'heure_debut' | 'heure_fin'>, start: number): { heure_debut: string; heure_fin?: string } {
  if (mission.heure_fin === undefined) {
    return { heure_debut: clockOf(start) };
  }
  const length = timeToMinutes(mission.heure_fin) - timeToMinutes(mission.heure_debut);
  if (length <= 0) {
    return { heure_debut: clockOf(start), heure_fin: mission.heure_fin };
  }
  return { heure_debut: clockOf(start), heure_fin: clockOf(Math.min(dayMinutes, start + length)) };
}

/** Vertical space of one lane of a day row, in pixels (a block is 38 px high: two lines). */
export const laneHeight = 42;

/**
 * Stacks overlapping blocks of one row in lanes (first free lane, by start time), so a double
 * booking shows two blocks one above the other instead of one hiding the other.
 */
export function stackLanes(blocks: readonly { id: string; start: number; end: number }[]): { lanes: Map<string, number>; count: number } {
  const lanes = new Map<string, number>();
  const laneEnds: number[] = [];
  for (const block of [...blocks].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const free = laneEnds.findIndex((end) => end <= block.start);
    const lane = free === -1 ? laneEnds.length : free;
    laneEnds[lane] = block.end;
    lanes.set(block.id, lane);
  }
  return { lanes, count: Math.max(1, laneEnds.length) };
}

/** Minutes snapped to the nearest quarter hour, kept within the day timeline. */
export function snapToSlot(minutes: number): number {
  const snapped = Math.round(minutes / slotMinutes) * slotMinutes;
  return Math.min(Math.max(0, snapped), dayMinutes - slotMinutes);
}

/** Sideways movement (pixels) under which a drag counts as vertical: the hand is never perfectly still. */
export const verticalDragTolerance = 12;

/**
 * The start time of a block dragged along a day timeline `laneWidth` pixels wide by `deltaX`
 * pixels: a vertical drag (to another chauffeur) keeps the start exactly, a horizontal one moves
 * it by the distance dragged, snapped to the quarter hour.
 */
export function dropStart(input: { start: number; deltaX: number; laneWidth: number }): number {
  const { start, deltaX, laneWidth } = input;
  if (laneWidth <= 0 || Math.abs(deltaX) < verticalDragTolerance) {
    return start;
  }
  return snapToSlot(start + (deltaX / laneWidth) * dayMinutes);
}
