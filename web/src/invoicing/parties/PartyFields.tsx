import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMessage } from '../../i18n/errors';
import type { AdresseInput, ConditionsInput, MentionsInput } from './codecs';

interface AdresseFieldsProps<A extends AdresseInput> {
  legend: string;
  value: A;
  onChange: (patch: Partial<A>) => void;
  /** The message of the address (its first problem), once shown. */
  error: string | undefined;
  testId?: string;
}

/** An address: two lines, postcode, city, country (France when empty). */
export function AdresseFields<A extends AdresseInput>({ legend, value, onChange, error, testId }: AdresseFieldsProps<A>) {
  const { t } = useTranslation();
  const id = useId();
  const input = (field: keyof AdresseInput, span: number, maxLength: number, autoComplete: string) => (
    <div className={`field span-${span}`}>
      <label htmlFor={`${id}-${field}`}>{t(`invoicing.adresse.${field}`)}</label>
      <input
        id={`${id}-${field}`}
        type="text"
        maxLength={maxLength}
        autoComplete={autoComplete}
        placeholder={field === 'pays' ? t('invoicing.adresse.paysHint') : undefined}
        value={value[field]}
        aria-invalid={error !== undefined && field !== 'ligne2' && field !== 'pays' && value[field].trim() === '' ? true : undefined}
        onChange={(event) => onChange({ [field]: event.target.value } as Partial<A>)}
      />
    </div>
  );
  return (
    <fieldset className="field span-4 party-fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      <div className="party-subgrid">
        {input('ligne1', 4, 200, 'address-line1')}
        {input('ligne2', 4, 200, 'address-line2')}
        {input('code_postal', 1, 10, 'postal-code')}
        {input('ville', 2, 100, 'address-level2')}
        {input('pays', 1, 60, 'country-name')}
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

interface TermsFieldsProps {
  value: ConditionsInput;
  onChange: (patch: Partial<ConditionsInput>) => void;
  error: string | undefined;
}

/** Payment terms: a number of days, and "end of month". */
export function TermsFields({ value, onChange, error }: TermsFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <div className={`field span-1${error ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-jours`}>{t('invoicing.terms.jours')}</label>
        <input
          id={`${id}-jours`}
          type="text"
          inputMode="numeric"
          className="num"
          maxLength={3}
          value={value.jours}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange({ jours: event.target.value })}
        />
        {error ? (
          <span className="field-error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      <div className="field span-1 checkbox-row">
        <label className="checkbox">
          <input type="checkbox" checked={value.fin_de_mois} onChange={(event) => onChange({ fin_de_mois: event.target.checked })} />
          <span>{t('invoicing.terms.fin_de_mois')}</span>
        </label>
      </div>
    </>
  );
}

/** "30 jours", "45 jours fin de mois". */
export function termsSummary(t: TFunction, terms: { jours: number; fin_de_mois: boolean }): string {
  return t(terms.fin_de_mois ? 'invoicing.terms.summaryEndOfMonth' : 'invoicing.terms.summary', { jours: terms.jours });
}

/** The text of a form message (`FieldMessage`), for fields laid out by hand. */
export function useMessageText(): (error: FieldMessage | undefined) => string | undefined {
  const { t } = useTranslation();
  return (error) => (error ? (error.params ? t(error.key, error.params) : t(error.key)) : undefined);
}

interface MentionsFieldsProps {
  value: MentionsInput;
  onChange: (patch: Partial<MentionsInput>) => void;
  /** What applies when a note is left empty (the company's, or the legal default). */
  defaults: MentionsInput;
  disabled?: boolean;
  testId?: string;
}

/** The notes every invoice carries (recovery fee, late-payment penalties, discount terms); empty takes the default shown. */
export function MentionsFields({ value, onChange, defaults, disabled, testId }: MentionsFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="field span-4 party-fieldset" data-testid={testId}>
      <legend>{t('invoicing.reform.mentions')}</legend>
      <div className="party-subgrid">
        {(['recouvrement', 'penalites', 'escompte'] as const).map((key) => (
          <div key={key} className="field span-4">
            <label htmlFor={`${id}-${key}`}>{t(`invoicing.reform.mention.${key}`)}</label>
            <input
              id={`${id}-${key}`}
              type="text"
              maxLength={500}
              disabled={disabled}
              placeholder={defaults[key]}
              value={value[key]}
              data-testid={testId ? `${testId}-${key}` : undefined}
              onChange={(event) => onChange({ [key]: event.target.value })}
            />
          </div>
        ))}
      </div>
      <span className="field-hint">{t('invoicing.reform.mentionsHint')}</span>
    </fieldset>
  );
}
