import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field';
import type { DocumentFormState, TextFieldName } from './use-document-form';

/** A text field of a document form, in its `Field` (label, message) on the form grid. */
interface BoundFieldProps<Values> {
  form: DocumentFormState<Values>;
  field: TextFieldName<Values>;
  /** Grid columns the field spans (the forms use a 4-column grid). */
  span?: 1 | 2 | 3 | 4;
  hint?: string;
}

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'form' | 'value' | 'id' | 'name'>;

export function InputField<Values>({ form, field, span, hint, ...input }: BoundFieldProps<Values> & InputAttributes) {
  return (
    <Field {...form.fieldProps(field)} span={span} hint={hint}>
      <input {...input} {...form.bind(field)} />
    </Field>
  );
}

type TextAreaAttributes = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'form' | 'value' | 'id' | 'name'>;

export function TextAreaField<Values>({ form, field, span, hint, ...textarea }: BoundFieldProps<Values> & TextAreaAttributes) {
  return (
    <Field {...form.fieldProps(field)} span={span} hint={hint}>
      <textarea {...textarea} {...form.bind(field)} />
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** The options of an enum's values, labelled by `label`. */
export function enumOptions<T extends string>(values: readonly T[], label: (value: T) => string): SelectOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}

type SelectAttributes = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'form' | 'value' | 'id' | 'name' | 'children'>;

interface SelectFieldProps<Values> extends BoundFieldProps<Values>, SelectAttributes {
  options: readonly SelectOption[];
  /** Offers an empty first choice, “none”. */
  allowNone?: boolean;
}

/** A select of a document form; an `onChange` given here replaces the form's own. */
export function SelectField<Values>({ form, field, span, hint, options, allowNone = false, ...select }: SelectFieldProps<Values>) {
  const { t } = useTranslation();
  return (
    <Field {...form.fieldProps(field)} span={span} hint={hint}>
      <select {...form.bind(field)} {...select}>
        {allowNone ? <option value="">{t('common.none')}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A time of day typed as `HH:MM` (up to 28:00 for night runs, so not `type="time"`). */
export function TimeField<Values>(props: BoundFieldProps<Values> & InputAttributes) {
  return <InputField type="text" inputMode="numeric" placeholder="HH:MM" maxLength={5} {...props} />;
}
