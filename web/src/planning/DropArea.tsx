import { useDndMonitor, useDroppable } from '@dnd-kit/core';
import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { zoneId, type DropZone } from './drop-target';

interface DropAreaProps {
  zone: DropZone;
  disabled?: boolean;
  className: string;
  label?: string;
  testId?: string;
  style?: CSSProperties;
  children?: ReactNode;
}

interface DropTargetProps {
  zone: DropZone;
  disabled: boolean;
  node: RefObject<HTMLDivElement | null>;
  onOver: (over: boolean) => void;
}

/**
 * The area's registration with dnd-kit, mounted only while a mission is dragged. Each registration
 * copies dnd-kit's map of drop zones and changes its context: a week's 1 400 cells registering (and
 * the day view's 400 zones leaving) made the click on « Semaine » quadratic in the zones. It draws
 * nothing: the area's div and its blocks stay as they are when it comes and goes.
 */
function DropTarget({ zone, disabled, node, onOver }: DropTargetProps) {
  const { setNodeRef, isOver } = useDroppable({ id: zoneId(zone), disabled });
  useLayoutEffect(() => {
    setNodeRef(node.current);
  }, [setNodeRef, node]);
  useLayoutEffect(() => {
    onOver(isOver);
    return () => onOver(false);
  }, [isOver, onOver]);
  return null;
}

/**
 * A place on the board a mission can be dropped on (a row, a timeline, a day cell, the side list).
 * A plain div until a drag starts (dnd-kit tells every area in the same render as the drag start,
 * before the first move is measured); its content comes as `children`, elements its board made, so
 * the drag's start and end, and its passing over, re-render this div and none of the blocks in it.
 */
export function DropArea({ zone, disabled = false, className, label, testId, style, children }: DropAreaProps) {
  const node = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const [over, setOver] = useState(false);
  const monitor = useMemo(
    () => ({ onDragStart: () => setDragging(true), onDragEnd: () => setDragging(false), onDragCancel: () => setDragging(false) }),
    [],
  );
  useDndMonitor(monitor);
  return (
    <div ref={node} className={`${className}${over ? ' drop-over' : ''}`} aria-label={label} data-testid={testId} role={label ? 'group' : undefined} style={style}>
      {dragging ? <DropTarget zone={zone} disabled={disabled} node={node} onOver={setOver} /> : null}
      {children}
    </div>
  );
}
