import { jourValues, voyageSchema, type TypeMission } from '@relais/schema';
import { optionalListField } from '../chauffeurs/chauffeur-form';
import {
  defineDocumentForm,
  flagField,
  optionalNumberField,
  optionalTextField,
  textField,
  type FieldCodec,
  type FormValues,
} from '../ui/document-form';
import { formatMinutes, parseMinutes } from '../ui/format';

export type Jour = (typeof jourValues)[number];

/** The days the route runs, Monday to Friday for a new one. */
const joursField: FieldCodec<Jour[], Jour[]> = {
  empty: () => ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
  toInput: (jours) => [...jours],
  // Always in week order, whatever order the boxes were ticked in.
  fromInput: (jours) => jourValues.filter((jour) => jours.includes(jour)),
};

/** The planned driving time, typed `h:mm` (or minutes), stored in minutes. */
const dureeField: FieldCodec<string, number | undefined> = {
  empty: () => '',
  toInput: formatMinutes,
  fromInput: parseMinutes,
};

const voyageFields = {
  code: textField(),
  nom: textField(),
  description: optionalTextField(),
  depart: optionalTextField(),
  destination: optionalTextField(),
  pays_destination: optionalTextField(),
  heure_depart_defaut: optionalTextField(),
  heure_arrivee_defaut: optionalTextField(),
  jours_operation: joursField,
  nb_palettes_moyen: optionalNumberField(),
  is_active: flagField(true),
  couleur: optionalTextField(),
  duree_conduite_min: dureeField,
  competences_requises: optionalListField(),
  permis_requis: optionalTextField(),
  type_mission: optionalTextField<TypeMission>(),
  chauffeur_habituel_id: optionalTextField(),
};

export type VoyageFormValues = FormValues<typeof voyageFields>;

export const voyageForm = defineDocumentForm({
  schema: voyageSchema,
  fields: voyageFields,
  formats: { heure_depart_defaut: 'time', heure_arrivee_defaut: 'time', couleur: 'color' },
});
