import { useEffect, useRef } from 'react';
import { nearestBlock, type ArrowDirection } from './block-navigation';
import type { BoardView } from './board-url';

interface BoardKeys {
  onView: (view: BoardView) => void;
  onToday: () => void;
  onOpen: (missionId: string) => void;
  onDelete: (missionId: string) => void;
  /** A block is being carried (keyboard drag): arrows and Enter belong to dnd-kit then. */
  dragging: boolean;
}

const arrows: Record<string, ArrowDirection> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
const views: Record<string, BoardView> = { j: 'day', s: 'week', q: 'twoWeeks' };

function ignored(event: KeyboardEvent): boolean {
  const target = event.target;
  return (
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    document.querySelector('dialog[open]') !== null ||
    (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName)))
  );
}

/** Moves the focus to the block the arrow points to (the nearest one on screen that way). */
function focusNext(from: HTMLElement, direction: ArrowDirection): boolean {
  const handles = [...document.querySelectorAll<HTMLElement>('[data-testid="planning-board"] .block-handle[data-block-id]')];
  const box = (element: HTMLElement) => {
    const rect = element.getBoundingClientRect();
    return { id: element.dataset['blockId'] ?? '', x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  };
  const next = nearestBlock(box(from), handles.map(box), direction);
  const target = handles.find((element) => element.dataset['blockId'] === next);
  target?.focus();
  target?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  return target !== undefined;
}

/**
 * The board's keyboard: J / S / Q for day, week and two weeks, A for today; on a focused block,
 * the arrows move between blocks, Enter opens it, Delete deletes it (undoable).
 */
export function useBoardKeys(keys: BoardKeys): void {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const current = latest.current;
      if (current.dragging || ignored(event)) {
        return;
      }
      const block = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('.block-handle[data-block-id]') : null;
      const id = block?.dataset['blockId'];
      const direction = arrows[event.key];
      if (block && id) {
        if (direction) {
          if (focusNext(block, direction)) {
            event.preventDefault();
          }
          return;
        }
        if (event.key === 'Enter') {
          event.preventDefault();
          current.onOpen(id);
          return;
        }
        if (event.key === 'Delete') {
          event.preventDefault();
          current.onDelete(id);
          return;
        }
      }
      const view = views[event.key.toLowerCase()];
      if (view) {
        current.onView(view);
      } else if (event.key.toLowerCase() === 'a') {
        current.onToday();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
