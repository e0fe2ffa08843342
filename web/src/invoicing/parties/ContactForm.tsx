import { typeContactValues, type Contact, type Entreprise } from '@relais/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { enumOptions, InputField, SelectField, TextAreaField } from '../../ui/FormFields';
import { useDocumentForm, type DocumentFormProps } from '../../ui/use-document-form';
import type { AdresseInput, ConditionsInput, OptionalAdresseInput } from './codecs';
import { contactForm, groupeIssues, offeredGroupes, toggleGroupe, type ContactFormValues } from './contact-form';
import { AdresseFields, TermsFields, termsSummary, useMessageText } from './PartyFields';

interface GroupesPickerProps {
  entrepriseId: string;
  selected: readonly string[];
  entreprises: readonly Entreprise[];
  onChange: (ids: string[]) => void;
}

/**
 * The groups of the contact: only its company's are offered; a group of another company (the
 * company was changed, or an old import) is flagged with the rule's message until removed.
 */
function GroupesPicker({ entrepriseId, selected, entreprises, onChange }: GroupesPickerProps) {
  const { t } = useTranslation();
  const entreprise = entreprises.find((item) => item.id === entrepriseId);
  const offered = offeredGroupes(entrepriseId, entreprises);
  const issues = groupeIssues(entrepriseId, selected, entreprises);
  const nameOf = (id: string): string =>
    entreprises.flatMap((item) => item.groupes).find((groupe) => groupe.id === id)?.nom ?? t('invoicing.contacts.unknownGroupe');
  return (
    <fieldset className={`field span-4 party-fieldset${issues.length > 0 ? ' field-invalid' : ''}`} data-testid="contact-groupes">
      <legend>{entreprise ? t('invoicing.contacts.groupesOf', { name: entreprise.raison_sociale }) : t('invoicing.contacts.fields.groupe_ids')}</legend>
      {!entreprise ? <p className="muted">{t('invoicing.contacts.chooseEntreprise')}</p> : null}
      {entreprise && offered.length === 0 ? <p className="muted">{t('invoicing.contacts.noGroupes')}</p> : null}
      <div className="groupe-options">
        {offered.map((groupe) => (
          <label key={groupe.id} className="checkbox groupe-option" title={groupe.description}>
            <input type="checkbox" checked={selected.includes(groupe.id)} onChange={() => onChange(toggleGroupe(selected, groupe.id))} />
            <span>{groupe.nom}</span>
          </label>
        ))}
      </div>
      {issues.map((issue, index) => (
        <div key={`${issue.groupe_id}-${index}`} className="groupe-issue" data-testid="groupe-issue">
          <span className="field-error" role="alert">
            <strong>{nameOf(issue.groupe_id)}</strong> : {issue.message}
          </span>
          <button type="button" className="button small" onClick={() => onChange(selected.filter((id) => id !== issue.groupe_id))}>
            {t('invoicing.contacts.removeGroupe')}
          </button>
        </div>
      ))}
    </fieldset>
  );
}

interface ContactFormProps extends DocumentFormProps<Contact> {
  entreprises: readonly Entreprise[];
  /** The company a new contact starts with. */
  entrepriseId: string | undefined;
}

/** Creates or edits a customer of one issuing company. */
export function ContactForm({ doc, onClose, entreprises, entrepriseId }: ContactFormProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const definition = useMemo(() => contactForm(entreprises), [entreprises]);
  const form = useDocumentForm({
    definition,
    collection: (db) => db.contacts,
    doc,
    initial: entrepriseId ? { entreprise_id: entrepriseId } : {},
    label: (field) => t(`invoicing.contacts.fields.${field}`),
    saveFailedLog: 'enregistrement du contact impossible',
    onSaved: onClose,
    explainInvalid: true,
    lockWhileSaving: true,
  });
  const values = form.values;
  const set = (update: (current: ContactFormValues) => ContactFormValues): void => form.setValues(update);
  const shown = (field: keyof ContactFormValues): string | undefined => text(form.fieldProps(field).error);
  const entreprise = entreprises.find((item) => item.id === values.entreprise_id);
  return (
    <FormDialog title={doc ? t('invoicing.contacts.editTitle') : t('invoicing.contacts.createTitle')} form={form} onCancel={onClose} saveTestId="contact-save">
      <SelectField
        form={form}
        field="entreprise_id"
        span={2}
        allowNone={entreprise === undefined}
        options={entreprises.map((item) => ({ value: item.id, label: item.raison_sociale }))}
      />
      <SelectField form={form} field="type_contact" options={enumOptions(typeContactValues, (value) => t(`invoicing.contacts.type.${value}`))} />
      <InputField form={form} field="code" type="text" maxLength={30} />
      <InputField form={form} field="nom" span={values.type_contact === 'particulier' ? 2 : 4} type="text" maxLength={200} autoFocus />
      {values.type_contact === 'particulier' ? <InputField form={form} field="prenom" span={2} type="text" maxLength={100} /> : null}
      <InputField form={form} field="siren" type="text" inputMode="numeric" maxLength={14} />
      <InputField form={form} field="siret" type="text" inputMode="numeric" maxLength={20} />
      <InputField form={form} field="tva_intracom" span={2} type="text" maxLength={20} />
      <InputField form={form} field="email" span={2} type="email" maxLength={200} />
      <InputField form={form} field="telephone" span={2} type="tel" maxLength={30} />
      <AdresseFields
        legend={t('invoicing.contacts.fields.adresse_facturation')}
        value={values.adresse_facturation}
        onChange={(patch: Partial<AdresseInput>) => set((current) => ({ ...current, adresse_facturation: { ...current.adresse_facturation, ...patch } }))}
        error={shown('adresse_facturation')}
        testId="contact-adresse-facturation"
      />
      <div className="field span-4 checkbox-row">
        <Checkbox
          label={t('invoicing.contacts.livraisonDifferente')}
          checked={values.adresse_livraison.enabled}
          onChange={(enabled) => set((current) => ({ ...current, adresse_livraison: { ...current.adresse_livraison, enabled } }))}
        />
      </div>
      {values.adresse_livraison.enabled ? (
        <AdresseFields
          legend={t('invoicing.contacts.fields.adresse_livraison')}
          value={values.adresse_livraison}
          onChange={(patch: Partial<OptionalAdresseInput>) =>
            set((current) => ({ ...current, adresse_livraison: { ...current.adresse_livraison, ...patch } }))
          }
          error={shown('adresse_livraison')}
          testId="contact-adresse-livraison"
        />
      ) : null}
      <GroupesPicker
        entrepriseId={values.entreprise_id}
        selected={values.groupe_ids}
        entreprises={entreprises}
        onChange={(ids) => set((current) => ({ ...current, groupe_ids: ids }))}
      />
      <div className="field span-2 checkbox-row">
        <Checkbox
          label={t('invoicing.contacts.termsOverride')}
          checked={values.conditions_paiement.enabled}
          onChange={(enabled) => set((current) => ({ ...current, conditions_paiement: { ...current.conditions_paiement, enabled } }))}
        />
        {!values.conditions_paiement.enabled && entreprise ? (
          <span className="field-hint">{t('invoicing.contacts.termsOfEntreprise', { terms: termsSummary(t, entreprise.conditions_paiement) })}</span>
        ) : null}
      </div>
      {values.conditions_paiement.enabled ? (
        <TermsFields
          value={values.conditions_paiement}
          onChange={(patch: Partial<ConditionsInput>) => set((current) => ({ ...current, conditions_paiement: { ...current.conditions_paiement, ...patch } }))}
          error={shown('conditions_paiement')}
        />
      ) : null}
      <div className="field span-4 checkbox-row">
        <Checkbox {...form.checkbox('autoliquidation')} />
        <Checkbox {...form.checkbox('is_active')} />
      </div>
      <TextAreaField form={form} field="notes" span={4} rows={2} maxLength={2000} />
    </FormDialog>
  );
}
