import { checkMission } from '@relais/domain';
import { missionSchema, timeField, type Mission } from '@relais/schema';
import {
  defineDocumentForm,
  optionalNumberField,
  optionalTextField,
  textField,
  type FieldCodec,
  type FormValues,
} from '../ui/document-form';
import { eurosInput, parseEuros } from '../ui/format';

/** A price typed by hand in euros, stored in cents; empty lets the server derive it (`NaN` lets the schema report a bad input). */
const optionalEurosField: FieldCodec<string, number | undefined> = {
  empty: () => '',
  toInput: eurosInput,
  fromInput: (input) => (input.trim() === '' ? undefined : (parseEuros(input) ?? Number.NaN)),
};

/** The mission fields the form manages; the others (poids, tracteur…) are left untouched on edit. */
const missionFields = {
  date_mission: textField(),
  heure_debut: textField(),
  heure_fin: optionalTextField(),
  type_mission: textField<Mission['type_mission']>('livraison'),
  destination: textField(),
  depart: optionalTextField(),
  pays: optionalTextField(),
  chauffeur_id: optionalTextField(),
  voyage_id: optionalTextField(),
  nb_palettes: optionalNumberField(),
  statut: textField<Mission['statut']>('planifie'),
  commentaire: optionalTextField(),
  client_id: optionalTextField(),
  revenu: optionalEurosField,
};

/** The form's raw input values, all strings as the inputs hold them. */
export type MissionFormValues = FormValues<typeof missionFields>;

/** Checked against `missionSchema`, then the business rules of `@relais/domain`, exactly as the server will. */
export const missionForm = defineDocumentForm({
  schema: missionSchema,
  fields: missionFields,
  formats: { date_mission: 'date', heure_debut: 'time', heure_fin: 'time' },
  refine: (data, errors) => {
    const timesValid =
      timeField.safeParse(data.heure_debut).success && (data.heure_fin === undefined || timeField.safeParse(data.heure_fin).success);
    if (timesValid) {
      for (const issue of checkMission({ heure_debut: data.heure_debut, heure_fin: data.heure_fin })) {
        errors[issue.field] ??= { key: `errors.${issue.code}` };
      }
    }
  },
});

