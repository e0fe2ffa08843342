/**
 * A planning week as a mid-size carrier has it, built from a fixed seed so every run measures the
 * same data: chauffeurs with licences, skills, expiring papers and absences; voyages with driving
 * times and requirements; missions spread over the week, some overlapping or over-long.
 */
import { addDays, holdsLicence, type AbsenceFacts, type ChauffeurFacts, type PlannedMission, type PlanningData, type VoyageFacts } from '../src/index';

export interface ScenarioSize {
  chauffeurs: number;
  voyages: number;
  /** Missions in the week checked; each surrounding week gets as many. */
  missionsPerWeek: number;
}

export interface Scenario {
  /** The Monday of the week checked. */
  monday: string;
  data: PlanningData;
  /** The missions of the week checked only (the others are the weeks before and after). */
  week: readonly PlannedMission[];
}

/** mulberry32: a small seeded generator, so the scenario is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pad = (value: number): string => String(value).padStart(2, '0');
const clock = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

const skills = ['Hayon', 'Frigo', 'Grue', 'Citerne', 'Plateau'];

export function buildScenario(size: ScenarioSize, monday = '2026-03-02'): Scenario {
  const random = seeded(561_2006);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  // Random v4-shaped ids, as the clients create them (ids sharing a long prefix would slow every comparison).
  const hex = (length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;

  const chauffeurs: ChauffeurFacts[] = Array.from({ length: size.chauffeurs }, (_, index) => ({
    id: uuid(),
    nom: `Nom${index}`,
    prenom: `Prénom${index}`,
    is_active: random() > 0.02,
    permis: random() < 0.7 ? 'CE' : 'C',
    adr: random() < 0.3,
    fimo: random() > 0.05,
    competences: skills.filter(() => random() < 0.35),
    permis_validite: random() < 0.03 ? addDays(monday, 2) : '2030-12-31',
    fimo_validite: random() < 0.05 ? addDays(monday, -30) : '2029-06-30',
    ...(random() < 0.3 ? { adr_validite: random() < 0.2 ? addDays(monday, 3) : '2028-01-31' } : {}),
    visite_medicale_validite: random() < 0.03 ? addDays(monday, 4) : '2027-09-30',
  }));

  const voyages: VoyageFacts[] = Array.from({ length: size.voyages }, (_, index) => ({
    id: uuid(),
    code: `V${pad(index)}`,
    duree_conduite_min: 60 + Math.floor(random() * 9) * 60,
    competences_requises: random() < 0.2 ? ['ADR'] : random() < 0.3 ? [pick(skills)] : [],
    ...(random() < 0.5 ? { permis_requis: random() < 0.5 ? 'CE' : 'C' } : {}),
  }));

  // One in ten chauffeurs is away for one to five days around the week.
  const absences: AbsenceFacts[] = chauffeurs
    .filter(() => random() < 0.1)
    .map((chauffeur) => {
      const from = addDays(monday, Math.floor(random() * 14) - 7);
      return { chauffeur_id: chauffeur.id, date_debut: from, date_fin: addDays(from, Math.floor(random() * 5)), type_absence: pick(['conges', 'maladie', 'formation'] as const) };
    });

  // Planners mostly put a qualified chauffeur on a line; one mission in ten goes to anyone.
  const qualifies = (chauffeur: ChauffeurFacts, voyage: VoyageFacts): boolean =>
    (voyage.permis_requis === undefined || holdsLicence(chauffeur.permis, voyage.permis_requis)) &&
    (voyage.competences_requises ?? []).every((skill) => (skill === 'ADR' ? chauffeur.adr : chauffeur.competences.includes(skill)));
  const linesOf = new Map(chauffeurs.map((chauffeur) => [chauffeur.id, voyages.filter((voyage) => qualifies(chauffeur, voyage))]));

  const missions: PlannedMission[] = [];
  const week: PlannedMission[] = [];
  const perChauffeurDay = size.missionsPerWeek / (size.chauffeurs * 6);
  for (const weekOffset of [-7, 0, 7]) {
    let count = 0;
    // Monday to Saturday (Sunday takes what rounding leaves), chauffeur by chauffeur: runs one after the other from about 05:00.
    for (let day = 0; day < 7 && count < size.missionsPerWeek; day += 1) {
      for (const chauffeur of chauffeurs) {
        const runs = day === 6 ? 1 : Math.floor(perChauffeurDay) + (random() < perChauffeurDay % 1 ? 1 : 0);
        let clockMinutes = 4 * 60 + Math.floor(random() * 8) * 15;
        for (let run = 0; run < runs && count < size.missionsPerWeek; run += 1) {
          const lines = linesOf.get(chauffeur.id) ?? [];
          const voyage = lines.length > 0 && random() < 0.9 ? pick(lines) : pick(voyages);
          const length = 90 + Math.floor(random() * 4) * 15;
          // Mostly the run's own driving; now and then the line's (up to 9 h) or an overlap with the previous run.
          const twist = random();
          const start = twist < 0.02 ? clockMinutes - 60 : clockMinutes;
          const mission: PlannedMission = {
            id: uuid(),
            date_mission: addDays(monday, weekOffset + day),
            heure_debut: clock(start),
            ...(random() < 0.9 ? { heure_fin: clock(start + length) } : {}),
            ...(random() < 0.98 ? { chauffeur_id: chauffeur.id } : {}),
            voyage_id: voyage.id,
            statut: random() < 0.03 ? 'annule' : 'planifie',
            ...(twist > 0.05 ? { duree_conduite_min: length - 30 - Math.floor(random() * 3) * 10 } : {}),
          };
          missions.push(mission);
          if (weekOffset === 0) {
            week.push(mission);
          }
          count += 1;
          clockMinutes = start + length + 15 + Math.floor(random() * 3) * 15;
        }
      }
    }
  }

  return {
    monday,
    week,
    data: {
      missions,
      chauffeurs: new Map(chauffeurs.map((chauffeur) => [chauffeur.id, chauffeur])),
      voyages: new Map(voyages.map((voyage) => [voyage.id, voyage])),
      absences,
    },
  };
}
