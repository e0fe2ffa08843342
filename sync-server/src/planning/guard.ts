import { checkMissionPlanning, dateOfDay, judgeMission, planningWindow, today, type PlanningData, type VoyageFacts } from '@relais/domain';
import type { Chauffeur, Disponibilite, Mission, Voyage } from '@relais/schema';
import type Database from 'better-sqlite3';
import { createRowMapper, type Doc, type StoredRow } from '../replication/documents';
import type { BatchFacts, WriteGuard, WriteGuardVerdict } from '../replication/guards';

/** The mission fields whose change can create or remove a planning conflict. */
const planningFields = ['chauffeur_id', 'date_mission', 'heure_debut', 'heure_fin', 'voyage_id', 'statut', 'duree_conduite_min', 'force_motif'] as const;

function planningChanged(incoming: Doc, existing: Doc | undefined): boolean {
  return existing === undefined || existing._deleted || planningFields.some((field) => incoming[field] !== existing[field]);
}

export interface PlanningGuardOptions {
  /** The clock deciding which days are past (tests move it). */
  now?: () => Date;
}

/**
 * The server as the planning authority: a mission written by a user is checked against the
 * chauffeur's other missions, absences, skills and the 561/2006 limits as stored, inside the write
 * transaction, so two planners booking the same chauffeur offline cannot both win. Past days need
 * `edit_past_planning`; a blocking conflict needs a reason from someone allowed to force, and the
 * reason goes to the activity log. The server's own writers (imports, connectors, demo) carry no
 * permissions and are not checked.
 */
export function planningGuard(sqlite: Database.Database, options: PlanningGuardOptions = {}): WriteGuard {
  const missions = createRowMapper('missions');
  const chauffeurs = createRowMapper('chauffeurs');
  const absences = createRowMapper('disponibilites');
  const voyages = createRowMapper('voyages');
  const selectChauffeur = sqlite.prepare<[string], StoredRow>('SELECT * FROM "chauffeurs" WHERE id = ? AND "_deleted" = 0');
  const selectAbsences = sqlite.prepare<[string, string, string], StoredRow>(
    'SELECT * FROM "disponibilites" WHERE chauffeur_id = ? AND "_deleted" = 0 AND date_fin >= ? AND date_debut <= ?',
  );
  const selectMissions = sqlite.prepare<[string, string, string, string], StoredRow>(
    'SELECT * FROM "missions" WHERE chauffeur_id = ? AND "_deleted" = 0 AND id <> ? AND date_mission BETWEEN ? AND ?',
  );
  const selectVoyage = sqlite.prepare<[string], StoredRow>('SELECT * FROM "voyages" WHERE id = ? AND "_deleted" = 0');

  /** Only the chauffeur's missions are read per document: the batch's own writes change them, not the other facts. */
  function planningData(mission: Mission, batch: BatchFacts): PlanningData {
    const chauffeurId = mission.chauffeur_id ?? '';
    const window = planningWindow(mission.date_mission);
    const from = dateOfDay(window.from);
    const to = dateOfDay(window.to);
    const others = selectMissions.all(chauffeurId, mission.id, from, to).map((row) => missions.toDocument(row) as unknown as Mission);
    const voyageMap = new Map<string, VoyageFacts>();
    for (const voyageId of new Set([...others, mission].map((other) => other.voyage_id).filter((id) => id !== undefined))) {
      const voyage = batch.once(`planning.voyage.${voyageId}`, () => {
        const row = selectVoyage.get(voyageId);
        return row ? (voyages.toDocument(row) as unknown as Voyage) : undefined;
      });
      if (voyage) {
        voyageMap.set(voyageId, voyage);
      }
    }
    const chauffeur = batch.once(`planning.chauffeur.${chauffeurId}`, () => {
      const row = selectChauffeur.get(chauffeurId);
      return row ? (chauffeurs.toDocument(row) as unknown as Chauffeur) : undefined;
    });
    return {
      missions: others,
      chauffeurs: new Map(chauffeur ? [[chauffeurId, chauffeur]] : []),
      voyages: voyageMap,
      // Missions of a week share their window: one read per chauffeur and window for the batch.
      absences: batch.once(`planning.absences.${chauffeurId}.${from}.${to}`, () =>
        selectAbsences.all(chauffeurId, from, to).map((row) => absences.toDocument(row) as unknown as Disponibilite),
      ),
    };
  }

  return ({ collection, incoming, existing, context, batch }): WriteGuardVerdict => {
    if (collection !== 'missions' || !context.permissions) {
      return { ok: true };
    }
    const mission = incoming as unknown as Mission & { _deleted: boolean };
    const previous = existing as unknown as (Mission & { _deleted: boolean }) | undefined;
    // Unassigned or cancelled missions have no chauffeur rules to break: skip the reads.
    const checked =
      !mission._deleted && mission.chauffeur_id !== undefined && mission.statut !== 'annule' && planningChanged(incoming, existing);
    const verdict = judgeMission({
      today: batch.once('planning.today', () => today(options.now?.() ?? new Date())),
      permissions: context.permissions,
      date: mission.date_mission,
      previousDate: previous && !previous._deleted ? previous.date_mission : undefined,
      forceMotif: mission._deleted ? undefined : mission.force_motif,
      conflicts: checked ? checkMissionPlanning(planningData(mission, batch), mission) : [],
    });
    if (!verdict.ok) {
      return { ok: false, code: verdict.code, message: verdict.message };
    }
    if (verdict.forced) {
      return {
        ok: true,
        note: {
          motif: verdict.forced.motif,
          conflits: verdict.forced.conflicts.map((found) => ({ code: found.code, message: found.message })),
        },
      };
    }
    return { ok: true };
  };
}
