import { revenuPaletteSchema } from '@relais/schema';
import { refineWithRules } from '../sst/collection-rules';
import { defineDocumentForm, optionalTextField, textField, type FieldCodec, type FormValues } from '../ui/document-form';
import { eurosInput, parseEuros } from '../ui/format';

/** A required amount: euros in the form, integer cents stored (`NaN` lets the schema report a bad input). */
export const requiredEurosField: FieldCodec<string, number> = {
  empty: () => '',
  toInput: eurosInput,
  fromInput: (input) => parseEuros(input) ?? Number.NaN,
};

const revenuFields = {
  destination: textField(),
  pays: optionalTextField(),
  revenu_par_palette: requiredEurosField,
  date_debut: optionalTextField(),
  date_fin: optionalTextField(),
};

export type RevenuFormValues = FormValues<typeof revenuFields>;

export const revenuForm = defineDocumentForm({
  schema: revenuPaletteSchema,
  fields: revenuFields,
  formats: { date_debut: 'date', date_fin: 'date' },
  refine: refineWithRules('revenus_palettes'),
});
