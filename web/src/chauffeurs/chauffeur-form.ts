import { chauffeurSchema, type Chauffeur } from '@relais/schema';
import {
  defineDocumentForm,
  flagField,
  optionalTextField,
  textField,
  type FieldCodec,
  type FormValues,
} from '../ui/document-form';

/** The skills, typed comma-separated. */
const competencesField: FieldCodec<string, string[]> = {
  empty: () => '',
  toInput: (competences) => competences.join(', '),
  fromInput: (input) =>
    input
      .split(',')
      .map((competence) => competence.trim())
      .filter((competence) => competence !== ''),
};

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
};

export type ChauffeurFormValues = FormValues<typeof chauffeurFields>;

export const chauffeurForm = defineDocumentForm({
  schema: chauffeurSchema,
  fields: chauffeurFields,
  formats: { date_embauche: 'date' },
});

export function chauffeurName(chauffeur: Readonly<Pick<Chauffeur, 'prenom' | 'nom'>>): string {
  return `${chauffeur.prenom} ${chauffeur.nom}`;
}
