import {
  dateOfDay,
  planningWindow,
  type ChauffeurFacts,
  type PlanningConflict,
  type PlanningData,
  type VoyageFacts,
} from '@relais/domain';
import type { Chauffeur, Disponibilite, Mission, Sst, Voyage } from '@relais/schema';
import { sameValue } from '@relais/sync-protocol';
import { useDeferredValue, useEffect, useMemo } from 'react';
import { NEVER, type Observable } from 'rxjs';
import type { RxDocument } from 'rxdb';
import { useDatabase, useThrottledQueryResults } from '../sync/hooks';
import { offlineNotice } from '../ui/offline-ready';
import { stableConflicts } from './block-models';
import { createIncrementalPlanning } from './incremental-planning';
import { mergeServerWindow } from './server-window';
import { useServerWindow } from './use-server-window';

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
  /**
   * The missions shown from the server's answer while the replica's first sync has not brought
   * them yet (read-only until it does); empty otherwise.
   */
  preview: ReadonlySet<string>;
}

/**
 * While a first sync streams thousands of missions in, the board follows the local store at most
 * this often (the first change of a quiet moment at once, the last one of a burst at the end):
 * the planning rules and the board then run a few times a second, not once per replication batch.
 */
const refreshMs = 300;

/**
 * The missions query while the server's answer stands in for it during a first sync: each page
 * of 2 000 missions would otherwise re-run the window's query and re-render the board.
 */
const awaitingReplica: { readonly $: Observable<RxDocument<Mission>[]> } = { $: NEVER };

/**
 * The plain values of documents, converted once per document revision (keyed by id and `_rev`);
 * `adopt` may give a converted value an equal object the screen holds already.
 */
function createPlainCache<T>() {
  let cache = new Map<string, { rev: string; value: Readonly<T> }>();
  return (docs: readonly RxDocument<T>[] | undefined, adopt: (value: Readonly<T>) => Readonly<T> = (value) => value): Readonly<T>[] => {
    const kept = new Map<string, { rev: string; value: Readonly<T> }>();
    const values = (docs ?? []).map((doc) => {
      const previous = cache.get(doc.primary);
      const entry = previous && previous.rev === doc.revision ? previous : { rev: doc.revision, value: adopt(doc.toJSON() as Readonly<T>) };
      kept.set(doc.primary, entry);
      return entry.value;
    });
    cache = kept;
    return values;
  };
}

/**
 * The server's answer's object for a mission whose local copy holds the same values, else the local
 * copy: at the end of a first sync the replica's copies take the place of the server's answer
 * without a new object per block (kept by the plain cache for as long as the document's revision),
 * so the planning rules re-check no one and a block only renders again for its read-only mark.
 */
function sameAsServer(server: readonly Readonly<Mission>[]): (local: Readonly<Mission>) => Readonly<Mission> {
  const answered = new Map(server.map((mission) => [mission.id, mission]));
  return (local) => {
    const same = answered.get(local.id);
    return same !== undefined && sameValue(same, local) ? same : local;
  };
}

/** `stableConflicts` against the previous run of the same board. */
function createConflictKeeper() {
  let last = new Map<string, PlanningConflict[]>();
  return (next: Map<string, PlanningConflict[]>): Map<string, PlanningConflict[]> => {
    last = stableConflicts(last, next);
    return last;
  };
}

function plain<T>(docs: readonly { toJSON(): unknown }[] | undefined): Readonly<T>[] {
  return (docs ?? []).map((doc) => doc.toJSON() as Readonly<T>);
}

/**
 * Everything the board shows and checks for the days `from`..`to`, live from the local store; during
 * the first sync, with the missions of those days the server holds and the replica not yet.
 */
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
  const serverWindow = useServerWindow(from, to);
  const replicaDocs = useThrottledQueryResults(serverWindow.standsIn ? awaitingReplica : missionsQuery, refreshMs);
  // At the end of a first sync the replica's copies take the place of the server's answer: every
  // block of the week changes (editable now). Rendered as a transition, in slices between which the
  // browser paints and answers, with the server's answer shown meanwhile; at once otherwise (a new
  // week is a user's request).
  const deferredDocs = useDeferredValue(replicaDocs);
  const missionDocs = serverWindow.missions.length > 0 ? deferredDocs : replicaDocs;
  const chauffeurDocs = useThrottledQueryResults(chauffeursQuery, refreshMs);
  const sstDocs = useThrottledQueryResults(sstQuery, refreshMs);
  const voyageDocs = useThrottledQueryResults(voyagesQuery, refreshMs);
  const absenceDocs = useThrottledQueryResults(absencesQuery, refreshMs);

  // Each collection is converted on its own: a batch of missions leaves chauffeurs and voyages as they were.
  const plainMissions = useMemo(() => createPlainCache<Mission>(), []);
  const serverMissions = serverWindow.missions;
  const localMissions = useMemo(() => plainMissions(missionDocs, sameAsServer(serverMissions)), [plainMissions, missionDocs, serverMissions]);
  const { missions, preview } = useMemo(() => mergeServerWindow(localMissions, serverMissions), [localMissions, serverMissions]);
  // « Prêt hors ligne » waits until the board shows the replica's copies, not beside the server's.
  const showsPreview = preview.size > 0;
  useEffect(() => (showsPreview ? offlineNotice.showPreview() : undefined), [showsPreview]);
  const { release } = serverWindow;
  useEffect(() => {
    if (missionDocs !== undefined) {
      release();
    }
  }, [missionDocs, release]);
  const localChauffeurs = useMemo(() => plain<Chauffeur>(chauffeurDocs), [chauffeurDocs]);
  // A new PC's rows: the server's chauffeurs until the replica holds as many (read from sign-in on).
  const serverChauffeurs = serverWindow.standsIn ? serverWindow.chauffeurs : undefined;
  const chauffeurs = useMemo(
    () => (serverChauffeurs && serverChauffeurs.length > localChauffeurs.length ? [...serverChauffeurs] : localChauffeurs),
    [serverChauffeurs, localChauffeurs],
  );
  const voyages = useMemo(() => plain<Voyage>(voyageDocs), [voyageDocs]);
  const sst = useMemo(() => plain<Sst>(sstDocs).slice().sort((a, b) => a.nom.localeCompare(b.nom)), [sstDocs]);
  const absences = useMemo(() => plain<Disponibilite>(absenceDocs).filter((absence) => absence.date_fin >= windowFrom), [absenceDocs, windowFrom]);
  const keepConflicts = useMemo(() => createConflictKeeper(), []);
  const checkPlanning = useMemo(() => createIncrementalPlanning(), []);
  // Kept while their collections are unchanged: the incremental check re-checks everyone when they change.
  const chauffeurFacts = useMemo(() => new Map<string, ChauffeurFacts>(chauffeurs.map((chauffeur) => [chauffeur.id, chauffeur])), [chauffeurs]);
  const voyageFacts = useMemo(() => new Map<string, VoyageFacts>(voyages.map((voyage) => [voyage.id, voyage])), [voyages]);

  return useMemo(() => {
    const data: PlanningData = {
      missions,
      chauffeurs: chauffeurFacts,
      voyages: voyageFacts,
      absences,
    };
    const conflicts = keepConflicts(checkPlanning(data));
    return {
      windowMissions: missionDocs ?? [],
      data,
      conflicts,
      chauffeurs,
      sst,
      voyages,
      absences,
      loading: missionDocs === undefined || chauffeurDocs === undefined,
      preview,
    };
  }, [missions, preview, chauffeurs, chauffeurFacts, voyages, voyageFacts, sst, absences, missionDocs, chauffeurDocs, keepConflicts, checkPlanning]);
}
