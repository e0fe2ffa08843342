import { defaultMentions, numberingKinds, type NumberingKind } from '@relais/domain';
import { natureOperationValues, regimeEntrepriseValues, type Contact, type Entreprise } from '@relais/schema';
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { enumOptions, InputField, SelectField, TextAreaField } from '../../ui/FormFields';
import { todayIso } from '../../ui/format';
import { useDocumentForm, type DocumentFormProps } from '../../ui/use-document-form';
import { parsePercent, type AdresseInput, type ConditionsInput, type MentionsInput } from './codecs';
import {
  comptesDefaults,
  contactsInGroupe,
  entrepriseForm,
  isLogoDataUrl,
  logoProblem,
  newGroupeRow,
  numberingPreviews,
  type ComptesInput,
  type EntrepriseFormValues,
  type GroupeRow,
} from './entreprise-form';
import { AdresseFields, MentionsFields, TermsFields, useMessageText } from './PartyFields';

type Setter = (update: (current: EntrepriseFormValues) => EntrepriseFormValues) => void;

interface NumberingProps {
  value: Entreprise['numerotation'];
  set: Setter;
}

/** The three numbering formats, each with its first number today or what is wrong with it, live. */
function NumberingFields({ value, set }: NumberingProps) {
  const { t } = useTranslation();
  const id = useId();
  const previews = numberingPreviews(value, todayIso());
  const edit = (kind: NumberingKind, format: string): void => set((current) => ({ ...current, numerotation: { ...current.numerotation, [kind]: format } }));
  return (
    <>
      {numberingKinds.map((kind) => {
        const preview = previews[kind];
        const invalid = preview.issues.length > 0;
        return (
          <div key={kind} className={`field span-4 numbering-field${invalid ? ' field-invalid' : ''}`} data-testid={`numbering-${kind}`}>
            <label htmlFor={`${id}-${kind}`}>{t(`invoicing.entreprises.numbering.${kind}`)}</label>
            <div className="numbering-line">
              <input
                id={`${id}-${kind}`}
                type="text"
                className="mono"
                maxLength={60}
                value={value[kind]}
                aria-invalid={invalid ? true : undefined}
                aria-describedby={`${id}-${kind}-preview`}
                onChange={(event) => edit(kind, event.target.value)}
              />
              <output id={`${id}-${kind}-preview`} className="numbering-preview" aria-live="polite">
                {preview.example !== undefined ? t('invoicing.entreprises.numbering.preview', { example: preview.example }) : null}
              </output>
            </div>
            {preview.issues.map((issue) => (
              <span key={`${issue.code}-${issue.other ?? ''}`} className="field-error" role="alert">
                {t(`invoicing.entreprises.numbering.issues.${issue.code}`, {
                  token: /: (.*)$/.exec(issue.message)?.[1] ?? '',
                  other: issue.other ? t(`invoicing.entreprises.numbering.others.${issue.other}`) : '',
                })}
              </span>
            ))}
          </div>
        );
      })}
      <p className="span-4 field-hint">{t('invoicing.entreprises.numbering.tokens')}</p>
    </>
  );
}

function rateText(bp: number): string {
  return `${String(bp / 100).replace('.', ',')} %`;
}

/** The FEC's accounts: customers, bank, deposits, sales and VAT per rate; empty keeps the PCG's (placeholder). */
function ComptesFields({ value, set, error }: { value: ComptesInput; set: Setter; error: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const edit = (patch: Partial<ComptesInput>): void => set((current) => ({ ...current, comptes: { ...current.comptes, ...patch } }));
  const input = (key: string, label: string, current: string, placeholder: string, onChange: (next: string) => void) => (
    <div key={key} className="field" data-testid={`compte-${key}`}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} type="text" className="mono" maxLength={20} value={current} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
  const rates = (kind: 'ventes' | 'tva') =>
    value[kind].map((row, index) =>
      input(`${kind}-${row.taux_tva_bp}`, t(`invoicing.entreprises.comptes.${kind}`, { taux: rateText(row.taux_tva_bp) }), row.compte, comptesDefaults[kind], (next) =>
        edit({ [kind]: value[kind].map((other, at) => (at === index ? { ...other, compte: next } : other)) }),
      ),
    );
  return (
    <>
      <h3 className="span-4 form-section">{t('invoicing.entreprises.sections.comptes')}</h3>
      <p className="span-4 field-hint">{t('invoicing.entreprises.comptes.hint')}</p>
      {input('clients', t('invoicing.entreprises.comptes.clients'), value.clients, comptesDefaults.clients, (next) => edit({ clients: next }))}
      {input('banque', t('invoicing.entreprises.comptes.banque'), value.banque, comptesDefaults.banque, (next) => edit({ banque: next }))}
      {input('acomptes', t('invoicing.entreprises.comptes.acomptes'), value.acomptes, comptesDefaults.acomptes, (next) => edit({ acomptes: next }))}
      <span className="span-1" />
      {rates('ventes')}
      {rates('tva')}
      {error ? (
        <span className="span-4 field-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

/** The logo: a PNG or JPEG file of 400 Ko at most, kept as a data URL; preview and removal. */
function LogoField({ value, set }: { value: string; set: Setter }) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const choose = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) {
      return;
    }
    const refused = logoProblem(file);
    if (refused) {
      setProblem(refused === 'type' ? t('invoicing.entreprises.logo.type') : t('invoicing.entreprises.logo.size', { size: Math.ceil(file.size / 1024) }));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      if (isLogoDataUrl(url)) {
        setProblem(null);
        set((current) => ({ ...current, logo: url }));
      } else {
        setProblem(t('invoicing.entreprises.logo.unreadable'));
      }
    };
    reader.onerror = () => setProblem(t('invoicing.entreprises.logo.unreadable'));
    reader.readAsDataURL(file);
  };
  return (
    <div className={`field span-4${problem ? ' field-invalid' : ''}`} data-testid="entreprise-logo">
      <label htmlFor={id}>{t('invoicing.entreprises.fields.logo')}</label>
      <div className="logo-line">
        {value ? <img className="logo-preview" src={value} alt={t('invoicing.entreprises.logo.preview')} /> : null}
        <input id={id} type="file" accept="image/png,image/jpeg" onChange={choose} />
        {value ? (
          <button type="button" className="button small danger" onClick={() => set((current) => ({ ...current, logo: '' }))}>
            {t('invoicing.entreprises.logo.remove')}
          </button>
        ) : null}
      </div>
      {problem ? (
        <span className="field-error" role="alert">
          {problem}
        </span>
      ) : (
        <span className="field-hint">{t('invoicing.entreprises.logo.hint')}</span>
      )}
    </div>
  );
}

interface GroupesProps {
  rows: readonly GroupeRow[];
  set: Setter;
  contacts: readonly Contact[];
  error: string | undefined;
}

/** The company's customer groups: add, rename, remove (not while a contact is still in it). */
function GroupesEditor({ rows, set, contacts, error }: GroupesProps) {
  const { t } = useTranslation();
  const [inUse, setInUse] = useState<{ id: string; message: string } | null>(null);
  const edit = (id: string, patch: Partial<GroupeRow>): void =>
    set((current) => ({ ...current, groupes: current.groupes.map((row) => (row.id === id ? { ...row, ...patch } : row)) }));
  const remove = (row: GroupeRow): void => {
    const names = contactsInGroupe(row.id, contacts);
    if (names.length > 0) {
      setInUse({ id: row.id, message: t('invoicing.entreprises.groupes.inUse', { name: row.nom, contacts: names.join(', ') }) });
      return;
    }
    setInUse(null);
    set((current) => ({ ...current, groupes: current.groupes.filter((item) => item.id !== row.id) }));
  };
  return (
    <fieldset className="field span-4 rows-editor" data-testid="entreprise-groupes">
      <legend>{t('invoicing.entreprises.sections.groupes')}</legend>
      {rows.length === 0 ? <p className="muted">{t('invoicing.entreprises.groupes.none')}</p> : null}
      {rows.map((row) => (
        <div key={row.id} className="row-line" data-testid="groupe-row">
          <input
            type="text"
            aria-label={t('invoicing.entreprises.groupes.nom')}
            placeholder={t('invoicing.entreprises.groupes.nom')}
            value={row.nom}
            maxLength={120}
            onChange={(event) => edit(row.id, { nom: event.target.value })}
          />
          <input
            type="text"
            aria-label={t('invoicing.entreprises.groupes.description')}
            placeholder={t('invoicing.entreprises.groupes.description')}
            value={row.description}
            maxLength={500}
            onChange={(event) => edit(row.id, { description: event.target.value })}
          />
          <button type="button" className="button small danger" onClick={() => remove(row)}>
            {t('common.delete')}
          </button>
        </div>
      ))}
      {inUse && rows.some((row) => row.id === inUse.id) ? (
        <p className="form-warning" role="alert" data-testid="groupe-in-use">
          {inUse.message}
        </p>
      ) : null}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
      <button
        type="button"
        className="button small"
        data-testid="groupe-add"
        onClick={() => set((current) => ({ ...current, groupes: [...current.groupes, newGroupeRow()] }))}
      >
        + {t('invoicing.entreprises.groupes.add')}
      </button>
    </fieldset>
  );
}

/** Creates or edits an issuing company; `contacts` are the store's, to keep groups still in use. */
export function EntrepriseForm({ doc, onClose, contacts }: DocumentFormProps<Entreprise> & { contacts: readonly Contact[] }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const form = useDocumentForm({
    definition: entrepriseForm,
    collection: (db) => db.entreprises,
    doc,
    label: (field) => t(`invoicing.entreprises.fields.${field}`),
    saveFailedLog: 'enregistrement de l’entreprise impossible',
    onSaved: onClose,
    explainInvalid: true,
    lockWhileSaving: true,
  });
  const set: Setter = (update) => form.setValues(update);
  const shown = (field: keyof EntrepriseFormValues): string | undefined => text(form.fieldProps(field).error);
  return (
    <FormDialog title={doc ? t('invoicing.entreprises.editTitle') : t('invoicing.entreprises.createTitle')} form={form} onCancel={onClose} saveTestId="entreprise-save">
      <h3 className="span-4 form-section">{t('invoicing.entreprises.sections.identity')}</h3>
      <InputField form={form} field="raison_sociale" span={2} type="text" maxLength={200} autoFocus />
      <InputField form={form} field="nom_commercial" span={2} type="text" maxLength={200} />
      <InputField form={form} field="forme_juridique" type="text" maxLength={60} placeholder="SAS, SARL…" />
      <InputField form={form} field="capital_social" type="text" inputMode="decimal" className="num" hint={t('invoicing.entreprises.hints.capital')} />
      <InputField form={form} field="siren" type="text" inputMode="numeric" maxLength={14} hint={t('invoicing.entreprises.hints.identifiers')} />
      <InputField form={form} field="siret" type="text" inputMode="numeric" maxLength={20} />
      <InputField form={form} field="rcs_ville" type="text" maxLength={100} />
      <InputField form={form} field="tva_intracom" type="text" maxLength={20} />
      <AdresseFields
        legend={t('invoicing.entreprises.fields.adresse')}
        value={form.values.adresse}
        onChange={(patch: Partial<AdresseInput>) => set((current) => ({ ...current, adresse: { ...current.adresse, ...patch } }))}
        error={shown('adresse')}
        testId="entreprise-adresse"
      />
      <h3 className="span-4 form-section">{t('invoicing.entreprises.sections.bank')}</h3>
      <InputField form={form} field="email" span={2} type="email" maxLength={200} />
      <InputField form={form} field="telephone" type="tel" maxLength={30} />
      <InputField form={form} field="site_web" type="text" maxLength={200} />
      <InputField form={form} field="iban" span={3} type="text" maxLength={48} className="mono" hint={t('invoicing.entreprises.hints.identifiers')} />
      <InputField form={form} field="bic" type="text" maxLength={14} className="mono" />
      <h3 className="span-4 form-section">{t('invoicing.entreprises.sections.billing')}</h3>
      <SelectField
        form={form}
        field="regime_tva"
        span={2}
        options={enumOptions(regimeEntrepriseValues, (value) => t(`invoicing.entreprises.regime.${value}`))}
      />
      <TermsFields
        value={form.values.conditions_paiement}
        onChange={(patch: Partial<ConditionsInput>) => set((current) => ({ ...current, conditions_paiement: { ...current.conditions_paiement, ...patch } }))}
        error={shown('conditions_paiement')}
      />
      <InputField
        form={form}
        field="taux_penalites_bp"
        span={4}
        type="text"
        inputMode="decimal"
        className="num"
        hint={t('invoicing.entreprises.hints.penalites')}
      />
      <h3 className="span-4 form-section">{t('invoicing.entreprises.sections.reform')}</h3>
      <SelectField
        form={form}
        field="nature_operation"
        span={2}
        hint={t('invoicing.reform.natureHint')}
        options={[
          { value: '', label: t('invoicing.reform.natureDefault', { nature: t('invoicing.reform.nature.services') }) },
          ...enumOptions(natureOperationValues, (value) => t(`invoicing.reform.nature.${value}`)),
        ]}
      />
      <div className="field span-2 checkbox-row" data-testid="entreprise-tva-debits">
        <Checkbox {...form.checkbox('tva_sur_debits')} />
        <span className="field-hint">{t('invoicing.reform.tvaDebitsHint')}</span>
      </div>
      <MentionsFields
        value={form.values.mentions_facturation}
        defaults={defaultMentions({ taux_penalites_bp: parsePercent(form.values.taux_penalites_bp) ?? 0 })}
        onChange={(patch: Partial<MentionsInput>) =>
          set((current) => ({ ...current, mentions_facturation: { ...current.mentions_facturation, ...patch } }))
        }
        testId="entreprise-mentions"
      />
      <h3 className="span-4 form-section">{t('invoicing.entreprises.sections.numbering')}</h3>
      <NumberingFields value={form.values.numerotation} set={set} />
      <TextAreaField form={form} field="mentions" span={4} rows={2} maxLength={1000} />
      <LogoField value={form.values.logo} set={set} />
      <GroupesEditor rows={form.values.groupes} set={set} contacts={contacts} error={shown('groupes')} />
      <ComptesFields value={form.values.comptes} set={set} error={shown('comptes')} />
      <div className="field span-4 checkbox-row">
        <Checkbox {...form.checkbox('is_active')} />
      </div>
    </FormDialog>
  );
}
