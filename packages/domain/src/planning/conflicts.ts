import { absenceWord, dayNumber, formatDuration, frenchDay, weekStartDay } from './calendar';
import { holdsLicence } from './licences';
import type {
  AbsenceFacts,
  ChauffeurFacts,
  PlannedMission,
  PlanningConflict,
  PlanningConflictCode,
  PlanningData,
  PlanningSeverity,
  VoyageFacts,
} from './types';
import { minutesToTime, timeToMinutes } from '../time';
import { drivingConflicts } from './driving';

/** A mission with no end time and no planned driving time is taken to last an hour (the old tool's default). */
export const defaultMissionMinutes = 60;

/** A mission placed on the absolute time line (minutes since 1970-01-01 00:00 of the planning's days). */
export interface TimedMission {
  mission: PlannedMission;
  day: number;
  start: number;
  end: number;
  /** Planned driving minutes, when known (the mission's, else its voyage's). */
  driving: number | undefined;
  /** Minutes of the mission not spent driving, when its end time is known. */
  slack: number | undefined;
}

export function timeMission(mission: PlannedMission, voyage: VoyageFacts | undefined): TimedMission {
  const day = dayNumber(mission.date_mission);
  const start = day * 1440 + timeToMinutes(mission.heure_debut);
  const driving = mission.duree_conduite_min ?? voyage?.duree_conduite_min;
  const explicitEnd = mission.heure_fin === undefined ? undefined : day * 1440 + timeToMinutes(mission.heure_fin);
  const end =
    explicitEnd !== undefined && explicitEnd > start
      ? explicitEnd
      : start + Math.max(defaultMissionMinutes, driving === undefined ? 0 : driving + (driving > 270 ? 45 : 0));
  const slack = explicitEnd !== undefined && driving !== undefined ? explicitEnd - start - driving : undefined;
  return { mission, day, start, end, driving, slack };
}

export function conflict(
  code: PlanningConflictCode,
  severity: PlanningSeverity,
  missionId: string,
  message: string,
  params: Record<string, string | number> = {},
  related: string[] = [],
): PlanningConflict {
  return { code, severity, missionId, message, params, related };
}

function clock(minutes: number): string {
  return minutesToTime(((minutes % 1440) + 1440) % 1440);
}

/** Rules about the chauffeur and the line, mission by mission. */
function chauffeurConflicts(
  timed: TimedMission,
  chauffeur: ChauffeurFacts,
  voyage: VoyageFacts | undefined,
  absences: readonly AbsenceFacts[],
): PlanningConflict[] {
  const { mission } = timed;
  const date = mission.date_mission;
  const name = `${chauffeur.prenom} ${chauffeur.nom}`;
  const found: PlanningConflict[] = [];
  if (!chauffeur.is_active) {
    found.push(conflict('CHAUFFEUR_INACTIF', 'hard', mission.id, `${name} n’est plus actif`, { chauffeur: name }));
  }
  const absence = absences.find((candidate) => candidate.date_debut <= date && date <= candidate.date_fin);
  if (absence) {
    found.push(
      conflict('CHAUFFEUR_ABSENT', 'hard', mission.id, `${name} est absent (${absenceWord(absence.type_absence)}) du ${frenchDay(absence.date_debut)} au ${frenchDay(absence.date_fin, true)}`, {
        chauffeur: name,
        type: absence.type_absence,
        from: absence.date_debut,
        to: absence.date_fin,
      }),
    );
  }
  const expiries: [PlanningConflictCode, string | undefined, string, boolean][] = [
    ['PERMIS_EXPIRE', chauffeur.permis_validite, 'Le permis', true],
    ['FIMO_EXPIREE', chauffeur.fimo_validite, 'La FIMO/FCO', true],
    ['VISITE_MEDICALE_EXPIREE', chauffeur.visite_medicale_validite, 'La visite médicale', true],
    ['ADR_EXPIRE', chauffeur.adr_validite, 'L’habilitation ADR', requires(voyage, 'ADR')],
  ];
  for (const [code, validUntil, what, needed] of expiries) {
    if (needed && validUntil !== undefined && validUntil < date) {
      found.push(conflict(code, 'hard', mission.id, `${what} de ${name} a expiré le ${frenchDay(validUntil, true)}`, { chauffeur: name, until: validUntil }));
    }
  }
  if (voyage?.permis_requis && !holdsLicence(chauffeur.permis, voyage.permis_requis)) {
    found.push(
      conflict('PERMIS_INSUFFISANT', 'hard', mission.id, `${name} n’a pas le permis ${voyage.permis_requis} exigé par ${voyage.code}`, {
        chauffeur: name,
        permis: voyage.permis_requis,
        voyage: voyage.code,
      }),
    );
  }
  for (const skill of voyage?.competences_requises ?? []) {
    if (!hasSkill(chauffeur, skill)) {
      found.push(
        conflict('COMPETENCE_MANQUANTE', 'hard', mission.id, `${name} n’a pas la compétence ${skill} exigée par ${voyage?.code ?? ''}`, {
          chauffeur: name,
          competence: skill,
          voyage: voyage?.code ?? '',
        }),
      );
    }
  }
  return found;
}

function requires(voyage: VoyageFacts | undefined, skill: string): boolean {
  // Read as `hasSkill` reads it: skills are stored as typed, untrimmed.
  return (voyage?.competences_requises ?? []).some((required) => required.trim().toUpperCase() === skill);
}

function hasSkill(chauffeur: ChauffeurFacts, skill: string): boolean {
  const wanted = skill.trim().toUpperCase();
  if (wanted === 'ADR' && chauffeur.adr) {
    return true;
  }
  if ((wanted === 'FIMO' || wanted === 'FCO') && chauffeur.fimo) {
    return true;
  }
  return chauffeur.competences.some((held) => held.trim().toUpperCase() === wanted);
}

/** Overlapping missions of one chauffeur (sorted by start): each is reported on both. */
function overlapConflicts(sorted: readonly TimedMission[], name: string): PlanningConflict[] {
  const found: PlanningConflict[] = [];
  let active: TimedMission[] = [];
  for (const current of sorted) {
    active = active.filter((other) => other.end > current.start);
    for (const other of active) {
      for (const [mine, theirs] of [
        [current, other],
        [other, current],
      ] as const) {
        found.push(
          conflict(
            'CHAUFFEUR_DOUBLE_RESERVE',
            'hard',
            mine.mission.id,
            `${name} est déjà réservé de ${clock(theirs.start)} à ${clock(theirs.end)} le ${frenchDay(theirs.mission.date_mission)}`,
            { chauffeur: name, from: clock(theirs.start), to: clock(theirs.end), date: theirs.mission.date_mission },
            [theirs.mission.id],
          ),
        );
      }
    }
    active.push(current);
  }
  return found;
}

/** Every conflict of one chauffeur's missions. */
function checkChauffeur(
  chauffeur: ChauffeurFacts | undefined,
  missions: readonly PlannedMission[],
  voyages: ReadonlyMap<string, VoyageFacts>,
  absences: readonly AbsenceFacts[],
): PlanningConflict[] {
  const voyageOf = (mission: PlannedMission): VoyageFacts | undefined =>
    mission.voyage_id === undefined ? undefined : voyages.get(mission.voyage_id);
  const sorted = missions.map((mission) => timeMission(mission, voyageOf(mission))).sort((a, b) => a.start - b.start || a.end - b.end);
  if (!chauffeur) {
    return [];
  }
  const name = `${chauffeur.prenom} ${chauffeur.nom}`;
  return [
    ...sorted.flatMap((timed) => chauffeurConflicts(timed, chauffeur, voyageOf(timed.mission), absences)),
    ...overlapConflicts(sorted, name),
    ...drivingConflicts(sorted, name),
  ];
}

function groupByChauffeur(data: PlanningData): Map<string, PlannedMission[]> {
  const byChauffeur = new Map<string, PlannedMission[]>();
  for (const mission of data.missions) {
    if (mission.chauffeur_id === undefined || mission.statut === 'annule') {
      continue;
    }
    const list = byChauffeur.get(mission.chauffeur_id);
    if (list) {
      list.push(mission);
    } else {
      byChauffeur.set(mission.chauffeur_id, [mission]);
    }
  }
  return byChauffeur;
}

function absencesByChauffeur(absences: readonly AbsenceFacts[]): Map<string, AbsenceFacts[]> {
  const map = new Map<string, AbsenceFacts[]>();
  for (const absence of absences) {
    const list = map.get(absence.chauffeur_id);
    if (list) {
      list.push(absence);
    } else {
      map.set(absence.chauffeur_id, [absence]);
    }
  }
  return map;
}

/**
 * Every planning conflict of a set of missions (a day, a week, the whole local store), by mission
 * id. Cancelled missions and missions without a chauffeur have none. For the 561/2006 weekly and
 * fortnightly limits, give the missions of the weeks around the period checked.
 */
export function checkPlanning(data: PlanningData): Map<string, PlanningConflict[]> {
  const absences = absencesByChauffeur(data.absences);
  const result = new Map<string, PlanningConflict[]>();
  for (const [chauffeurId, missions] of groupByChauffeur(data)) {
    for (const found of checkChauffeur(data.chauffeurs.get(chauffeurId), missions, data.voyages, absences.get(chauffeurId) ?? [])) {
      const list = result.get(found.missionId);
      if (list) {
        list.push(found);
      } else {
        result.set(found.missionId, [found]);
      }
    }
  }
  return result;
}

/** The days whose missions can matter to a mission's checks: its weeks before and after (561/2006 fortnights). */
export function planningWindow(date: string): { from: number; to: number } {
  const monday = weekStartDay(date);
  return { from: monday - 7, to: monday + 13 };
}

/**
 * The conflicts of one mission as it would be saved (a drop on the board, a form, a push on the
 * server): `data.missions` holds the others, the stored version of this one is replaced.
 */
export function checkMissionPlanning(data: PlanningData, mission: PlannedMission): PlanningConflict[] {
  if (mission.chauffeur_id === undefined || mission.statut === 'annule') {
    return [];
  }
  const window = planningWindow(mission.date_mission);
  const others = data.missions.filter((other) => {
    if (other.id === mission.id || other.chauffeur_id !== mission.chauffeur_id || other.statut === 'annule') {
      return false;
    }
    const day = dayNumber(other.date_mission);
    return day >= window.from && day <= window.to;
  });
  const absences = data.absences.filter((absence) => absence.chauffeur_id === mission.chauffeur_id);
  return checkChauffeur(data.chauffeurs.get(mission.chauffeur_id), [...others, mission], data.voyages, absences).filter(
    (found) => found.missionId === mission.id,
  );
}

export function hardConflicts(conflicts: readonly PlanningConflict[]): PlanningConflict[] {
  return conflicts.filter((found) => found.severity === 'hard');
}

export { formatDuration };
