import { useDroppable } from '@dnd-kit/core';
import type { CSSProperties, ReactNode } from 'react';
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

/**
 * A place on the board a mission can be dropped on (a row, a timeline, a day cell, the side list).
 * Already a thin shell: its content comes as `children`, elements its board made, so a change of
 * dnd-kit's context (a drag passing over) re-renders this div and none of the blocks in it.
 */
export function DropArea({ zone, disabled = false, className, label, testId, style, children }: DropAreaProps) {
  const { setNodeRef, isOver } = useDroppable({ id: zoneId(zone), disabled });
  return (
    <div ref={setNodeRef} className={`${className}${isOver ? ' drop-over' : ''}`} aria-label={label} data-testid={testId} role={label ? 'group' : undefined} style={style}>
      {children}
    </div>
  );
}
