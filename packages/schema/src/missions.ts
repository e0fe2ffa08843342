import { z } from 'zod';
import { baseFields, centsField, dateField, refField, requiredText, text, timeField } from './fields';
import { defineCollection } from './define';
import { missionStatutValues, typeMissionValues } from './mission-values';

export { missionStatutValues, typeMissionValues } from './mission-values';

export const missionSchema = z.strictObject({
  ...baseFields,
  date_mission: dateField,
  heure_debut: timeField,
  heure_fin: timeField.optional(),
  voyage_id: refField.optional(),
  chauffeur_id: refField.optional(),
  /** The subcontractor (sst) that runs the mission, instead of or beside a chauffeur. */
  sst_id: refField.optional(),
  type_mission: z.enum(typeMissionValues),
  numero: text(40).optional(),
  depart: text(120).optional(),
  destination: requiredText(120),
  pays: text(60).optional(),
  nb_palettes: z.number().int().min(0).max(1000).optional(),
  poids_kg: z.number().min(0).max(100000).optional(),
  tracteur: text(30).optional(),
  remorque: text(30).optional(),
  statut: z.enum(missionStatutValues),
  commentaire: text(2000).optional(),
  /** Planned driving time in minutes when it differs from the voyage's. */
  duree_conduite_min: z.number().int().min(0).max(1680).optional(),
  /**
   * Why a planner kept a mission despite a blocking planning conflict. Only users allowed to force
   * (`edit_past_planning_advanced`) may save one; the server records it in the activity log.
   */
  force_motif: text(500).optional(),
  /** Finance fields (cents), readable only with `view_finance`. */
  cout_sst: centsField.optional(),
  revenu: centsField.optional(),
  /** The customer billed for the mission (a `contacts` entry of invoicing). */
  client_id: refField.optional(),
  /**
   * The invoice (a `factures` draft or validated one) this mission is billed on. Server-completed: set
   * and cleared by the server in the invoice's write transaction, never by a writer of the mission.
   */
  facture_id: refField.optional(),
});

export type Mission = z.infer<typeof missionSchema>;
export type MissionStatut = Mission['statut'];
export type TypeMission = Mission['type_mission'];

export const missions = defineCollection({
  name: 'missions',
  version: 2,
  schema: missionSchema,
  indexes: [['date_mission', 'heure_debut']],
  // Versions 1 and 2 (customer and invoice) only added optional fields.
  migrations: { 1: (doc) => doc, 2: (doc) => doc },
  serverIndexes: [
    ['date_mission'],
    ['chauffeur_id', 'date_mission'],
    ['voyage_id', 'date_mission'],
    ['sst_id', 'date_mission'],
    ['client_id', 'date_mission'],
    ['facture_id'],
  ],
});
