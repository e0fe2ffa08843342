import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMessage } from '../i18n/errors';

interface FieldProps {
  label: string;
  htmlFor: string;
  error?: FieldMessage | undefined;
  hint?: string;
  /** Grid columns the field spans (the forms use a 4-column grid). */
  span?: 1 | 2 | 3 | 4;
  children: ReactNode;
}

/** A label, its input and the message explaining what is wrong with it. */
export function Field({ label, htmlFor, error, hint, span = 1, children }: FieldProps) {
  const { t } = useTranslation();
  return (
    <div className={`field span-${span}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" id={`${htmlFor}-error`} role="alert">
          {error.params ? t(error.key, error.params) : t(error.key)}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

interface CheckboxProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Checkbox({ label, checked, onChange }: CheckboxProps) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
