import { checkMission } from '@relais/domain';
import { missionSchema, timeField, type Mission } from '@relais/schema';
import type { FieldFormat } from '../i18n/errors';
import {
  changedFields,
  compact,
  numberInput,
  optionalNumber,
  optionalText,
  placeholderBase,
  schemaFieldErrors,
  type FieldErrors,
} from '../ui/form-helpers';

/** A mission without its bookkeeping fields: what the form edits. */
export type MissionData = Omit<Mission, 'id' | 'rev' | 'updated_at'>;

/** The form's raw input values, all strings as the inputs hold them. */
export interface MissionFormValues {
  date_mission: string;
  heure_debut: string;
  heure_fin: string;
  type_mission: string;
  destination: string;
  depart: string;
  pays: string;
  chauffeur_id: string;
  voyage_id: string;
  nb_palettes: string;
  statut: string;
  commentaire: string;
}

/** The mission fields the form manages; the others (poids, tracteur…) are left untouched on edit. */
export const missionFormFields = [
  'date_mission',
  'heure_debut',
  'heure_fin',
  'type_mission',
  'destination',
  'depart',
  'pays',
  'chauffeur_id',
  'voyage_id',
  'nb_palettes',
  'statut',
  'commentaire',
] as const satisfies readonly (keyof MissionFormValues & keyof MissionData)[];

const formats: Partial<Record<string, FieldFormat>> = {
  date_mission: 'date',
  heure_debut: 'time',
  heure_fin: 'time',
};

export function emptyMissionForm(day: string): MissionFormValues {
  return {
    date_mission: day,
    heure_debut: '',
    heure_fin: '',
    type_mission: 'livraison',
    destination: '',
    depart: '',
    pays: '',
    chauffeur_id: '',
    voyage_id: '',
    nb_palettes: '',
    statut: 'planifie',
    commentaire: '',
  };
}

export function missionToForm(mission: Readonly<Mission>): MissionFormValues {
  return {
    date_mission: mission.date_mission,
    heure_debut: mission.heure_debut,
    heure_fin: mission.heure_fin ?? '',
    type_mission: mission.type_mission,
    destination: mission.destination,
    depart: mission.depart ?? '',
    pays: mission.pays ?? '',
    chauffeur_id: mission.chauffeur_id ?? '',
    voyage_id: mission.voyage_id ?? '',
    nb_palettes: numberInput(mission.nb_palettes),
    statut: mission.statut,
    commentaire: mission.commentaire ?? '',
  };
}

/** The form's values as mission fields; the schema decides whether they are valid. */
export function formToMission(values: MissionFormValues): MissionData {
  return {
    date_mission: values.date_mission,
    heure_debut: values.heure_debut,
    heure_fin: optionalText(values.heure_fin),
    type_mission: values.type_mission as Mission['type_mission'],
    destination: values.destination,
    depart: optionalText(values.depart),
    pays: optionalText(values.pays),
    chauffeur_id: optionalText(values.chauffeur_id),
    voyage_id: optionalText(values.voyage_id),
    nb_palettes: optionalNumber(values.nb_palettes),
    statut: values.statut as Mission['statut'],
    commentaire: optionalText(values.commentaire),
  };
}

/**
 * Checks the form against `missionSchema` then the business rules of `@relais/domain`, exactly as the
 * server will, and returns the message for each field in error.
 */
export function validateMission(values: MissionFormValues, existing?: Readonly<Mission>): FieldErrors {
  const data = formToMission(values);
  const candidate = compact({ ...placeholderBase, ...existing, ...data });
  const result = missionSchema.safeParse(candidate);
  const errors = result.success ? {} : schemaFieldErrors(result.error.issues, candidate, formats);
  const timesValid =
    timeField.safeParse(data.heure_debut).success && (data.heure_fin === undefined || timeField.safeParse(data.heure_fin).success);
  if (timesValid) {
    for (const issue of checkMission({ heure_debut: data.heure_debut, heure_fin: data.heure_fin })) {
      errors[issue.field] ??= { key: `errors.${issue.code}` };
    }
  }
  return errors;
}

/** What `updateDocument` must change: the edited fields only. */
export function missionPatch(existing: Readonly<Mission>, values: MissionFormValues): Partial<MissionData> {
  return changedFields(existing, formToMission(values), missionFormFields);
}
