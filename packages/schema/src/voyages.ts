import { z } from 'zod';
import { baseFields, refField, requiredText, text, timeField } from './fields';
import { defineCollection } from './define';
import { typeMissionValues } from './mission-values';

export const jourValues = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export type Jour = (typeof jourValues)[number];

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
  /** Relais: planned driving time of one run, in minutes (for the 561/2006 checks). */
  duree_conduite_min: z.number().int().min(0).max(1680).optional(),
  /** Relais: skills a chauffeur needs on this line (`ADR`, `FIMO`, or any skill of the chauffeurs' lists). */
  competences_requises: z.array(requiredText(50)).max(20).optional(),
  /** Relais: the licence category the line needs (`C`, `CE`…). */
  permis_requis: text(10).optional(),
  /** The mission type of the generated missions (TomatoPlan's voyage `type`). */
  type_mission: z.enum(typeMissionValues).optional(),
  /** The line's usual chauffeur, assigned when missions are generated if asked. */
  chauffeur_habituel_id: refField.optional(),
});

export type Voyage = z.infer<typeof voyageSchema>;

export const voyages = defineCollection({
  name: 'voyages',
  version: 1,
  schema: voyageSchema,
  indexes: [['code']],
  // Version 1 only added optional fields.
  migrations: { 1: (doc) => doc },
  uniqueFields: ['code'],
});
