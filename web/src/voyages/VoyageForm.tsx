import { createDocument, updateDocument } from '@relais/replica';
import { jourValues, type Voyage } from '@relais/schema';
import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { useDatabase } from '../sync/hooks';
import { Dialog } from '../ui/Dialog';
import { Checkbox, Field } from '../ui/Field';
import { hasErrors } from '../ui/form-helpers';
import { logger } from '../ui/logger';
import {
  emptyVoyageForm,
  formToVoyage,
  validateVoyage,
  voyagePatch,
  voyageToForm,
  type Jour,
  type VoyageFormValues,
} from './voyage-form';

type TextField = {
  [K in keyof VoyageFormValues]: VoyageFormValues[K] extends string ? K : never;
}[keyof VoyageFormValues];

interface VoyageFormProps {
  doc?: RxDocument<Voyage> | undefined;
  onClose: () => void;
}

export function VoyageForm({ doc, onClose }: VoyageFormProps) {
  const { t } = useTranslation();
  const db = useDatabase();
  const prefix = useId();
  const existing = useMemo(() => doc?.toJSON() as Readonly<Voyage> | undefined, [doc]);
  const [values, setValues] = useState<VoyageFormValues>(() => (existing ? voyageToForm(existing) : emptyVoyageForm()));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const errors = useMemo(() => validateVoyage(values, existing), [values, existing]);

  const shown = (field: keyof VoyageFormValues) => (submitted || touched.has(field) ? errors[field] : undefined);
  const touch = (field: string): void => setTouched((current) => new Set(current).add(field));
  const bind = (field: TextField) => ({
    id: `${prefix}-${field}`,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setValues((current) => ({ ...current, [field]: event.target.value }));
      touch(field);
    },
    onBlur: () => touch(field),
    'aria-invalid': shown(field) ? true : undefined,
  });
  const fieldProps = (field: keyof VoyageFormValues) => ({
    label: t(`voyages.fields.${field}`),
    htmlFor: `${prefix}-${field}`,
    error: shown(field),
  });
  const toggleJour = (jour: Jour) => (checked: boolean) =>
    setValues((current) => ({
      ...current,
      jours_operation: checked ? [...current.jours_operation, jour] : current.jours_operation.filter((day) => day !== jour),
    }));

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    if (hasErrors(errors)) {
      return;
    }
    try {
      if (doc && existing) {
        const patch = voyagePatch(existing, values);
        if (Object.keys(patch).length > 0) {
          await updateDocument(doc, patch);
        }
      } else {
        await createDocument(db.voyages, formToVoyage(values));
      }
      onClose();
    } catch (error) {
      logger.error('enregistrement du voyage impossible', error);
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <Dialog title={doc ? t('voyages.editTitle') : t('voyages.createTitle')} onClose={onClose} wide>
      <form className="form" noValidate onSubmit={(event) => void save(event)}>
        <div className="form-grid">
          <Field {...fieldProps('code')}>
            <input type="text" maxLength={20} autoFocus {...bind('code')} />
          </Field>
          <Field {...fieldProps('nom')} span={2}>
            <input type="text" maxLength={120} {...bind('nom')} />
          </Field>
          <Field {...fieldProps('couleur')}>
            <div className="color-input">
              <input type="text" placeholder="#RRVVBB" maxLength={7} {...bind('couleur')} />
              <span className="swatch" style={{ background: /^#[0-9a-fA-F]{6}$/.test(values.couleur) ? values.couleur : 'transparent' }} />
            </div>
          </Field>
          <Field {...fieldProps('depart')}>
            <input type="text" maxLength={120} {...bind('depart')} />
          </Field>
          <Field {...fieldProps('destination')}>
            <input type="text" maxLength={120} {...bind('destination')} />
          </Field>
          <Field {...fieldProps('pays_destination')}>
            <input type="text" maxLength={60} {...bind('pays_destination')} />
          </Field>
          <Field {...fieldProps('nb_palettes_moyen')}>
            <input type="number" min={0} max={1000} step={1} {...bind('nb_palettes_moyen')} />
          </Field>
          <Field {...fieldProps('heure_depart_defaut')}>
            <input type="text" inputMode="numeric" placeholder="HH:MM" maxLength={5} {...bind('heure_depart_defaut')} />
          </Field>
          <Field {...fieldProps('heure_arrivee_defaut')}>
            <input type="text" inputMode="numeric" placeholder="HH:MM" maxLength={5} {...bind('heure_arrivee_defaut')} />
          </Field>
          <div className="field span-2">
            <span className="label">{t('voyages.fields.jours_operation')}</span>
            <div className="checkbox-row">
              {jourValues.map((jour) => (
                <Checkbox
                  key={jour}
                  label={t(`voyages.jours.${jour}`)}
                  checked={values.jours_operation.includes(jour)}
                  onChange={toggleJour(jour)}
                />
              ))}
            </div>
          </div>
          <Field {...fieldProps('description')} span={3}>
            <textarea rows={2} maxLength={2000} {...bind('description')} />
          </Field>
          <div className="field checkbox-row">
            <Checkbox
              label={t('voyages.fields.is_active')}
              checked={values.is_active}
              onChange={(checked) => setValues((current) => ({ ...current, is_active: checked }))}
            />
          </div>
        </div>
        <footer className="form-footer">
          {saveError ? (
            <span className="form-error" role="alert">
              {t('common.saveFailed', { message: saveError })}
            </span>
          ) : null}
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary">
            {t('common.save')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
