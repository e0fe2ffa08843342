import type { FieldFormat, IssueLike } from '../i18n/errors';
import {
  changedFields,
  compact,
  numberInput,
  optionalNumber,
  optionalText,
  placeholderBase,
  schemaFieldErrors,
  type FieldErrors,
} from './form-helpers';

/** How a form holds one document field (`Input`, what the inputs edit) and how it maps back (`Value`). */
export interface FieldCodec<Input, Value> {
  /** The input of a new document. */
  empty(): Input;
  toInput(value: Value): Input;
  fromInput(input: Input): Value;
}

/** The bookkeeping fields of every replicated document. */
export interface Revisioned {
  id: string;
  rev: number;
  updated_at: string;
}

/** The document without its bookkeeping fields: what a form edits. */
export type DocumentData<Doc> = Omit<Doc, 'id' | 'rev' | 'updated_at'>;

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

/**
 * The codec of each field a form manages: every required field, and the optional ones it shows (the
 * others are left untouched on edit).
 */
export type FieldCodecs<Doc> = {
  [K in RequiredKeys<DocumentData<Doc>>]: FieldCodec<unknown, DocumentData<Doc>[K]>;
} & {
  [K in keyof DocumentData<Doc>]?: FieldCodec<unknown, DocumentData<Doc>[K]>;
};

type InputOf<C> = C extends { empty(): infer Input } ? Input : never;

/** The form's raw input values, by field, as the inputs hold them. */
export type FormValues<Codecs> = { -readonly [K in keyof Codecs]-?: InputOf<Codecs[K]> };

/** What the forms need of a document schema (a zod object schema fits). */
export interface DocumentSchema<Doc> {
  safeParse(data: unknown): { success: true; data: Doc } | { success: false; error: { issues: readonly IssueLike[] } };
}

export interface DocumentFormDefinition<Doc, Codecs> {
  /** The schema the server checks documents against; the form checks them the same way. */
  schema: DocumentSchema<Doc>;
  fields: Codecs;
  /** How the messages describe the expected format of some fields. */
  formats?: Partial<Record<keyof Codecs & string, FieldFormat>>;
  /** Further checks once the schema has spoken (business rules): adds to `errors`. */
  refine?: (data: DocumentData<Doc>, errors: FieldErrors) => void;
}

/** A document form's conversions and checks, derived from its fields' codecs. */
export interface DocumentForm<Doc, Values> {
  /** The fields the form manages, in display order. */
  readonly fields: readonly (keyof Values & string)[];
  /** The values of a new document; `overrides` sets some of them (a day chosen elsewhere…). */
  empty(overrides?: Partial<Values>): Values;
  toForm(doc: Readonly<Doc>): Values;
  /** The values as document fields; the schema decides whether they are valid. */
  fromForm(values: Values): DocumentData<Doc>;
  /**
   * Checks the values against the schema (then `refine`) exactly as the server will, and returns the
   * message for each field in error.
   */
  validate(values: Values, existing?: Readonly<Doc>): FieldErrors;
  /** What `updateDocument` must change: the edited fields only, emptied ones as `undefined`. */
  patch(existing: Readonly<Doc>, values: Values): Partial<DocumentData<Doc>>;
}

/** A text input for a required string (or a value of an enum, which the schema checks). */
export function textField<T extends string = string>(initial = ''): FieldCodec<string, T> {
  return { empty: () => initial, toInput: (value) => value, fromInput: (input) => input as T };
}

/** A text input (or select) for an optional string or enum value: emptying it clears the field. */
export function optionalTextField<T extends string = string>(): FieldCodec<string, T | undefined> {
  return { empty: () => '', toInput: (value) => value ?? '', fromInput: (input) => optionalText(input) as T | undefined };
}

/** A number input for an optional number: emptying it clears the field. */
export function optionalNumberField(): FieldCodec<string, number | undefined> {
  return { empty: () => '', toInput: numberInput, fromInput: optionalNumber };
}

/** A checkbox. */
export function flagField(initial: boolean): FieldCodec<boolean, boolean> {
  return { empty: () => initial, toInput: (value) => value, fromInput: (input) => input };
}

type LooseCodec = FieldCodec<unknown, unknown>;

/** Derives a form's conversions, validation and patch from its schema and its fields' codecs. */
export function defineDocumentForm<Doc extends object, Codecs extends FieldCodecs<Doc>>(
  definition: DocumentFormDefinition<Doc, Codecs>,
): DocumentForm<Doc, FormValues<Codecs>> {
  type Values = FormValues<Codecs>;
  type Name = keyof Values & string;
  const { schema, formats = {}, refine } = definition;
  const codecs = Object.entries(definition.fields) as [Name, LooseCodec][];
  const fields = codecs.map(([name]) => name);
  const build = <T>(entry: (name: Name, codec: LooseCodec) => unknown): T =>
    Object.fromEntries(codecs.map(([name, codec]) => [name, entry(name, codec)])) as T;
  const fromForm = (values: Values): DocumentData<Doc> => build((name, codec) => codec.fromInput(values[name]));
  return {
    fields,
    empty: (overrides = {}) => ({ ...build<Values>((_name, codec) => codec.empty()), ...overrides }),
    toForm: (doc) => build((name, codec) => codec.toInput((doc as Record<string, unknown>)[name])),
    fromForm,
    validate: (values, existing) => {
      const data = fromForm(values);
      const candidate = compact({ ...placeholderBase, ...existing, ...data });
      const result = schema.safeParse(candidate);
      const errors = result.success ? {} : schemaFieldErrors(result.error.issues, candidate, formats);
      refine?.(data, errors);
      return errors;
    },
    patch: (existing, values) => changedFields(existing, fromForm(values), fields as (keyof DocumentData<Doc> & string)[]),
  };
}
