import type { Mission } from '@relais/schema';
import { useDraggable, type DraggableAttributes, type DraggableSyntheticListeners } from '@dnd-kit/core';
import { memo, useId, useLayoutEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { BlockModel, BlockVoyage } from './block-models';
import type { BlockTexts } from './block-texts';
import { conflictsText, worstSeverity } from './conflict-text';
import { dragInstructionsId } from './use-board-drag';

interface MissionBlockProps {
  model: BlockModel;
  /** The board's texts in the current language: a new object when the language changes. */
  texts: BlockTexts;
  /** The block sits on a day timeline (its start follows a horizontal drag). */
  positioned: boolean;
  onDismissNotice: (key: string) => void;
  onReassign: (missionId: string) => void;
  onOpen: (missionId: string) => void;
  onDetails: (missionId: string | undefined, anchor?: HTMLElement) => void;
}

interface BlockFaceProps {
  mission: Readonly<Mission>;
  /** The end time, shown on a day timeline and in the drag preview; a list block (week, side list) shows the start only. */
  end?: string | undefined;
  /** The voyage code, shown in the drag preview; on the board the block's colour and the legend say the voyage. */
  voyage?: BlockVoyage | undefined;
  texts: BlockTexts;
}

/**
 * The visible face of a mission block: start(–end) and pallets, then the destination (and voyage).
 * What a block does not show is not drawn at all: a week has thousands of blocks, each node costs
 * its creation, style and removal. A plain function, not a component: a block's face is part of
 * the block's render, without a component of its own for each of a week's thousands to mount and
 * unmount. A list block (week, side list: no `end`, no `voyage`) holds its two lines as the
 * handle's own text, the destination starting the second (`.block-plain`), without a box per line.
 */
export function blockFace({ mission, end, voyage, texts }: BlockFaceProps): ReactNode {
  const extra = mission.nb_palettes !== undefined ? <span className="block-extra">{texts.pallets(mission.nb_palettes)}</span> : null;
  if (end === undefined && voyage === undefined) {
    return (
      <>
        <span className="block-time">{mission.heure_debut}</span>
        {extra}
        <span className="block-destination">{mission.destination}</span>
      </>
    );
  }
  return (
    <>
      <span className="block-line">
        {/* One text child each: React then sets the text, without a text node of its own to make and remove. */}
        {end === undefined ? (
          <span className="block-time">{mission.heure_debut}</span>
        ) : (
          <span className="block-time">
            {mission.heure_debut}
            <span className="block-end">{`–${end}`}</span>
          </span>
        )}
        {extra}
      </span>
      <span className="block-line">
        <span className="block-destination">{mission.destination}</span>
        {voyage ? <span className="block-extra block-voyage">{voyage.code}</span> : null}
      </span>
    </>
  );
}

/** What dnd-kit gives a draggable block: its handle's attributes and listeners, the ref it measures. */
interface BlockDrag {
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  setNodeRef: ((element: HTMLElement | null) => void) | undefined;
  isDragging: boolean;
}

/**
 * A block not yet reached by the pointer or the focus: a button like dnd-kit's, no listener yet,
 * described by the board's drag instructions as dnd-kit's own attributes will describe it.
 */
function restingDrag(editable: boolean): BlockDrag {
  return {
    attributes: { role: 'button', tabIndex: 0, 'aria-disabled': !editable, 'aria-pressed': undefined, 'aria-roledescription': 'draggable', 'aria-describedby': dragInstructionsId },
    listeners: undefined,
    setNodeRef: undefined,
    isDragging: false,
  };
}
const resting = { editable: restingDrag(true), readOnly: restingDrag(false) };

interface BlockDraggableProps {
  id: string;
  disabled: boolean;
  positioned: boolean;
  onChange: (drag: BlockDrag) => void;
}

/**
 * The block's `useDraggable`, mounted once the pointer or the focus reaches the block: it draws
 * nothing and hands the block what dnd-kit gives it (memoised by dnd-kit, so only a change of the
 * block's own dragging state reaches the block's content). `useDraggable` reads dnd-kit's whole
 * context: a week's 5 000 blocks each holding one made the click on « Semaine » pay for its hooks
 * and made every change of that context re-render them all.
 */
function BlockDraggable({ id, disabled, positioned, onChange }: BlockDraggableProps) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id, disabled, data: { positioned } });
  useLayoutEffect(() => {
    onChange({ attributes, listeners, setNodeRef, isDragging });
  }, [attributes, listeners, setNodeRef, isDragging, onChange]);
  return null;
}

/**
 * A mission on the board in its voyage's colour: draggable (pointer and keyboard), opened for
 * editing by a click or Enter, its details shown on hover and focus, its conflicts in colour and words.
 * Memoised: the board hands it the same model while the mission, its conflicts and its place are
 * unchanged, so a replication batch or a drag re-renders only the blocks it changed.
 *
 * Draggable from the moment the pointer enters it or it gets the focus (before any press or key can
 * start a drag): the draggable part is then mounted inside it, at once for the pointer (`flushSync`:
 * the press may follow in the next event), and the block's DOM stays. One component per block, its
 * face drawn inline: the click on « Semaine » mounts the week's blocks in view and unmounts the
 * day's 800, and each component, hook and node of a block is paid for each of them.
 */
export const MissionBlock = memo(function MissionBlock(props: MissionBlockProps) {
  const { model, texts, positioned, onDismissNotice, onReassign, onOpen, onDetails } = props;
  const { mission, conflicts, voyage, end, editable, preview, notice, position } = model;
  const [armed, setArmed] = useState(false);
  const [drag, setDrag] = useState<BlockDrag | undefined>(undefined);
  const descriptionId = useId();
  const { attributes, listeners, setNodeRef, isDragging } = drag ?? (editable ? resting.editable : resting.readOnly);
  const { t } = texts;
  const severity = worstSeverity(conflicts);
  const reason = conflicts && conflicts.length > 0 ? conflictsText(conflicts, texts.language, t) : '';
  // Most blocks have nothing to describe: no lists made and dropped for each of a week's thousands.
  const description =
    preview || severity || mission.force_motif || notice
      ? [
          preview ? texts.preview : '',
          severity ? `${t(`planning.${severity}`)} : ${reason}` : '',
          mission.force_motif ? t('planning.forced', { motif: mission.force_motif }) : '',
          notice ? t('planning.serverRefused', { reason: notice.message }) : '',
        ]
          .filter(Boolean)
          .join('. ')
      : '';
  const colour = voyage?.couleur ? ({ '--voyage': voyage.couleur } as CSSProperties) : undefined;
  const style = positioned && position ? { left: `${position.left}%`, width: `${position.width}%`, top: `${position.top}px` } : undefined;
  const plain = !positioned;
  return (
    <div
      className={`mission-block statut-${mission.statut}${severity ? ` conflict-${severity}` : ''}${isDragging ? ' dragging' : ''}${voyage?.couleur ? ' has-voyage' : ''}${preview ? ' preview' : ''}`}
      style={colour || style ? { ...colour, ...style } : undefined}
      data-testid="planning-block"
      data-id={mission.id}
      data-severity={severity ?? ''}
      data-preview={preview ? 'true' : undefined}
      title={preview ? texts.preview : undefined}
      data-start={mission.heure_debut}
      onPointerEnter={armed ? undefined : () => flushSync(() => setArmed(true))}
      onMouseEnter={(event) => onDetails(mission.id, event.currentTarget)}
      onMouseLeave={() => onDetails(undefined)}
    >
      {armed ? <BlockDraggable id={mission.id} disabled={!editable} positioned={positioned} onChange={setDrag} /> : null}
      <div
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        className={plain ? 'block-handle block-plain' : 'block-handle'}
        data-block-id={mission.id}
        aria-label={texts.label(`${mission.heure_debut}–${end}`, mission.destination)}
        aria-describedby={[attributes['aria-describedby'], description ? descriptionId : ''].filter(Boolean).join(' ') || undefined}
        onClick={() => onOpen(mission.id)}
        onFocus={(event) => {
          setArmed(true);
          onDetails(mission.id, event.currentTarget);
        }}
        onBlur={() => onDetails(undefined)}
      >
        {blockFace({ mission, end: positioned ? end : undefined, texts })}
      </div>
      {editable ? (
        <button type="button" className="block-menu" aria-label={`${texts.reassign} ${mission.heure_debut} ${mission.destination}`} onClick={() => onReassign(mission.id)}>
          ⋯
        </button>
      ) : null}
      {/* Most blocks have nothing to add: no empty node for each of a week's thousands of blocks. */}
      {description ? (
        <span id={descriptionId} className="sr-only" data-testid="planning-block-description">
          {description}
        </span>
      ) : null}
      {notice ? (
        <div className="block-notice" data-testid="planning-server-notice" role="status">
          <span>{t('planning.serverRefused', { reason: notice.message })}</span>
          <button type="button" className="button ghost" onClick={() => onDismissNotice(notice.key)}>
            {t('planning.dismiss')}
          </button>
        </div>
      ) : null}
    </div>
  );
});
