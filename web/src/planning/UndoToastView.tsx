import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { missionName } from './mission-name';
import type { UndoToast } from './use-board-undo';

/** The toast after a move, an assignment or a deletion, with "Annuler"; it closes itself after a while. */
export function UndoToastView({ toast, onUndo, onClose }: { toast: UndoToast; onUndo: () => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    const timer = window.setTimeout(onClose, toast.kind === 'done' ? 10_000 : 5_000);
    return () => window.clearTimeout(timer);
  }, [toast, onClose]);
  const text = (() => {
    switch (toast.kind) {
      case 'done':
        return t(`board.did.${toast.action}`, { mission: missionName(toast.mission, i18n.language) });
      case 'undone':
        return t('board.undone', { mission: missionName(toast.mission, i18n.language) });
      case 'failed':
        return t('board.undoFailed', { reason: toast.reason });
      case 'empty':
        return t('board.nothingToUndo');
    }
  })();
  return (
    <div className="board-toast" role="status" data-testid="planning-toast">
      <span>{text}</span>
      {toast.kind === 'done' ? (
        <button type="button" className="button" onClick={onUndo} data-testid="planning-undo">
          {t('board.undo')}
        </button>
      ) : null}
      <button type="button" className="icon-button" onClick={onClose} aria-label={t('planning.dismiss')}>
        ×
      </button>
    </div>
  );
}
