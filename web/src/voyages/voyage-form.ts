import { jourValues, voyageSchema, type Voyage } from '@relais/schema';
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

export type VoyageData = Omit<Voyage, 'id' | 'rev' | 'updated_at'>;
export type Jour = (typeof jourValues)[number];

export interface VoyageFormValues {
  code: string;
  nom: string;
  description: string;
  depart: string;
  destination: string;
  pays_destination: string;
  heure_depart_defaut: string;
  heure_arrivee_defaut: string;
  jours_operation: Jour[];
  nb_palettes_moyen: string;
  is_active: boolean;
  couleur: string;
}

export const voyageFormFields = [
  'code',
  'nom',
  'description',
  'depart',
  'destination',
  'pays_destination',
  'heure_depart_defaut',
  'heure_arrivee_defaut',
  'jours_operation',
  'nb_palettes_moyen',
  'is_active',
  'couleur',
] as const satisfies readonly (keyof VoyageFormValues & keyof VoyageData)[];

export function emptyVoyageForm(): VoyageFormValues {
  return {
    code: '',
    nom: '',
    description: '',
    depart: '',
    destination: '',
    pays_destination: '',
    heure_depart_defaut: '',
    heure_arrivee_defaut: '',
    jours_operation: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
    nb_palettes_moyen: '',
    is_active: true,
    couleur: '',
  };
}

export function voyageToForm(voyage: Readonly<Voyage>): VoyageFormValues {
  return {
    code: voyage.code,
    nom: voyage.nom,
    description: voyage.description ?? '',
    depart: voyage.depart ?? '',
    destination: voyage.destination ?? '',
    pays_destination: voyage.pays_destination ?? '',
    heure_depart_defaut: voyage.heure_depart_defaut ?? '',
    heure_arrivee_defaut: voyage.heure_arrivee_defaut ?? '',
    jours_operation: [...voyage.jours_operation],
    nb_palettes_moyen: numberInput(voyage.nb_palettes_moyen),
    is_active: voyage.is_active,
    couleur: voyage.couleur ?? '',
  };
}

export function formToVoyage(values: VoyageFormValues): VoyageData {
  return {
    code: values.code,
    nom: values.nom,
    description: optionalText(values.description),
    depart: optionalText(values.depart),
    destination: optionalText(values.destination),
    pays_destination: optionalText(values.pays_destination),
    heure_depart_defaut: optionalText(values.heure_depart_defaut),
    heure_arrivee_defaut: optionalText(values.heure_arrivee_defaut),
    // Always in week order, whatever order the boxes were ticked in.
    jours_operation: jourValues.filter((jour) => values.jours_operation.includes(jour)),
    nb_palettes_moyen: optionalNumber(values.nb_palettes_moyen),
    is_active: values.is_active,
    couleur: optionalText(values.couleur),
  };
}

export function validateVoyage(values: VoyageFormValues, existing?: Readonly<Voyage>): FieldErrors {
  const candidate = compact({ ...placeholderBase, ...existing, ...formToVoyage(values) });
  const result = voyageSchema.safeParse(candidate);
  return result.success
    ? {}
    : schemaFieldErrors(result.error.issues, candidate, {
        heure_depart_defaut: 'time',
        heure_arrivee_defaut: 'time',
        couleur: 'color',
      });
}

export function voyagePatch(existing: Readonly<Voyage>, values: VoyageFormValues): Partial<VoyageData> {
  return changedFields(existing, formToVoyage(values), voyageFormFields);
}
