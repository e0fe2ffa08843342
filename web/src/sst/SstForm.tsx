import type { Sst } from '@relais/schema';
import type { SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../auth/use-session';
import { Checkbox } from '../ui/Field';
import { FormDialog } from '../ui/FormDialog';
import { InputField, TextAreaField } from '../ui/FormFields';
import type { FieldMessage } from '../i18n/errors';
import { useDocumentForm, type DocumentFormProps } from '../ui/use-document-form';
import { sstFinanceForm, sstForm, type ContactRow, type TarifRow } from './sst-form';
import { ContactRows, TarifRows } from './SstRows';

export function SstForm({ doc, onClose }: DocumentFormProps<Sst>) {
  const { t } = useTranslation();
  const finance = useSignedIn().permissions.view_finance;
  const form = useDocumentForm({
    // Without `view_finance` the form has no `tarifs` at all (its values never hold them, nor its
    // saves): cast to the finance form's type only so both share one hook call.
    definition: (finance ? sstFinanceForm : sstForm) as typeof sstFinanceForm,
    collection: (db) => db.sst,
    doc,
    label: (field) => t(`sst.fields.${field}`),
    saveFailedLog: 'enregistrement du sous-traitant impossible',
    onSaved: onClose,
    explainInvalid: true,
  });
  const message = (error: FieldMessage | undefined): string | undefined =>
    error ? (error.params ? t(error.key, error.params) : t(error.key)) : undefined;
  // Row problems are shown once a save was refused, not while a new row is being typed.
  const rowsError = (field: 'contacts' | 'tarifs'): string | undefined => (form.invalid ? message(form.errors[field]) : undefined);
  return (
    <FormDialog title={doc ? t('sst.editTitle') : t('sst.createTitle')} form={form} onCancel={onClose} saveTestId="sst-save">
      <InputField form={form} field="code" type="text" maxLength={20} autoFocus />
      <InputField form={form} field="nom" span={2} type="text" maxLength={120} />
      <InputField form={form} field="telephone" type="tel" maxLength={30} />
      <InputField form={form} field="raison_sociale" span={2} type="text" maxLength={200} />
      <InputField form={form} field="email" span={2} type="email" maxLength={200} />
      <InputField form={form} field="adresse" span={4} type="text" maxLength={500} />
      <ContactRows
        rows={form.values.contacts}
        onChange={(update: SetStateAction<ContactRow[]>) =>
          form.setValues((current) => ({ ...current, contacts: typeof update === 'function' ? update(current.contacts) : update }))
        }
        error={rowsError('contacts')}
      />
      {finance ? (
        <TarifRows
          rows={form.values.tarifs}
          onChange={(update: SetStateAction<TarifRow[]>) =>
            form.setValues((current) => ({ ...current, tarifs: typeof update === 'function' ? update(current.tarifs) : update }))
          }
          error={rowsError('tarifs')}
        />
      ) : null}
      <div className="field span-4 checkbox-row">
        <Checkbox {...form.checkbox('is_active')} />
      </div>
      <TextAreaField form={form} field="commentaire" span={4} rows={2} maxLength={2000} />
    </FormDialog>
  );
}
