import { chauffeurSchema, type Chauffeur } from '@relais/schema';
import {
  defineDocumentForm,
  flagField,
  optionalTextField,
  textField,
  type FieldCodec,
  type FormValues,
} from '../ui/document-form';

/** A comma-separated input as its trimmed, non-empty items. */
export function splitList(input: string): string[] {
  return input
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The skills, typed comma-separated. */
const competencesField: FieldCodec<string, string[]> = {
  empty: () => '',
  toInput: (competences) => competences.join(', '),
  fromInput: splitList,
};

/** An optional list typed comma-separated: emptying it clears the field. */
export function optionalListField(): FieldCodec<string, string[] | undefined> {
  return {
    empty: () => '',
    toInput: (items) => (items ?? []).join(', '),
    fromInput: (input) => {
      const items = splitList(input);
      return items.length > 0 ? items : undefined;
    },
  };
}

const chauffeurFields = {
  code: textField(),
  nom: textField(),
  prenom: textField(),
  telephone: optionalTextField(),
  email: optionalTextField(),
  type_contrat: optionalTextField<NonNullable<Chauffeur['type_contrat']>>(),
  date_embauche: optionalTextField(),
  permis: optionalTextField(),
  adr: flagField(false),
  fimo: flagField(false),
  competences: competencesField,
  is_active: flagField(true),
  commentaire: optionalTextField(),
  tracteur_attire: optionalTextField(),
  zones_preferees: optionalListField(),
  sst_id: optionalTextField(),
  permis_validite: optionalTextField(),
  fimo_validite: optionalTextField(),
  adr_validite: optionalTextField(),
  visite_medicale_validite: optionalTextField(),
};

export type ChauffeurFormValues = FormValues<typeof chauffeurFields>;

export const chauffeurForm = defineDocumentForm({
  schema: chauffeurSchema,
  fields: chauffeurFields,
  formats: {
    date_embauche: 'date',
    permis_validite: 'date',
    fimo_validite: 'date',
    adr_validite: 'date',
    visite_medicale_validite: 'date',
  },
});

export function chauffeurName(chauffeur: Readonly<Pick<Chauffeur, 'prenom' | 'nom'>>): string {
  return `${chauffeur.prenom} ${chauffeur.nom}`;
}
