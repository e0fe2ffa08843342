import {
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type Announcements,
  type DragMoveEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { checkMissionPlanning, timeToMinutes, type PlanningConflict, type PlanningData } from '@relais/domain';
import type { Mission } from '@relais/schema';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import type { RxDocument } from 'rxdb';
import { dropStart, minutesAt, shiftedTimes } from './board-layout';
import { parseZoneId, patchForDrop, type DropZone, type MissionPatch } from './drop-target';
import { proposed } from './placement-decision';

/** Space picks a block up and drops it; Enter is left to open the block (it also drops one being carried). */
const keyboardCodes = { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] };
/*
 * Sensor options live outside the hook: `useSensor` memoises on the options object, and a new one at
 * each render gave dnd-kit new activators, so its context changed and every block on the board
 * re-rendered whenever the page did (each replication batch, each frame of rows drawn).
 */
const pointerOptions = { activationConstraint: { distance: 4 } };
const keyboardOptions = { keyboardCodes };

/**
 * The id of the board's keyboard instructions for screen readers. dnd-kit renders them once for the
 * board, in a hidden element it names after its context's `id`, and gives that id to each
 * draggable's `aria-describedby`. A block's `useDraggable` is mounted only when the pointer or the
 * focus reaches it: until then the block points at the same element itself, so a screen reader
 * announcing the focused block reads the instructions from the first render on.
 */
export const dragInstructionsId = 'planning-drag-instructions';

/**
 * How a drag's announcements name things: a mission by its id (as people call it, « Rungis → Lyon,
 * mar. 8 déc. 06:00 »), and a drop zone (the row's name and the day).
 */
export interface DragNames {
  mission(id: string): string | undefined;
  zone(zone: DropZone): string;
}

/**
 * The board's DndContext props for screen readers: dnd-kit's instructions, in the board's language,
 * under `dragInstructionsId`, and its live announcements in that language naming the mission and
 * where it is over (dnd-kit's own say « Picked up draggable item » and the mission's id).
 */
export function dragAccessibility(t: TFunction, names: DragNames) {
  const missionOf = (id: UniqueIdentifier): string => names.mission(String(id)) ?? t('board.dragMissionUnnamed');
  const zoneOf = (over: { id: UniqueIdentifier } | null): string | undefined => {
    const zone = over ? parseZoneId(over.id) : undefined;
    return zone ? names.zone(zone) : undefined;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('board.dragStart', { mission: missionOf(active.id) }),
    onDragOver: ({ active, over }) => {
      const zone = zoneOf(over);
      return zone ? t('board.dragOver', { mission: missionOf(active.id), zone }) : t('board.dragOutside', { mission: missionOf(active.id) });
    },
    onDragEnd: ({ active, over }) => {
      const zone = zoneOf(over);
      return zone ? t('board.dragEnd', { mission: missionOf(active.id), zone }) : t('board.dragCancel', { mission: missionOf(active.id) });
    },
    onDragCancel: ({ active }) => t('board.dragCancel', { mission: missionOf(active.id) }),
  };
  return { id: dragInstructionsId, accessibility: { announcements, screenReaderInstructions: { draggable: t('board.dragInstructions') } } };
}

/** The pointer first, else the dragged block's overlap (keyboard drags have no pointer). */
export const boardCollision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : rectIntersection(args);
};

/**
 * Where on a day timeline the block lands, in minutes. A block already on a timeline moves by the
 * distance dragged sideways (a vertical drag keeps its start exactly); a block coming from the side
 * list or a week cell starts where its left edge lands. Never the pointer: grabbing a block by its
 * middle must not shift it.
 */
function landedAt(event: DragMoveEvent, mission: Readonly<Mission>, laneLeft: number, laneWidth: number): number | undefined {
  const positioned = (event.active.data.current as { positioned?: boolean } | undefined)?.positioned === true;
  if (positioned) {
    return dropStart({ start: timeToMinutes(mission.heure_debut), deltaX: event.delta.x, laneWidth });
  }
  const left = event.active.rect.current.translated?.left;
  return left === undefined ? undefined : minutesAt(left - laneLeft, laneWidth);
}

/** The patch a drag would apply where it is now, or `undefined` when it is over nothing. */
export function patchOfDrag(event: DragMoveEvent, mission: Readonly<Mission>): MissionPatch | undefined {
  const zone = event.over ? parseZoneId(event.over.id) : undefined;
  if (!zone || !event.over) {
    return undefined;
  }
  const start = zone.type === 'lane' ? landedAt(event, mission, event.over.rect.left, event.over.rect.width) : undefined;
  return patchForDrop({ zone, mission, landedAt: start, shift: (minutes) => shiftedTimes(mission, minutes) });
}

export interface DragPreview {
  missionId: string;
  patch: MissionPatch;
  conflicts: PlanningConflict[];
}

/** dnd-kit's sensors and the live preview of the conflicts a drop would create. */
export function useBoardDrag(
  docs: ReadonlyMap<string, RxDocument<Mission>>,
  data: PlanningData,
  onDrop: (doc: RxDocument<Mission>, patch: MissionPatch) => void,
) {
  const sensors = useSensors(useSensor(PointerSensor, pointerOptions), useSensor(KeyboardSensor, keyboardOptions));
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [preview, setPreview] = useState<DragPreview | undefined>(undefined);

  const track = (event: DragMoveEvent): void => {
    const doc = docs.get(String(event.active.id));
    const mission = doc?.toJSON();
    const patch = mission ? patchOfDrag(event, mission) : undefined;
    if (!mission || !patch) {
      setPreview(undefined);
      return;
    }
    const same =
      preview?.missionId === mission.id && JSON.stringify(preview.patch) === JSON.stringify(patch);
    if (!same) {
      setPreview({ missionId: mission.id, patch, conflicts: checkMissionPlanning(data, proposed(mission, patch)) });
    }
  };

  const end = (event: DragEndEvent): void => {
    setActiveId(undefined);
    setPreview(undefined);
    const doc = docs.get(String(event.active.id));
    const patch = doc ? patchOfDrag(event, doc.toJSON()) : undefined;
    if (doc && patch) {
      onDrop(doc, patch);
    }
  };

  return {
    sensors,
    activeId,
    preview,
    handlers: {
      onDragStart: (event: { active: { id: string | number } }) => setActiveId(String(event.active.id)),
      onDragMove: track,
      onDragOver: track,
      onDragEnd: end,
      onDragCancel: () => {
        setActiveId(undefined);
        setPreview(undefined);
      },
    },
  };
}
