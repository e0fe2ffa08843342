import { z } from 'zod';
import { baseFields, dateField, refField, requiredText, text } from './fields';
import { defineCollection } from './define';

export const typeContratValues = ['CDI', 'CDD', 'interim'] as const;

export const chauffeurSchema = z.strictObject({
  ...baseFields,
  code: requiredText(20),
  nom: requiredText(100),
  prenom: requiredText(100),
  telephone: text(30).optional(),
  email: z.email().max(200).optional(),
  type_contrat: z.enum(typeContratValues).optional(),
  date_embauche: dateField.optional(),
  /** Licence categories held, as TomatoPlan wrote them (`C`, `CE`, `C, CE`…). */
  permis: text(40).optional(),
  adr: z.boolean(),
  fimo: z.boolean(),
  tracteur_attire: text(30).optional(),
  competences: z.array(requiredText(50)).max(50),
  zones_preferees: z.array(requiredText(60)).max(50).optional(),
  /** The subcontractor this chauffeur drives for, if not an employee. */
  sst_id: refField.optional(),
  is_active: z.boolean(),
  commentaire: text(2000).optional(),
  /** Relais' validity dates: the last day each one is valid. */
  permis_validite: dateField.optional(),
  fimo_validite: dateField.optional(),
  adr_validite: dateField.optional(),
  visite_medicale_validite: dateField.optional(),
});

export type Chauffeur = z.infer<typeof chauffeurSchema>;

export const chauffeurs = defineCollection({
  name: 'chauffeurs',
  version: 1,
  schema: chauffeurSchema,
  indexes: [['nom', 'prenom']],
  // Version 1 only added optional fields.
  migrations: { 1: (doc) => doc },
  serverIndexes: [['code']],
  uniqueFields: ['code'],
});

export const typeAbsenceValues = ['conges', 'maladie', 'formation', 'autre'] as const;

/** A chauffeur's absence, both days included. */
export const disponibiliteSchema = z.strictObject({
  ...baseFields,
  chauffeur_id: refField,
  date_debut: dateField,
  date_fin: dateField,
  type_absence: z.enum(typeAbsenceValues),
  motif: text(500).optional(),
});

export type Disponibilite = z.infer<typeof disponibiliteSchema>;

export const disponibilites = defineCollection({
  name: 'disponibilites',
  version: 0,
  schema: disponibiliteSchema,
  indexes: [['chauffeur_id', 'date_debut']],
});
