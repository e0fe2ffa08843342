import { timeToMinutes } from '@relais/domain';
import type { Mission } from '@relais/schema';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { shiftedTimes } from './board-layout';
import type { BoardRow } from './board-rows';
import { conflictsText } from './conflict-text';
import { assigneeKey, assigneeOf, parseAssigneeKey, type MissionPatch } from './drop-target';
import { missionName } from './mission-name';
import type { PendingConfirm, PendingForce } from './use-placement';

interface ReassignDialogProps {
  mission: Readonly<Mission>;
  rows: readonly BoardRow[];
  onCancel: () => void;
  onSubmit: (patch: MissionPatch) => void;
  /** Deletes the mission (undoable from the board's toast). */
  onDelete: () => void;
}

/** The keyboard alternative to dragging: pick the chauffeur or subcontractor, the day and the time. */
export function ReassignDialog({ mission, rows, onCancel, onSubmit, onDelete }: ReassignDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const [target, setTarget] = useState(assigneeKey(assigneeOf(mission)));
  const [date, setDate] = useState(mission.date_mission);
  const [time, setTime] = useState(mission.heure_debut);
  return (
    <Dialog title={t('planning.reassignTitle', { time: mission.heure_debut, destination: mission.destination })} onClose={onCancel}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const assignee = parseAssigneeKey(target);
          const start = /^\d{2}:\d{2}$/.test(time) ? timeToMinutes(time) : timeToMinutes(mission.heure_debut);
          onSubmit({
            chauffeur_id: assignee.kind === 'chauffeur' ? assignee.id : undefined,
            sst_id: assignee.kind === 'sst' ? assignee.id : undefined,
            date_mission: date || mission.date_mission,
            ...shiftedTimes(mission, start),
          });
        }}
      >
        <div className="form-grid">
          {/* The chauffeur's name on a row of its own: beside it, the date and time fields were too
              narrow for « 07/12/2026 » and its calendar button. */}
          <Field label={t('planning.reassignTo')} htmlFor={`${id}-to`} span={4}>
            <select id={`${id}-to`} value={target} onChange={(event) => setTarget(event.target.value)} data-testid="reassign-target">
              <option value="none">{t('planning.noneTarget')}</option>
              {rows.map((row) => (
                <option key={assigneeKey(row.assignee)} value={assigneeKey(row.assignee)}>
                  {row.group === 'sst' ? `${t('planning.sst')} · ${row.name}` : row.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('planning.reassignDate')} htmlFor={`${id}-date`} span={2}>
            <input id={`${id}-date`} type="date" value={date} onChange={(event) => setDate(event.target.value)} />
          </Field>
          <Field label={t('planning.reassignTime')} htmlFor={`${id}-time`} span={2}>
            <input id={`${id}-time`} type="time" step={900} value={time} onChange={(event) => setTime(event.target.value)} />
          </Field>
        </div>
        <footer className="form-footer">
          <button type="button" className="button danger" onClick={onDelete} data-testid="reassign-delete">
            {t('board.delete')}
          </button>
          <button type="button" className="button ghost" onClick={onCancel}>
            {t('planning.cancel')}
          </button>
          <button type="submit" className="button primary" data-testid="reassign-save">
            {t('planning.reassignSave')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

interface ForceDialogProps {
  pending: PendingForce;
  onCancel: () => void;
  onForce: (motif: string) => void;
}

/** Asks the reason for keeping a plan that breaks a blocking rule (`edit_past_planning_advanced` only). */
export function ForceDialog({ pending, onCancel, onForce }: ForceDialogProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [motif, setMotif] = useState('');
  return (
    <Dialog title={t('planning.forceTitle')} onClose={onCancel}>
      <form
        className="form"
        data-testid="planning-force-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (motif.trim()) {
            onForce(motif.trim());
          }
        }}
      >
        <p className="force-explain" role="alert">
          {t('planning.forceExplain', { reason: conflictsText(pending.conflicts, i18n.language, t) })}
        </p>
        <Field label={t('planning.forceMotif')} htmlFor={`${id}-motif`} span={4}>
          <textarea id={`${id}-motif`} required maxLength={500} value={motif} onChange={(event) => setMotif(event.target.value)} data-testid="planning-force-motif" />
        </Field>
        <footer className="form-footer">
          <button type="button" className="button ghost" onClick={onCancel}>
            {t('planning.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={!motif.trim()} data-testid="planning-force-save">
            {t('planning.forceSave')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}


interface ConfirmMoveDialogProps {
  pending: PendingConfirm;
  onCancel: () => void;
  onConfirm: () => void;
}

/** Asks before moving a mission of a past day or a finished one. */
export function ConfirmMoveDialog({ pending, onCancel, onConfirm }: ConfirmMoveDialogProps) {
  const { t, i18n } = useTranslation();
  const mission = missionName(pending.doc.toJSON(), i18n.language);
  return (
    <Dialog title={t('board.confirmTitle')} onClose={onCancel}>
      <div className="form" data-testid="planning-confirm-move">
        <p>{t(pending.reason === 'past' ? 'board.confirmPast' : 'board.confirmFinished', { mission })}</p>
        <p>{t('board.confirmQuestion')}</p>
        <footer className="form-footer">
          <button type="button" className="button ghost" onClick={onCancel}>
            {t('planning.cancel')}
          </button>
          <button type="button" className="button primary" onClick={onConfirm} data-testid="planning-confirm-move-save" autoFocus>
            {t('board.confirmMove')}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
