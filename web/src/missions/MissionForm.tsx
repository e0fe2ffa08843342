import { createDocument, updateDocument } from '@relais/replica';
import { missionStatutValues, typeMissionValues, type Chauffeur, type Mission, type Voyage } from '@relais/schema';
import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { chauffeurName } from '../chauffeurs/chauffeur-form';
import { useDatabase } from '../sync/hooks';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { hasErrors } from '../ui/form-helpers';
import { logger } from '../ui/logger';
import {
  emptyMissionForm,
  formToMission,
  missionPatch,
  missionToForm,
  validateMission,
  type MissionFormValues,
} from './mission-form';

interface MissionFormProps {
  /** The mission being edited; a new one is created when absent. */
  doc?: RxDocument<Mission> | undefined;
  day: string;
  chauffeurs: readonly Readonly<Chauffeur>[];
  voyages: readonly Readonly<Voyage>[];
  onClose: () => void;
  /** Called once the mission is written locally, with its day. */
  onSaved: (day: string) => void;
}

type FieldName = keyof MissionFormValues;

export function MissionForm({ doc, day, chauffeurs, voyages, onClose, onSaved }: MissionFormProps) {
  const { t } = useTranslation();
  const db = useDatabase();
  const prefix = useId();
  const existing = useMemo<Readonly<Mission> | undefined>(() => doc?.toJSON(), [doc]);
  const [values, setValues] = useState<MissionFormValues>(() => (existing ? missionToForm(existing) : emptyMissionForm(day)));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const errors = useMemo(() => validateMission(values, existing), [values, existing]);

  const shown = (field: FieldName) => (submitted || touched.has(field) ? errors[field] : undefined);
  const set = (field: FieldName, value: string): void => {
    setValues((current) => ({ ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
  };
  const bind = (field: FieldName) => ({
    id: `${prefix}-${field}`,
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set(field, event.target.value),
    onBlur: () => setTouched((current) => new Set(current).add(field)),
    'aria-invalid': shown(field) ? true : undefined,
    'aria-describedby': shown(field) ? `${prefix}-${field}-error` : undefined,
  });
  const fieldProps = (field: FieldName) => ({
    label: t(`missions.fields.${field}`),
    htmlFor: `${prefix}-${field}`,
    error: shown(field),
  });

  const chooseVoyage = (event: ChangeEvent<HTMLSelectElement>): void => {
    const voyage = voyages.find((candidate) => candidate.id === event.target.value);
    setValues((current) => ({
      ...current,
      voyage_id: event.target.value,
      // A route brings its usual destination and times when the mission has none yet.
      destination: current.destination || voyage?.destination || '',
      depart: current.depart || voyage?.depart || '',
      pays: current.pays || voyage?.pays_destination || '',
      heure_debut: current.heure_debut || voyage?.heure_depart_defaut || '',
      heure_fin: current.heure_fin || voyage?.heure_arrivee_defaut || '',
    }));
  };

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    if (hasErrors(errors) || saving) {
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      if (doc && existing) {
        const patch = missionPatch(existing, values);
        if (Object.keys(patch).length > 0) {
          await updateDocument(doc, patch);
        }
      } else {
        await createDocument(db.missions, formToMission(values));
      }
      onSaved(values.date_mission);
    } catch (error) {
      logger.error('enregistrement de la mission impossible', error);
      setSaveError(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  }

  const activeChauffeurs = chauffeurs.filter((chauffeur) => chauffeur.is_active || chauffeur.id === values.chauffeur_id);
  const activeVoyages = voyages.filter((voyage) => voyage.is_active || voyage.id === values.voyage_id);

  return (
    <Dialog title={doc ? t('missions.editTitle') : t('missions.createTitle')} onClose={onClose} wide>
      <form className="form" noValidate onSubmit={(event) => void save(event)}>
        <div className="form-grid">
          <Field {...fieldProps('date_mission')}>
            <input type="date" required data-testid="mission-form-date" {...bind('date_mission')} />
          </Field>
          <Field {...fieldProps('heure_debut')} hint={t('missions.timeHint')}>
            <input
              type="text"
              inputMode="numeric"
              placeholder="HH:MM"
              maxLength={5}
              required
              autoFocus
              data-testid="mission-form-heure-debut"
              {...bind('heure_debut')}
            />
          </Field>
          <Field {...fieldProps('heure_fin')}>
            <input type="text" inputMode="numeric" placeholder="HH:MM" maxLength={5} {...bind('heure_fin')} />
          </Field>
          <Field {...fieldProps('statut')}>
            <select data-testid="mission-form-statut" {...bind('statut')}>
              {missionStatutValues.map((statut) => (
                <option key={statut} value={statut}>
                  {t(`missions.statut.${statut}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field {...fieldProps('type_mission')}>
            <select {...bind('type_mission')}>
              {typeMissionValues.map((type) => (
                <option key={type} value={type}>
                  {t(`missions.type.${type}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field {...fieldProps('destination')} span={2}>
            <input type="text" required maxLength={120} data-testid="mission-form-destination" {...bind('destination')} />
          </Field>
          <Field {...fieldProps('pays')}>
            <input type="text" maxLength={60} {...bind('pays')} />
          </Field>
          <Field {...fieldProps('depart')} span={2}>
            <input type="text" maxLength={120} {...bind('depart')} />
          </Field>
          <Field {...fieldProps('chauffeur_id')}>
            <select {...bind('chauffeur_id')}>
              <option value="">{t('common.none')}</option>
              {activeChauffeurs.map((chauffeur) => (
                <option key={chauffeur.id} value={chauffeur.id}>
                  {chauffeurName(chauffeur)} ({chauffeur.code})
                </option>
              ))}
            </select>
          </Field>
          <Field {...fieldProps('voyage_id')}>
            <select {...bind('voyage_id')} onChange={chooseVoyage}>
              <option value="">{t('common.none')}</option>
              {activeVoyages.map((voyage) => (
                <option key={voyage.id} value={voyage.id}>
                  {voyage.code} — {voyage.nom}
                </option>
              ))}
            </select>
          </Field>
          <Field {...fieldProps('nb_palettes')}>
            <input type="number" min={0} max={1000} step={1} {...bind('nb_palettes')} />
          </Field>
          <Field {...fieldProps('commentaire')} span={3}>
            <textarea rows={2} maxLength={2000} {...bind('commentaire')} />
          </Field>
        </div>
        <footer className="form-footer">
          {saveError ? (
            <span className="form-error" role="alert">
              {t('common.saveFailed', { message: saveError })}
            </span>
          ) : submitted && hasErrors(errors) ? (
            <span className="form-error" role="alert">
              {t('common.fixErrors')}
            </span>
          ) : null}
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" data-testid="mission-form-save" disabled={saving}>
            {t('common.save')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
