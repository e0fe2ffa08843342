import { z } from 'zod';
import { baseFields, centsField, dateField, refField, requiredText, text, timeField } from './fields';
import { defineCollection } from './define';

export const missionStatutValues = ['planifie', 'en_cours', 'termine', 'annule'] as const;
export const typeMissionValues = ['livraison', 'ramasse', 'transfert', 'autre'] as const;

export const missionSchema = z.strictObject({
  ...baseFields,
  date_mission: dateField,
  heure_debut: timeField,
  heure_fin: timeField.optional(),
  voyage_id: refField.optional(),
  chauffeur_id: refField.optional(),
  type_mission: z.enum(typeMissionValues),
  depart: text(120).optional(),
  destination: requiredText(120),
  pays: text(60).optional(),
  nb_palettes: z.number().int().min(0).max(1000).optional(),
  poids_kg: z.number().min(0).max(100000).optional(),
  tracteur: text(30).optional(),
  remorque: text(30).optional(),
  statut: z.enum(missionStatutValues),
  commentaire: text(2000).optional(),
  /** Finance fields (cents), readable only with `view_finance`. */
  cout_sst: centsField.optional(),
  revenu: centsField.optional(),
});

export type Mission = z.infer<typeof missionSchema>;
export type MissionStatut = Mission['statut'];

export const missions = defineCollection({
  name: 'missions',
  version: 0,
  schema: missionSchema,
  indexes: [['date_mission', 'heure_debut']],
});
