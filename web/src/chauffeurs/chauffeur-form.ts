import { chauffeurSchema, type Chauffeur } from '@relais/schema';
import {
  changedFields,
  compact,
  optionalText,
  placeholderBase,
  schemaFieldErrors,
  type FieldErrors,
} from '../ui/form-helpers';

export type ChauffeurData = Omit<Chauffeur, 'id' | 'rev' | 'updated_at'>;

export interface ChauffeurFormValues {
  code: string;
  nom: string;
  prenom: string;
  telephone: string;
  email: string;
  type_contrat: string;
  date_embauche: string;
  permis: string;
  adr: boolean;
  fimo: boolean;
  /** Comma-separated. */
  competences: string;
  is_active: boolean;
  commentaire: string;
}

export const chauffeurFormFields = [
  'code',
  'nom',
  'prenom',
  'telephone',
  'email',
  'type_contrat',
  'date_embauche',
  'permis',
  'adr',
  'fimo',
  'competences',
  'is_active',
  'commentaire',
] as const satisfies readonly (keyof ChauffeurFormValues & keyof ChauffeurData)[];

export function emptyChauffeurForm(): ChauffeurFormValues {
  return {
    code: '',
    nom: '',
    prenom: '',
    telephone: '',
    email: '',
    type_contrat: '',
    date_embauche: '',
    permis: '',
    adr: false,
    fimo: false,
    competences: '',
    is_active: true,
    commentaire: '',
  };
}

export function chauffeurToForm(chauffeur: Readonly<Chauffeur>): ChauffeurFormValues {
  return {
    code: chauffeur.code,
    nom: chauffeur.nom,
    prenom: chauffeur.prenom,
    telephone: chauffeur.telephone ?? '',
    email: chauffeur.email ?? '',
    type_contrat: chauffeur.type_contrat ?? '',
    date_embauche: chauffeur.date_embauche ?? '',
    permis: chauffeur.permis ?? '',
    adr: chauffeur.adr,
    fimo: chauffeur.fimo,
    competences: chauffeur.competences.join(', '),
    is_active: chauffeur.is_active,
    commentaire: chauffeur.commentaire ?? '',
  };
}

export function formToChauffeur(values: ChauffeurFormValues): ChauffeurData {
  return {
    code: values.code,
    nom: values.nom,
    prenom: values.prenom,
    telephone: optionalText(values.telephone),
    email: optionalText(values.email),
    type_contrat: optionalText(values.type_contrat) as Chauffeur['type_contrat'],
    date_embauche: optionalText(values.date_embauche),
    permis: optionalText(values.permis),
    adr: values.adr,
    fimo: values.fimo,
    competences: values.competences
      .split(',')
      .map((competence) => competence.trim())
      .filter((competence) => competence !== ''),
    is_active: values.is_active,
    commentaire: optionalText(values.commentaire),
  };
}

export function validateChauffeur(values: ChauffeurFormValues, existing?: Readonly<Chauffeur>): FieldErrors {
  const candidate = compact({ ...placeholderBase, ...existing, ...formToChauffeur(values) });
  const result = chauffeurSchema.safeParse(candidate);
  return result.success ? {} : schemaFieldErrors(result.error.issues, candidate, { date_embauche: 'date' });
}

export function chauffeurPatch(existing: Readonly<Chauffeur>, values: ChauffeurFormValues): Partial<ChauffeurData> {
  return changedFields(existing, formToChauffeur(values), chauffeurFormFields);
}

export function chauffeurName(chauffeur: Readonly<Pick<Chauffeur, 'prenom' | 'nom'>>): string {
  return `${chauffeur.prenom} ${chauffeur.nom}`;
}
