import { mentionsFor, natureFor } from '@relais/domain';
import { natureOperationValues, type Contact, type Entreprise } from '@relais/schema';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentionsInput, OptionalAdresseInput } from '../parties/codecs';
import { AdresseFields, MentionsFields } from '../parties/PartyFields';
import type { FactureDraft } from './editor-state';

interface FactureReformFieldsProps {
  draft: FactureDraft;
  entreprise: Entreprise | undefined;
  contact: Contact | undefined;
  disabled: boolean;
  change: (draft: FactureDraft) => void;
}

/**
 * The e-invoicing reform's fields of an invoice: nature of the operations, delivery address when
 * it differs from the billing one, and the mandatory notes, each defaulting to the company's.
 */
export function FactureReformFields({ draft, entreprise, contact, disabled, change }: FactureReformFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  const companyNature = natureFor(entreprise ?? {}, {});
  const defaults = entreprise ? mentionsFor(entreprise, undefined) : { recouvrement: '', penalites: '', escompte: '' };
  return (
    <>
      <h3 className="span-4 form-section">{t('invoicing.reform.section')}</h3>
      <div className="field span-2">
        <label htmlFor={`${id}-nature`}>{t('invoicing.entreprises.fields.nature_operation')}</label>
        <select
          id={`${id}-nature`}
          data-testid="doc-nature"
          value={draft.nature_operation}
          disabled={disabled}
          onChange={(event) => change({ ...draft, nature_operation: event.target.value as FactureDraft['nature_operation'] })}
        >
          <option value="">{t('invoicing.reform.natureDefault', { nature: t(`invoicing.reform.nature.${companyNature}`) })}</option>
          {natureOperationValues.map((value) => (
            <option key={value} value={value}>
              {t(`invoicing.reform.nature.${value}`)}
            </option>
          ))}
        </select>
        <span className="field-hint">{t('invoicing.reform.natureHint')}</span>
      </div>
      <div className="field span-2 checkbox-row">
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="doc-livraison"
            checked={draft.livraison.enabled}
            disabled={disabled}
            onChange={(event) => change({ ...draft, livraison: { ...draft.livraison, enabled: event.target.checked } })}
          />
          <span>{t('invoicing.reform.livraison')}</span>
        </label>
        <span className="field-hint">
          {contact?.adresse_livraison ? `${t('invoicing.reform.livraisonHint')} (${contact.adresse_livraison.ligne1}, ${contact.adresse_livraison.ville})` : t('invoicing.reform.livraisonHint')}
        </span>
      </div>
      {draft.livraison.enabled ? (
        <AdresseFields
          legend={t('invoicing.reform.livraison')}
          value={draft.livraison}
          onChange={(patch: Partial<OptionalAdresseInput>) => change({ ...draft, livraison: { ...draft.livraison, ...patch } })}
          error={undefined}
          testId="doc-adresse-livraison"
        />
      ) : null}
      <MentionsFields
        value={draft.mentions}
        defaults={defaults}
        disabled={disabled}
        onChange={(patch: Partial<MentionsInput>) => change({ ...draft, mentions: { ...draft.mentions, ...patch } })}
        testId="doc-mentions"
      />
    </>
  );
}
