import { createDocument, updateDocument, type RelaisDatabase } from '@relais/replica';
import { useId, useMemo, useState, type ChangeEvent, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import type { RxCollection, RxDocument } from 'rxdb';
import type { FieldMessage } from '../i18n/errors';
import { useDatabase } from '../sync/hooks';
import type { DocumentForm, Revisioned } from './document-form';
import { hasErrors, type FieldErrors } from './form-helpers';
import { logger } from './logger';

/** The fields whose input is a string (text inputs, selects, text areas). */
export type TextFieldName<Values> = { [K in keyof Values]: Values[K] extends string ? K : never }[keyof Values] & string;

/** The fields held by a checkbox. */
export type FlagFieldName<Values> = { [K in keyof Values]: Values[K] extends boolean ? K : never }[keyof Values] & string;

/** The props of a dialog that creates a document (`doc` absent) or edits `doc`. */
export interface DocumentFormProps<Doc> {
  doc?: RxDocument<Doc> | undefined;
  onClose: () => void;
}

export interface DocumentFormOptions<Doc extends Revisioned, Values> {
  definition: DocumentForm<Doc, Values>;
  /** The collection a new document is created in. */
  collection: (db: RelaisDatabase) => RxCollection<Doc>;
  /** The document being edited; a new one is created when absent. */
  doc: RxDocument<Doc> | undefined;
  /** Values a new document starts with, over the definition's empty ones. */
  initial?: Partial<Values>;
  /** A field's label, also the checkbox text. */
  label: (field: keyof Values & string) => string;
  /** Logged (in French, as the other logs) with the error when the document cannot be written. */
  saveFailedLog: string;
  /** Called once the document is written locally. */
  onSaved: (values: Values) => void;
  /** Inputs carry their field's `name`, and point at its message with `aria-describedby`. */
  describeInputs?: boolean;
  /** A second submit is ignored while the first one is being written, and a new try clears the last error. */
  lockWhileSaving?: boolean;
  /** After a refused submit, the footer says to fix the errors. */
  explainInvalid?: boolean;
  /**
   * A document the server refused, kept on this PC: the form starts from it and saving sends it again
   * through `resend` (instead of creating a new document).
   */
  refused?: { document: Readonly<Doc>; resend: (fields: Record<string, unknown>) => Promise<void> };
}

export interface InputBinding {
  id: string;
  name: string | undefined;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void;
  onBlur: () => void;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldBinding {
  label: string;
  htmlFor: string;
  error: FieldMessage | undefined;
}

export interface CheckboxBinding {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** What the save button and the footer of a form show. */
export interface SubmitState {
  submit: (event: FormEvent<HTMLFormElement>) => void;
  saving: boolean;
  saveError: string | null;
  /** The footer asks to fix the errors (a submit was refused). */
  invalid: boolean;
}

export interface DocumentFormState<Values> extends SubmitState {
  values: Values;
  setValues: Dispatch<SetStateAction<Values>>;
  errors: FieldErrors;
  /** The props of the input (or select, text area) of a text field. */
  bind: (field: TextFieldName<Values>) => InputBinding;
  /** The props of the `Field` around a field's input. */
  fieldProps: (field: keyof Values & string) => FieldBinding;
  /** The props of a `Checkbox`. */
  checkbox: (field: FlagFieldName<Values>) => CheckboxBinding;
}

/**
 * The state of a form that creates or edits a document: values, validation messages (shown once a
 * field is touched, or all of them after a submit), and the save itself.
 */
export function useDocumentForm<Doc extends Revisioned, Values>(options: DocumentFormOptions<Doc, Values>): DocumentFormState<Values> {
  const { definition, doc, label } = options;
  const db = useDatabase();
  const prefix = useId();
  const existing = useMemo(() => doc?.toJSON() as Readonly<Doc> | undefined, [doc]);
  const refused = options.refused;
  const [values, setValues] = useState<Values>(() =>
    existing ? definition.toForm(existing) : refused ? definition.toForm(refused.document) : definition.empty(options.initial),
  );
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const errors = useMemo(() => definition.validate(values, existing), [definition, values, existing]);

  const shown = (field: string): FieldMessage | undefined => (submitted || touched.has(field) ? errors[field] : undefined);
  const touch = (field: string): void => setTouched((current) => new Set(current).add(field));
  const id = (field: string): string => `${prefix}-${field}`;

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    if (hasErrors(errors) || saving) {
      return;
    }
    if (options.lockWhileSaving) {
      setSaving(true);
      setSaveError(null);
    }
    try {
      if (refused) {
        // The fields the form does not manage keep their refused values.
        await refused.resend({ ...(refused.document as Record<string, unknown>), ...(definition.fromForm(values) as Record<string, unknown>) });
      } else if (doc && existing) {
        const patch = definition.patch(existing, values);
        if (Object.keys(patch).length > 0) {
          await updateDocument(doc, patch);
        }
      } else {
        await createDocument(options.collection(db), definition.fromForm(values));
      }
      options.onSaved(values);
    } catch (error) {
      logger.error(options.saveFailedLog, error);
      setSaveError(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  }

  return {
    values,
    setValues,
    errors,
    submit: (event) => void save(event),
    saving,
    saveError,
    invalid: options.explainInvalid === true && submitted && hasErrors(errors),
    bind: (field) => ({
      id: id(field),
      name: options.describeInputs ? field : undefined,
      value: values[field] as string,
      onChange: (event) => {
        setValues((current) => ({ ...current, [field]: event.target.value }));
        touch(field);
      },
      onBlur: () => touch(field),
      'aria-invalid': shown(field) ? true : undefined,
      'aria-describedby': options.describeInputs && shown(field) ? `${id(field)}-error` : undefined,
    }),
    fieldProps: (field) => ({ label: label(field), htmlFor: id(field), error: shown(field) }),
    checkbox: (field) => ({
      label: label(field),
      checked: values[field] as boolean,
      onChange: (checked) => setValues((current) => ({ ...current, [field]: checked })),
    }),
  };
}
