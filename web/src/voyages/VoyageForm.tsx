import { jourValues, typeMissionValues, type Voyage } from '@relais/schema';
import { useTranslation } from 'react-i18next';
import { Checkbox, Field } from '../ui/Field';
import { FormDialog } from '../ui/FormDialog';
import { useChauffeurs } from '../chauffeurs/use-chauffeurs';
import { chauffeurName } from '../chauffeurs/chauffeur-form';
import { enumOptions, InputField, SelectField, TextAreaField, TimeField } from '../ui/FormFields';
import { useDocumentForm, type DocumentFormProps } from '../ui/use-document-form';
import { voyageForm, type Jour } from './voyage-form';

export function VoyageForm({ doc, onClose }: DocumentFormProps<Voyage>) {
  const { t } = useTranslation();
  const form = useDocumentForm({
    definition: voyageForm,
    collection: (db) => db.voyages,
    doc,
    label: (field) => t(`voyages.fields.${field}`),
    saveFailedLog: 'enregistrement du voyage impossible',
    onSaved: onClose,
    explainInvalid: true,
  });
  const { values, setValues } = form;
  const chauffeurs = useChauffeurs();
  const chauffeurOptions = (chauffeurs ?? [])
    .filter((chauffeur) => chauffeur.is_active || chauffeur.id === values.chauffeur_habituel_id)
    .map((chauffeur) => ({ value: chauffeur.id, label: `${chauffeur.code} · ${chauffeurName(chauffeur)}` }));
  const toggleJour = (jour: Jour) => (checked: boolean) =>
    setValues((current) => ({
      ...current,
      jours_operation: checked ? [...current.jours_operation, jour] : current.jours_operation.filter((day) => day !== jour),
    }));

  return (
    <FormDialog title={doc ? t('voyages.editTitle') : t('voyages.createTitle')} form={form} onCancel={onClose}>
      <InputField form={form} field="code" type="text" maxLength={20} autoFocus />
      <InputField form={form} field="nom" span={2} type="text" maxLength={120} />
      <Field {...form.fieldProps('couleur')}>
        <div className="color-input">
          <input type="text" placeholder="#RRVVBB" maxLength={7} {...form.bind('couleur')} />
          <span className="swatch" style={{ background: /^#[0-9a-fA-F]{6}$/.test(values.couleur) ? values.couleur : 'transparent' }} />
        </div>
      </Field>
      <InputField form={form} field="depart" type="text" maxLength={120} />
      <InputField form={form} field="destination" type="text" maxLength={120} />
      <InputField form={form} field="pays_destination" type="text" maxLength={60} />
      <InputField form={form} field="nb_palettes_moyen" type="number" min={0} max={1000} step={1} />
      <TimeField form={form} field="heure_depart_defaut" />
      <TimeField form={form} field="heure_arrivee_defaut" />
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
      <InputField
        form={form}
        field="duree_conduite_min"
        type="text"
        inputMode="numeric"
        placeholder="h:mm"
        hint={t('voyages.dureeHint')}
        maxLength={5}
      />
      <SelectField
        form={form}
        field="type_mission"
        allowNone
        options={enumOptions(typeMissionValues, (type) => t(`missions.type.${type}`))}
      />
      <InputField form={form} field="permis_requis" type="text" maxLength={10} />
      <SelectField form={form} field="chauffeur_habituel_id" allowNone options={chauffeurOptions} />
      <InputField form={form} field="competences_requises" span={4} hint={t('chauffeurs.competencesHint')} type="text" />
      <TextAreaField form={form} field="description" span={3} rows={2} maxLength={2000} />
      <div className="field checkbox-row">
        <Checkbox {...form.checkbox('is_active')} />
      </div>
    </FormDialog>
  );
}
