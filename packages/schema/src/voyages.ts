import { z } from 'zod';
import { baseFields, requiredText, text, timeField } from './fields';
import { defineCollection } from './define';

export const jourValues = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

export const voyageSchema = z.strictObject({
  ...baseFields,
  code: requiredText(20),
  nom: requiredText(120),
  description: text(2000).optional(),
  depart: text(120).optional(),
  destination: text(120).optional(),
  pays_destination: text(60).optional(),
  heure_depart_defaut: timeField.optional(),
  heure_arrivee_defaut: timeField.optional(),
  jours_operation: z.array(z.enum(jourValues)).max(7),
  nb_palettes_moyen: z.number().int().min(0).max(1000).optional(),
  is_active: z.boolean(),
  couleur: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'couleur attendue au format #RRVVBB')
    .optional(),
});

export type Voyage = z.infer<typeof voyageSchema>;

export const voyages = defineCollection({
  name: 'voyages',
  version: 0,
  schema: voyageSchema,
  indexes: [['code']],
});
