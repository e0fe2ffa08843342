import {
  checkPlanning,
  dateOfDay,
  planningWindow,
  type ChauffeurFacts,
  type PlanningConflict,
  type PlanningData,
  type VoyageFacts,
} from '@relais/domain';
import type { Chauffeur, Disponibilite, Mission, Sst, Voyage } from '@relais/schema';
import { useMemo } from 'react';
import type { RxDocument } from 'rxdb';
import { useDatabase, useQueryResults } from '../sync/hooks';

export interface PlanningSnapshot {
  /** The missions of the shown period (and of the weeks around it, which the driving-time rules read). */
  windowMissions: RxDocument<Mission>[];
  data: PlanningData;
  conflicts: Map<string, PlanningConflict[]>;
  chauffeurs: Readonly<Chauffeur>[];
  sst: Readonly<Sst>[];
  voyages: Readonly<Voyage>[];
  /** The absences of the planning window (the shown period and the weeks around it). */
  absences: Readonly<Disponibilite>[];
  loading: boolean;
}

function plain<T>(docs: readonly { toJSON(): unknown }[] | undefined): Readonly<T>[] {
  return (docs ?? []).map((doc) => doc.toJSON() as Readonly<T>);
}

/** Everything the board shows and checks for the days `from`..`to`, live from the local store. */
export function usePlanningData(from: string, to: string): PlanningSnapshot {
  const db = useDatabase();
  const windowFrom = dateOfDay(planningWindow(from).from);
  const windowTo = dateOfDay(planningWindow(to).to);
  const missionsQuery = useMemo(
    () => db.missions.find({ selector: { date_mission: { $gte: windowFrom, $lte: windowTo } }, sort: [{ date_mission: 'asc' }, { heure_debut: 'asc' }] }),
    [db, windowFrom, windowTo],
  );
  const chauffeursQuery = useMemo(() => db.chauffeurs.find({ sort: [{ nom: 'asc' }, { prenom: 'asc' }] }), [db]);
  const sstQuery = useMemo(() => db.sst.find(), [db]);
  const voyagesQuery = useMemo(() => db.voyages.find({ sort: [{ code: 'asc' }] }), [db]);
  const absencesQuery = useMemo(
    () => db.disponibilites.find({ selector: { date_debut: { $lte: windowTo } } }),
    [db, windowTo],
  );
  const missionDocs = useQueryResults(missionsQuery);
  const chauffeurDocs = useQueryResults(chauffeursQuery);
  const sstDocs = useQueryResults(sstQuery);
  const voyageDocs = useQueryResults(voyagesQuery);
  const absenceDocs = useQueryResults(absencesQuery);

  return useMemo(() => {
    const chauffeurs = plain<Chauffeur>(chauffeurDocs);
    const voyages = plain<Voyage>(voyageDocs);
    const sst = plain<Sst>(sstDocs).slice().sort((a, b) => a.nom.localeCompare(b.nom));
    const absences = plain<Disponibilite>(absenceDocs).filter((absence) => absence.date_fin >= windowFrom);
    const data: PlanningData = {
      missions: plain<Mission>(missionDocs),
      chauffeurs: new Map<string, ChauffeurFacts>(chauffeurs.map((chauffeur) => [chauffeur.id, chauffeur])),
      voyages: new Map<string, VoyageFacts>(voyages.map((voyage) => [voyage.id, voyage])),
      absences,
    };
    return {
      windowMissions: missionDocs ?? [],
      data,
      conflicts: checkPlanning(data),
      chauffeurs,
      sst,
      voyages,
      absences,
      loading: missionDocs === undefined || chauffeurDocs === undefined,
    };
  }, [missionDocs, chauffeurDocs, sstDocs, voyageDocs, absenceDocs, windowFrom]);
}
