import type { PlanningConflict } from '@relais/domain';
import type { Mission } from '@relais/schema';
import { useDraggable } from '@dnd-kit/core';
import { useId, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictsText, worstSeverity } from './conflict-text';

export interface ServerNotice {
  key: string;
  message: string;
}

interface MissionBlockProps {
  mission: Readonly<Mission>;
  conflicts: readonly PlanningConflict[] | undefined;
  label?: string | undefined;
  style?: CSSProperties | undefined;
  editable: boolean;
  notice?: ServerNotice | undefined;
  onDismissNotice?: ((key: string) => void) | undefined;
  onReassign: (missionId: string) => void;
}

/** The visible face of a mission block, also drawn under the pointer while dragging. */
export function BlockFace({ mission, label }: { mission: Readonly<Mission>; label?: string | undefined }) {
  return (
    <>
      <span className="block-time">{mission.heure_debut}</span> <span className="block-destination">{mission.destination}</span>
      {label ? <span className="block-extra"> · {label}</span> : null}
    </>
  );
}

/** A mission on the board: draggable (pointer and keyboard), its conflicts in colour and in words. */
export function MissionBlock({ mission, conflicts, label, style, editable, notice, onDismissNotice, onReassign }: MissionBlockProps) {
  const { t, i18n } = useTranslation();
  const descriptionId = useId();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: mission.id, disabled: !editable });
  const severity = worstSeverity(conflicts);
  const reason = conflicts && conflicts.length > 0 ? conflictsText(conflicts, i18n.language, t) : '';
  const description = [
    severity ? `${t(`planning.${severity}`)} : ${reason}` : '',
    mission.force_motif ? t('planning.forced', { motif: mission.force_motif }) : '',
    notice ? t('planning.serverRefused', { reason: notice.message }) : '',
  ]
    .filter(Boolean)
    .join('. ');
  return (
    <div
      className={`mission-block statut-${mission.statut}${severity ? ` conflict-${severity}` : ''}${isDragging ? ' dragging' : ''}`}
      style={style}
      data-testid="planning-block"
      data-id={mission.id}
      data-severity={severity ?? ''}
    >
      <div
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        className="block-handle"
        aria-label={t('planning.blockLabel', { time: mission.heure_debut, destination: mission.destination })}
        aria-describedby={`${attributes['aria-describedby']} ${descriptionId}`}
        title={description || undefined}
      >
        <BlockFace mission={mission} label={label} />
      </div>
      {editable ? (
        <button type="button" className="block-menu" aria-label={`${t('planning.reassign')} ${mission.heure_debut} ${mission.destination}`} onClick={() => onReassign(mission.id)}>
          ⋯
        </button>
      ) : null}
      <span id={descriptionId} className="sr-only" data-testid="planning-block-description">
        {description}
      </span>
      {notice ? (
        <div className="block-notice" data-testid="planning-server-notice" role="status">
          <span>{t('planning.serverRefused', { reason: notice.message })}</span>
          <button type="button" className="button ghost" onClick={() => onDismissNotice?.(notice.key)}>
            {t('planning.dismiss')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
