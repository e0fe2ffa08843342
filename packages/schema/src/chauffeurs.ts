import { z } from 'zod';
import { baseFields, dateField, requiredText, text } from './fields';
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
  permis: text(40).optional(),
  adr: z.boolean(),
  fimo: z.boolean(),
  competences: z.array(requiredText(50)).max(50),
  is_active: z.boolean(),
  commentaire: text(2000).optional(),
});

export type Chauffeur = z.infer<typeof chauffeurSchema>;

export const chauffeurs = defineCollection({
  name: 'chauffeurs',
  version: 0,
  schema: chauffeurSchema,
  indexes: [['nom', 'prenom']],
});
