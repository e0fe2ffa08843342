import { markPending, removeDocument, updateDocument } from '@relais/replica';
import type { Mission } from '@relais/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RxDocument } from 'rxdb';
import { useDatabase } from '../sync/hooks';
import { logger } from '../ui/logger';
import { emptyUndoStack, popUndo, pushUndo, restorePatch, type UndoEntry, type UndoKind } from './undo-stack';

/** The toast of the board: what was just done (with "Annuler"), what was undone, or why undo failed. */
export type UndoToast =
  | { kind: 'done'; action: UndoKind; mission: Readonly<Mission> }
  | { kind: 'undone'; mission: Readonly<Mission> }
  | { kind: 'failed'; reason: string }
  | { kind: 'empty' };

/** Whether a key press belongs to a text field or a dialog, where Ctrl+Z is the field's own undo. */
function typingTarget(target: EventTarget | null): boolean {
  if (document.querySelector('dialog[open]')) {
    return true;
  }
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * Undo for the board's moves, assignments and deletions (Ctrl+Z, or "Annuler" on the toast). Undo
 * writes the previous state back through the local store with a new revision, so it replicates to
 * the server and the other planners like any edit.
 */
export function useBoardUndo() {
  const db = useDatabase();
  const stack = useRef(emptyUndoStack());
  const [toast, setToast] = useState<UndoToast | undefined>(undefined);

  const record = useCallback((entry: UndoEntry): void => {
    stack.current = pushUndo(stack.current, entry);
    setToast({ kind: 'done', action: entry.kind, mission: entry.before });
  }, []);

  const undo = useCallback(async (): Promise<void> => {
    const { entry, stack: rest } = popUndo(stack.current);
    stack.current = rest;
    if (!entry) {
      setToast({ kind: 'empty' });
      return;
    }
    try {
      if (entry.kind === 'delete') {
        // The tombstone has the revision after `before`; the revived mission comes after it.
        const revived = { ...entry.before, rev: entry.before.rev + 2, updated_at: new Date().toISOString() } as Mission;
        await db.missions.insert(revived);
        await markPending(db, 'missions', revived.id, revived.rev);
      } else {
        const doc = await db.missions.findOne(entry.missionId).exec();
        if (!doc) {
          throw new Error('mission introuvable');
        }
        await updateDocument(doc, restorePatch(entry.before));
      }
      setToast({ kind: 'undone', mission: entry.before });
    } catch (error: unknown) {
      logger.error('annulation impossible', error);
      setToast({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  }, [db]);

  const remove = useCallback(
    async (doc: RxDocument<Mission>): Promise<void> => {
      const before = doc.toJSON() as Mission;
      await removeDocument(doc);
      record({ kind: 'delete', missionId: before.id, before });
    },
    [record],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z' && !typingTarget(event.target)) {
        event.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  return { record, undo, remove, toast, closeToast: () => setToast(undefined) };
}
