import { typeContratValues, type Chauffeur } from '@relais/schema';
import { useTranslation } from 'react-i18next';
import { useMayRead } from '../auth/use-session';
import { useSstList } from '../sst/use-sst';
import { Checkbox } from '../ui/Field';
import { FormDialog } from '../ui/FormDialog';
import { enumOptions, InputField, SelectField, TextAreaField } from '../ui/FormFields';
import { useDocumentForm, type DocumentFormProps } from '../ui/use-document-form';
import { chauffeurForm } from './chauffeur-form';
import { validityFields } from './expiry';

/** The subcontractors to choose from (none for a role that may not read them). */
function useSstOptions(readable: boolean) {
  const sst = useSstList();
  return readable ? (sst?.map((item) => ({ value: item.id, label: `${item.code} · ${item.nom}` })) ?? []) : [];
}

export function ChauffeurForm({ doc, onClose }: DocumentFormProps<Chauffeur>) {
  const { t } = useTranslation();
  const sstOptions = useSstOptions(useMayRead('sst'));
  const form = useDocumentForm({
    definition: chauffeurForm,
    collection: (db) => db.chauffeurs,
    doc,
    label: (field) => t(`chauffeurs.fields.${field}`),
    saveFailedLog: 'enregistrement du chauffeur impossible',
    onSaved: onClose,
    explainInvalid: true,
  });

  return (
    <FormDialog title={doc ? t('chauffeurs.editTitle') : t('chauffeurs.createTitle')} form={form} onCancel={onClose}>
      <InputField form={form} field="code" type="text" maxLength={20} autoFocus />
      <InputField form={form} field="prenom" type="text" maxLength={100} />
      <InputField form={form} field="nom" span={2} type="text" maxLength={100} />
      <InputField form={form} field="telephone" type="tel" maxLength={30} />
      <InputField form={form} field="email" span={2} type="email" maxLength={200} />
      <SelectField
        form={form}
        field="type_contrat"
        allowNone
        options={enumOptions(typeContratValues, (contrat) => t(`chauffeurs.contrat.${contrat}`))}
      />
      <InputField form={form} field="date_embauche" type="date" />
      <InputField form={form} field="permis" type="text" maxLength={40} />
      <InputField form={form} field="competences" span={2} hint={t('chauffeurs.competencesHint')} type="text" />
      <InputField form={form} field="zones_preferees" span={2} hint={t('chauffeurs.competencesHint')} type="text" />
      <InputField form={form} field="tracteur_attire" type="text" maxLength={30} />
      <SelectField form={form} field="sst_id" allowNone options={sstOptions} />
      {validityFields.map((field) => (
        <InputField key={field} form={form} field={field} type="date" />
      ))}
      <div className="field span-4 checkbox-row">
        <Checkbox {...form.checkbox('adr')} />
        <Checkbox {...form.checkbox('fimo')} />
        <Checkbox {...form.checkbox('is_active')} />
      </div>
      <TextAreaField form={form} field="commentaire" span={4} rows={2} maxLength={2000} />
    </FormDialog>
  );
}
