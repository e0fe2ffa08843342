import type { RevenuPalette } from '@relais/schema';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../ui/FormDialog';
import { InputField } from '../ui/FormFields';
import { useDocumentForm, type DocumentFormProps } from '../ui/use-document-form';
import { revenuForm } from './revenu-form';

export function RevenuForm({ doc, onClose }: DocumentFormProps<RevenuPalette>) {
  const { t } = useTranslation();
  const form = useDocumentForm({
    definition: revenuForm,
    collection: (db) => db.revenus_palettes,
    doc,
    label: (field) => t(`revenus.fields.${field}`),
    saveFailedLog: 'enregistrement du revenu par palette impossible',
    onSaved: onClose,
    explainInvalid: true,
  });
  return (
    <FormDialog title={doc ? t('revenus.editTitle') : t('revenus.createTitle')} form={form} onCancel={onClose} saveTestId="revenu-save">
      <InputField form={form} field="destination" span={2} type="text" maxLength={120} autoFocus />
      <InputField form={form} field="pays" type="text" maxLength={60} />
      <InputField form={form} field="revenu_par_palette" type="text" inputMode="decimal" hint={t('revenus.eurosHint')} />
      <InputField form={form} field="date_debut" type="date" />
      <InputField form={form} field="date_fin" type="date" />
    </FormDialog>
  );
}
