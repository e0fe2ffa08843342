import { createDocument, updateDocument } from '@relais/replica';
import { typeContratValues, type Chauffeur } from '@relais/schema';
import { useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { useDatabase } from '../sync/hooks';
import { Dialog } from '../ui/Dialog';
import { Checkbox, Field } from '../ui/Field';
import { hasErrors } from '../ui/form-helpers';
import { logger } from '../ui/logger';
import {
  chauffeurPatch,
  chauffeurToForm,
  emptyChauffeurForm,
  formToChauffeur,
  validateChauffeur,
  type ChauffeurFormValues,
} from './chauffeur-form';

type TextField = {
  [K in keyof ChauffeurFormValues]: ChauffeurFormValues[K] extends string ? K : never;
}[keyof ChauffeurFormValues];

interface ChauffeurFormProps {
  doc?: RxDocument<Chauffeur> | undefined;
  onClose: () => void;
}

export function ChauffeurForm({ doc, onClose }: ChauffeurFormProps) {
  const { t } = useTranslation();
  const db = useDatabase();
  const prefix = useId();
  const existing = useMemo(() => doc?.toJSON() as Readonly<Chauffeur> | undefined, [doc]);
  const [values, setValues] = useState<ChauffeurFormValues>(() => (existing ? chauffeurToForm(existing) : emptyChauffeurForm()));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const errors = useMemo(() => validateChauffeur(values, existing), [values, existing]);

  const shown = (field: keyof ChauffeurFormValues) => (submitted || touched.has(field) ? errors[field] : undefined);
  const touch = (field: string): void => setTouched((current) => new Set(current).add(field));
  const bind = (field: TextField) => ({
    id: `${prefix}-${field}`,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
      setValues((current) => ({ ...current, [field]: event.target.value }));
      touch(field);
    },
    onBlur: () => touch(field),
    'aria-invalid': shown(field) ? true : undefined,
  });
  const fieldProps = (field: keyof ChauffeurFormValues) => ({
    label: t(`chauffeurs.fields.${field}`),
    htmlFor: `${prefix}-${field}`,
    error: shown(field),
  });
  const setFlag = (field: 'adr' | 'fimo' | 'is_active') => (checked: boolean) =>
    setValues((current) => ({ ...current, [field]: checked }));

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    if (hasErrors(errors)) {
      return;
    }
    try {
      if (doc && existing) {
        const patch = chauffeurPatch(existing, values);
        if (Object.keys(patch).length > 0) {
          await updateDocument(doc, patch);
        }
      } else {
        await createDocument(db.chauffeurs, formToChauffeur(values));
      }
      onClose();
    } catch (error) {
      logger.error('enregistrement du chauffeur impossible', error);
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <Dialog title={doc ? t('chauffeurs.editTitle') : t('chauffeurs.createTitle')} onClose={onClose} wide>
      <form className="form" noValidate onSubmit={(event) => void save(event)}>
        <div className="form-grid">
          <Field {...fieldProps('code')}>
            <input type="text" maxLength={20} autoFocus {...bind('code')} />
          </Field>
          <Field {...fieldProps('prenom')}>
            <input type="text" maxLength={100} {...bind('prenom')} />
          </Field>
          <Field {...fieldProps('nom')} span={2}>
            <input type="text" maxLength={100} {...bind('nom')} />
          </Field>
          <Field {...fieldProps('telephone')}>
            <input type="tel" maxLength={30} {...bind('telephone')} />
          </Field>
          <Field {...fieldProps('email')} span={2}>
            <input type="email" maxLength={200} {...bind('email')} />
          </Field>
          <Field {...fieldProps('type_contrat')}>
            <select {...bind('type_contrat')}>
              <option value="">{t('common.none')}</option>
              {typeContratValues.map((contrat) => (
                <option key={contrat} value={contrat}>
                  {t(`chauffeurs.contrat.${contrat}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field {...fieldProps('date_embauche')}>
            <input type="date" {...bind('date_embauche')} />
          </Field>
          <Field {...fieldProps('permis')}>
            <input type="text" maxLength={40} {...bind('permis')} />
          </Field>
          <Field {...fieldProps('competences')} span={2} hint={t('chauffeurs.competencesHint')}>
            <input type="text" {...bind('competences')} />
          </Field>
          <div className="field span-4 checkbox-row">
            <Checkbox label={t('chauffeurs.fields.adr')} checked={values.adr} onChange={setFlag('adr')} />
            <Checkbox label={t('chauffeurs.fields.fimo')} checked={values.fimo} onChange={setFlag('fimo')} />
            <Checkbox label={t('chauffeurs.fields.is_active')} checked={values.is_active} onChange={setFlag('is_active')} />
          </div>
          <Field {...fieldProps('commentaire')} span={4}>
            <textarea rows={2} maxLength={2000} {...bind('commentaire')} />
          </Field>
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
