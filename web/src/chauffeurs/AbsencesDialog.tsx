import { removeDocument } from '@relais/replica';
import { typeAbsenceValues, type Chauffeur, type Disponibilite } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { useMayEdit } from '../auth/use-session';
import { Dialog } from '../ui/Dialog';
import { formatDayNumeric } from '../ui/document-names';
import { FormActions } from '../ui/FormDialog';
import { enumOptions, InputField, SelectField } from '../ui/FormFields';
import { logger } from '../ui/logger';
import { useDocumentForm } from '../ui/use-document-form';
import { AbsenceCalendar } from './AbsenceCalendar';
import { absenceForm } from './absence-form';
import { chauffeurName } from './chauffeur-form';
import { useAbsences } from './use-absences';

interface AbsenceEditorProps {
  chauffeurId: string;
  doc: RxDocument<Disponibilite> | undefined;
  /** The day picked on the calendar, for a new absence. */
  startDate?: string | undefined;
  onClose: () => void;
}

/** The add / edit form under the list. */
function AbsenceEditor({ chauffeurId, doc, startDate, onClose }: AbsenceEditorProps) {
  const { t } = useTranslation();
  const form = useDocumentForm({
    definition: absenceForm,
    collection: (db) => db.disponibilites,
    doc,
    initial: { chauffeur_id: chauffeurId, ...(startDate ? { date_debut: startDate, date_fin: startDate } : {}) },
    label: (field) => t(`absences.fields.${field}`),
    saveFailedLog: 'enregistrement de l’absence impossible',
    onSaved: onClose,
    explainInvalid: true,
    describeInputs: true,
  });
  return (
    <form className="form absence-form" noValidate onSubmit={form.submit} data-testid="absence-form">
      <h3>{doc ? t('absences.editTitle') : t('absences.createTitle')}</h3>
      <div className="form-grid">
        <InputField form={form} field="date_debut" type="date" autoFocus />
        <InputField form={form} field="date_fin" type="date" />
        <SelectField
          form={form}
          field="type_absence"
          options={enumOptions(typeAbsenceValues, (type) => t(`absences.type.${type}`))}
        />
        <InputField form={form} field="motif" type="text" maxLength={500} />
      </div>
      <FormActions form={form} onCancel={onClose} saveTestId="absence-save" />
    </form>
  );
}

type Editing = { mode: 'create'; date?: string } | { mode: 'edit'; id: string } | null;

/**
 * A chauffeur's absences on a month calendar and as a dated list; add (a free day of the calendar
 * starts one there), edit and delete for `edit_driver_planning`.
 */
export function AbsencesDialog({ chauffeur, onClose }: { chauffeur: Readonly<Chauffeur>; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const editable = useMayEdit('disponibilites');
  const absences = useAbsences(chauffeur.id);
  const [editing, setEditing] = useState<Editing>(null);
  const edited = editing?.mode === 'edit' ? absences?.find((absence) => absence.id === editing.id) : undefined;
  const remove = (doc: RxDocument<Disponibilite>): void => {
    if (window.confirm(t('absences.deleteConfirm', { from: formatDayNumeric(doc.date_debut, i18n.language), to: formatDayNumeric(doc.date_fin, i18n.language) }))) {
      removeDocument(doc).catch((error: unknown) => logger.error('suppression de l’absence impossible', error));
    }
  };

  return (
    <Dialog title={t('absences.title', { name: chauffeurName(chauffeur) })} onClose={onClose} wide>
      <div className="absences" data-testid="absences">
        <AbsenceCalendar
          absences={absences ?? []}
          onPick={
            editable
              ? (pick) => setEditing('absenceId' in pick ? { mode: 'edit', id: pick.absenceId } : { mode: 'create', date: pick.date })
              : undefined
          }
        />
        <table className="table">
          <thead>
            <tr>
              <th>{t('absences.fields.date_debut')}</th>
              <th>{t('absences.fields.date_fin')}</th>
              <th>{t('absences.fields.type_absence')}</th>
              <th>{t('absences.fields.motif')}</th>
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {absences?.map((absence) => (
              <tr key={absence.id} data-id={absence.id} data-testid="absence-row">
                <td className="mono">{formatDayNumeric(absence.date_debut, i18n.language)}</td>
                <td className="mono">{formatDayNumeric(absence.date_fin, i18n.language)}</td>
                <td>
                  <span className={`tag absence-${absence.type_absence}`}>{t(`absences.type.${absence.type_absence}`)}</span>
                </td>
                <td className="muted">{absence.motif ?? ''}</td>
                <td className="col-actions">
                  {editable ? (
                    <>
                      <button type="button" className="button small" onClick={() => setEditing({ mode: 'edit', id: absence.id })}>
                        {t('common.edit')}
                      </button>
                      <button type="button" className="button small danger" onClick={() => remove(absence)}>
                        {t('common.delete')}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {absences?.length === 0 ? <p className="empty">{t('absences.empty')}</p> : null}
        {editable && editing && (editing.mode === 'create' || edited) ? (
          <AbsenceEditor
            key={editing.mode === 'edit' ? editing.id : `new-${editing.date ?? ''}`}
            chauffeurId={chauffeur.id}
            doc={edited}
            startDate={editing.mode === 'create' ? editing.date : undefined}
            onClose={() => setEditing(null)}
          />
        ) : editable ? (
          <button type="button" className="button primary" data-testid="absence-new" onClick={() => setEditing({ mode: 'create' })}>
            + {t('absences.new')}
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}
