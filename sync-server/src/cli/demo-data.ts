import { createHash } from 'node:crypto';
import { v5 } from 'uuid';
import { missionRevenue } from '@relais/domain';
import type { Chauffeur, Disponibilite, Mission, MissionStatut, RevenuPalette, Sst, Voyage } from '@relais/schema';
import { buildDemoInvoicing, type DemoInvoicing } from './demo-invoicing';
import { buildDemoAbsences, buildDemoSst } from './demo-planning';

/**
 * The demonstration dataset: a small French road-haulage firm based at Corbas (south of Lyon), its
 * drivers, its regular lines and one week of planning. Everything is derived from stable names and
 * from the current date only, so loading it twice the same day produces the same documents and the
 * second push writes nothing.
 */
export interface DemoDataset extends DemoInvoicing {
  chauffeurs: Chauffeur[];
  disponibilites: Disponibilite[];
  sst: Sst[];
  revenus_palettes: RevenuPalette[];
  voyages: Voyage[];
  missions: Mission[];
}

/** Namespace of the demo ids (its last six bytes spell "Relais"). */
export const demoNamespace = '8b0e6c52-2f6d-4f4e-9a55-52656c616973';

/** RFC 4122 name-based UUID, version 5 (SHA-1). */
export function uuidV5(namespace: string, name: string): string {
  return v5(name, namespace);
}

/** The stable id of a demo document, e.g. `demoId('chauffeur/JD01')`. */
export function demoId(name: string): string {
  return uuidV5(demoNamespace, name);
}

/** A stable pseudo-random integer in [0, modulo) for a name: variety without randomness. */
function pick(name: string, modulo: number): number {
  return createHash('sha1').update(name).digest().readUInt32BE(0) % modulo;
}

/** When the reference data was "entered"; fixed so those documents never change between runs. */
const referenceUpdatedAt = '2025-09-01T07:30:00.000Z';

const depot = 'Corbas (69)';

interface DriverSeed {
  code: string;
  prenom: string;
  nom: string;
  permis: 'C' | 'CE';
  adr: boolean;
  fimo: boolean;
  competences: string[];
  contrat: NonNullable<Chauffeur['type_contrat']>;
  embauche: string;
  tracteur: string;
  actif?: false;
  commentaire?: string;
}

const drivers: DriverSeed[] = [
  { code: 'JD01', prenom: 'Jean', nom: 'Dupont', permis: 'CE', adr: true, fimo: true, competences: ['hayon', 'ADR', 'international'], contrat: 'CDI', embauche: '2011-03-14', tracteur: 'FX-218-LM', commentaire: "Chef d'équipe, référent sécurité" },
  { code: 'ML02', prenom: 'Marie', nom: 'Lefèvre', permis: 'CE', adr: false, fimo: true, competences: ['frigo', 'hayon'], contrat: 'CDI', embauche: '2015-09-01', tracteur: 'GB-574-QR' },
  { code: 'KB03', prenom: 'Karim', nom: 'Benali', permis: 'CE', adr: true, fimo: true, competences: ['ADR', 'citerne', 'international'], contrat: 'CDI', embauche: '2013-06-17', tracteur: 'EV-903-TC' },
  { code: 'SM04', prenom: 'Sophie', nom: 'Martin', permis: 'C', adr: false, fimo: true, competences: ['hayon', 'CACES R489'], contrat: 'CDI', embauche: '2019-02-04', tracteur: 'FL-330-AZ' },
  { code: 'TG05', prenom: 'Thomas', nom: 'Girard', permis: 'CE', adr: false, fimo: true, competences: ['international', 'frigo'], contrat: 'CDI', embauche: '2017-11-20', tracteur: 'GD-112-JK' },
  { code: 'NM06', prenom: 'Nicolas', nom: 'Moreau', permis: 'CE', adr: true, fimo: true, competences: ['ADR', 'international'], contrat: 'CDI', embauche: '2014-04-07', tracteur: 'FK-845-BN' },
  { code: 'IF07', prenom: 'Isabelle', nom: 'Fontaine', permis: 'C', adr: false, fimo: true, competences: ['hayon', 'frigo'], contrat: 'CDD', embauche: '2025-03-03', tracteur: 'GA-067-PS' },
  { code: 'JR08', prenom: 'Julien', nom: 'Roux', permis: 'CE', adr: false, fimo: false, competences: ['bâchage'], contrat: 'interim', embauche: '2025-06-16', tracteur: 'FR-721-DW', commentaire: 'Intérim Lyon Sud, mission renouvelée au mois' },
  { code: 'MH09', prenom: 'Mehdi', nom: 'Haddad', permis: 'CE', adr: false, fimo: true, competences: ['frigo', 'international'], contrat: 'CDI', embauche: '2018-08-27', tracteur: 'GC-489-XE' },
  { code: 'CB10', prenom: 'Céline', nom: 'Bertrand', permis: 'C', adr: false, fimo: false, competences: ['hayon', 'CACES R489'], contrat: 'CDD', embauche: '2024-10-01', tracteur: 'FT-256-HU' },
  { code: 'PL11', prenom: 'Patrick', nom: 'Lemoine', permis: 'CE', adr: true, fimo: true, competences: ['ADR', 'citerne', 'hayon'], contrat: 'CDI', embauche: '2009-01-12', tracteur: 'EZ-614-GV' },
  { code: 'AM12', prenom: 'Antoine', nom: 'Mercier', permis: 'CE', adr: false, fimo: true, competences: ['porte-engins'], contrat: 'CDI', embauche: '2010-05-03', tracteur: 'EP-398-KF', actif: false, commentaire: 'Arrêt longue durée, ne pas planifier' },
];

function asciiLower(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function buildChauffeur(seed: DriverSeed, index: number): Chauffeur {
  const digits = String(10_000_000 + pick(`telephone/${seed.code}`, 89_999_999)).padStart(8, '0');
  const chauffeur: Chauffeur = {
    id: demoId(`chauffeur/${seed.code}`),
    rev: 1,
    updated_at: referenceUpdatedAt,
    code: seed.code,
    nom: seed.nom,
    prenom: seed.prenom,
    telephone: `0${6 + (index % 2)} ${digits.replace(/(\d\d)(?=\d)/g, '$1 ')}`,
    email: `${asciiLower(seed.prenom)}.${asciiLower(seed.nom)}@exemple.fr`,
    type_contrat: seed.contrat,
    date_embauche: seed.embauche,
    permis: seed.permis,
    adr: seed.adr,
    fimo: seed.fimo,
    competences: seed.competences,
    is_active: seed.actif ?? true,
  };
  return seed.commentaire === undefined ? chauffeur : { ...chauffeur, commentaire: seed.commentaire };
}

type Jour = Voyage['jours_operation'][number];

interface LineSeed {
  code: string;
  nom: string;
  description: string;
  destination: string;
  /** Where the mission unloads, more precise than the line's destination. */
  lieu: string;
  pays: 'France' | 'Belgique';
  depart: string;
  arrivee: string;
  jours: Jour[];
  palettes: number;
  /** Average load per pallet, kg. */
  kgParPalette: number;
  couleur: string;
  /** Regular driver of the line, preferred when available. */
  titulaire?: string;
  exige: { permis: 'C' | 'CE'; adr?: true; competence?: string };
  remorque?: string;
  actif?: false;
  /** What a delivered pallet earns (cents), TomatoPlan's revenue per pallet of the destination. */
  revenuPalette: number;
  /** The customer billed (a demo contact's key). */
  client: string;
}

const ouvres: Jour[] = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'];

const lines: LineSeed[] = [
  { code: 'LYO-PAR', nom: 'Lyon → Paris', description: 'Messagerie palettisée vers la plateforme de Rungis, retour à vide ou fret de retour selon les jours.', destination: 'Paris', lieu: 'Rungis (94)', pays: 'France', depart: '04:30', arrivee: '10:45', jours: ouvres, palettes: 30, kgParPalette: 420, couleur: '#1f77b4', titulaire: 'TG05', exige: { permis: 'CE' }, remorque: 'SR-104', revenuPalette: 6500, client: 'LOGI' },
  { code: 'LYO-MRS', nom: 'Lyon → Marseille', description: 'Grande distribution, livraison entrepôt de Vitrolles avant 10 h.', destination: 'Marseille', lieu: 'Vitrolles (13)', pays: 'France', depart: '05:00', arrivee: '09:15', jours: [...ouvres, 'samedi'], palettes: 26, kgParPalette: 380, couleur: '#ff7f0e', titulaire: 'JR08', exige: { permis: 'CE' }, remorque: 'SR-117', revenuPalette: 5200, client: 'BIOC' },
  { code: 'LYO-GRE', nom: 'Lyon → Grenoble', description: 'Produits frais, température dirigée 2–4 °C.', destination: 'Grenoble', lieu: 'Saint-Égrève (38)', pays: 'France', depart: '06:00', arrivee: '07:45', jours: [...ouvres, 'samedi'], palettes: 14, kgParPalette: 450, couleur: '#2ca02c', titulaire: 'ML02', exige: { permis: 'C', competence: 'frigo' }, remorque: 'FRIGO-07', revenuPalette: 4500, client: 'FROM' },
  { code: 'LYO-BRU', nom: 'Lyon → Bruxelles', description: 'Ligne de nuit, départ en soirée, livraison à Vilvorde au petit matin.', destination: 'Bruxelles', lieu: 'Vilvorde (BE)', pays: 'Belgique', depart: '21:00', arrivee: '27:30', jours: ['lundi', 'mercredi', 'vendredi'], palettes: 32, kgParPalette: 350, couleur: '#d62728', titulaire: 'MH09', exige: { permis: 'CE', competence: 'international' }, remorque: 'SR-121', revenuPalette: 7800, client: 'LOGI' },
  { code: 'LYO-LIL', nom: 'Lyon → Lille', description: 'Textile et colis volumineux vers Lesquin.', destination: 'Lille', lieu: 'Lesquin (59)', pays: 'France', depart: '03:30', arrivee: '11:30', jours: ['mardi', 'jeudi'], palettes: 28, kgParPalette: 300, couleur: '#9467bd', titulaire: 'NM06', exige: { permis: 'CE' }, remorque: 'SR-108', revenuPalette: 6800, client: 'LOGI' },
  { code: 'LYO-ANV', nom: 'Lyon → Anvers', description: 'Produits chimiques conditionnés (ADR) vers le port d’Anvers.', destination: 'Anvers', lieu: 'Port d’Anvers (BE)', pays: 'Belgique', depart: '04:00', arrivee: '13:30', jours: ['lundi', 'jeudi'], palettes: 20, kgParPalette: 700, couleur: '#8c564b', titulaire: 'KB03', exige: { permis: 'CE', adr: true }, remorque: 'SR-ADR-02', revenuPalette: 9500, client: 'MATB' },
  { code: 'LYO-DIJ', nom: 'Lyon → Dijon', description: 'Navette quotidienne vers le dépôt de Longvic, enlèvements au retour.', destination: 'Dijon', lieu: 'Longvic (21)', pays: 'France', depart: '07:00', arrivee: '09:30', jours: ouvres, palettes: 12, kgParPalette: 400, couleur: '#e377c2', titulaire: 'SM04', exige: { permis: 'C' }, revenuPalette: 3900, client: 'BIOC' },
  { code: 'LYO-NCE', nom: 'Lyon → Nice', description: 'Ligne saisonnière (juin à septembre).', destination: 'Nice', lieu: 'Saint-Laurent-du-Var (06)', pays: 'France', depart: '04:00', arrivee: '10:30', jours: ['mardi', 'vendredi'], palettes: 24, kgParPalette: 400, couleur: '#17becf', exige: { permis: 'CE' }, actif: false, revenuPalette: 6000, client: 'BIOC' },
];

/** Planned driving time of a run: the span less loading and the break, rounded to 5 minutes. */
function drivingMinutes(line: LineSeed): number {
  const span = minutesOf(line.arrivee) - minutesOf(line.depart);
  return Math.round((Math.max(0, span - 45) * 0.85) / 5) * 5;
}

function buildVoyage(line: LineSeed): Voyage {
  const skills = [...(line.exige.adr ? ['ADR'] : []), ...(line.exige.competence === undefined ? [] : [line.exige.competence])];
  return {
    id: demoId(`voyage/${line.code}`),
    rev: 1,
    updated_at: referenceUpdatedAt,
    code: line.code,
    nom: line.nom,
    description: line.description,
    depart: 'Lyon',
    destination: line.destination,
    pays_destination: line.pays,
    heure_depart_defaut: line.depart,
    heure_arrivee_defaut: line.arrivee,
    jours_operation: line.jours,
    nb_palettes_moyen: line.palettes,
    is_active: line.actif ?? true,
    couleur: line.couleur,
    duree_conduite_min: drivingMinutes(line),
    permis_requis: line.exige.permis,
    type_mission: 'livraison',
    ...(skills.length > 0 ? { competences_requises: skills } : {}),
    ...(line.titulaire === undefined ? {} : { chauffeur_habituel_id: demoId(`chauffeur/${line.titulaire}`) }),
  };
}

/** One-off jobs outside the regular lines. */
interface AdHocSeed {
  type: Mission['type_mission'];
  destination: string;
  debut: string;
  fin: string;
  palettes?: number;
  commentaire?: string;
  exige: { permis: 'C' | 'CE'; adr?: true; competence?: string };
  /** The customer billed and the price agreed for the job (cents, typed by hand: no revenue per pallet there). */
  client?: string;
  prix?: number;
}

const adHocJobs: AdHocSeed[] = [
  { type: 'ramasse', destination: 'Villefranche-sur-Saône (69)', debut: '09:00', fin: '11:30', palettes: 8, commentaire: 'Ramasse fournisseur, prévenir le quai 30 min avant', exige: { permis: 'C', competence: 'hayon' }, client: 'BIOC', prix: 32_000 },
  { type: 'transfert', destination: 'Saint-Priest (69)', debut: '13:00', fin: '14:30', palettes: 18, commentaire: 'Transfert inter-dépôts', exige: { permis: 'CE' }, client: 'LOGI', prix: 27_500 },
  { type: 'livraison', destination: 'Villeurbanne (69)', debut: '10:00', fin: '12:00', palettes: 4, commentaire: 'Livraison centre-ville, hayon obligatoire', exige: { permis: 'C', competence: 'hayon' }, client: 'DURA', prix: 18_000 },
  { type: 'autre', destination: 'Vénissieux (69)', debut: '14:00', fin: '16:00', commentaire: 'Contrôle technique du véhicule', exige: { permis: 'C' } },
  { type: 'ramasse', destination: 'Vienne (38)', debut: '08:00', fin: '10:30', palettes: 10, exige: { permis: 'CE', adr: true }, client: 'MATB', prix: 41_000 },
];

/** The one-off jobs of each day, Monday to Saturday (indexes into `adHocJobs`). */
const adHocPlan: number[][] = [[1, 2], [0], [4, 1], [2], [0, 3], []];

/** Cancelled missions: the day (0 = Monday) and the line code or one-off key. */
const cancellations: Record<string, string> = {
  '1/ponctuelle-1': 'Annulée par le client : quai fermé pour inventaire',
  '3/LYO-LIL': 'Annulée : commande reportée à la semaine suivante',
  '4/LYO-DIJ': 'Annulée : pas de fret ce jour',
};

const jours: Jour[] = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** Mandatory daily rest between two duties, in minutes. */
const reposJournalier = 11 * 60;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** An instant on the local calendar: the day `offset` days from `day`, at `minutes` past midnight. */
function localInstant(day: Date, offset: number, minutes: number): string {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + offset, 0, minutes).toISOString();
}

/** Monday to Saturday of the week containing `today` (local calendar; Sunday closes the week). */
export function demoWeek(today: Date): Date[] {
  const sinceMonday = (today.getDay() + 6) % 7;
  return jours.map((_, index) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - sinceMonday + index, 12));
}

interface Requirement {
  permis: 'C' | 'CE';
  adr?: true;
  competence?: string;
}

function qualifies(driver: DriverSeed, need: Requirement): boolean {
  if (driver.actif === false) {
    return false;
  }
  if (need.permis === 'CE' && driver.permis !== 'CE') {
    return false;
  }
  if (need.adr && !driver.adr) {
    return false;
  }
  return need.competence === undefined || driver.competences.includes(need.competence);
}

interface Slot {
  key: string;
  day: number;
  debut: string;
  fin: string;
  need: Requirement;
  titulaire?: string | undefined;
}

/**
 * Assigns drivers day by day: the line's regular driver when free, otherwise
 * the next qualified driver in a rotation; one duty a day and 11 h of rest between duties. A slot
 * nobody can take stays unassigned, as a planner would see it ("à affecter").
 */
function assignDrivers(slots: Slot[]): Map<string, DriverSeed> {
  const assigned = new Map<string, DriverSeed>();
  const lastEnd = new Map<string, number>();
  const busyDay = new Map<string, number>();
  // Day by day; within a day, lines with a regular driver first so one-off jobs do not take them.
  const ordered = [...slots].sort(
    (a, b) => a.day - b.day || Number(b.titulaire !== undefined) - Number(a.titulaire !== undefined) || minutesOf(a.debut) - minutesOf(b.debut),
  );
  ordered.forEach((slot, position) => {
    const start = slot.day * 1440 + minutesOf(slot.debut);
    const free = (driver: DriverSeed): boolean =>
      qualifies(driver, slot.need) &&
      busyDay.get(driver.code) !== slot.day &&
      start >= (lastEnd.get(driver.code) ?? -Infinity) + reposJournalier;
    const regular = drivers.find((driver) => driver.code === slot.titulaire);
    const rotation = drivers.map((_, index) => drivers[(index + position) % drivers.length] as DriverSeed);
    const driver = regular && free(regular) ? regular : rotation.find(free);
    if (driver) {
      assigned.set(slot.key, driver);
      lastEnd.set(driver.code, slot.day * 1440 + minutesOf(slot.fin));
      busyDay.set(driver.code, slot.day);
    }
  });
  return assigned;
}

function statutFor(day: number, todayIndex: number, debut: string): MissionStatut {
  if (day < todayIndex) {
    return 'termine';
  }
  if (day > todayIndex) {
    return 'planifie';
  }
  // Depends on the date only, not the hour, so two runs the same day agree.
  return minutesOf(debut) < 12 * 60 ? 'en_cours' : 'planifie';
}

interface MissionDraft extends Slot {
  fields: Omit<Mission, 'id' | 'rev' | 'updated_at' | 'statut' | 'chauffeur_id' | 'tracteur'>;
  remorque?: string | undefined;
}

function draftMissions(week: Date[]): MissionDraft[] {
  const drafts: MissionDraft[] = [];
  week.forEach((date, day) => {
    const date_mission = isoDate(date);
    for (const line of lines) {
      if (line.actif === false || !line.jours.includes(jours[day] as Jour)) {
        continue;
      }
      const key = `${day}/${line.code}`;
      const palettes = Math.max(1, Math.min(33, line.palettes - 4 + pick(`${date_mission}/${line.code}/palettes`, 8)));
      drafts.push({
        key,
        day,
        debut: line.depart,
        fin: line.arrivee,
        need: line.exige,
        titulaire: line.titulaire,
        remorque: line.remorque,
        fields: {
          date_mission,
          heure_debut: line.depart,
          heure_fin: line.arrivee,
          voyage_id: demoId(`voyage/${line.code}`),
          type_mission: 'livraison',
          depart: depot,
          destination: line.lieu,
          pays: line.pays,
          nb_palettes: palettes,
          poids_kg: palettes * line.kgParPalette,
          client_id: demoId(`contact/${line.client}`),
        },
      });
    }
    (adHocPlan[day] ?? []).forEach((jobIndex, position) => {
      const job = adHocJobs[jobIndex] as AdHocSeed;
      const fields: MissionDraft['fields'] = {
        date_mission,
        heure_debut: job.debut,
        heure_fin: job.fin,
        type_mission: job.type,
        depart: depot,
        destination: job.destination,
        pays: 'France',
      };
      if (job.palettes !== undefined) {
        fields.nb_palettes = job.palettes;
        fields.poids_kg = job.palettes * 400;
      }
      if (job.commentaire !== undefined) {
        fields.commentaire = job.commentaire;
      }
      if (job.client !== undefined) {
        fields.client_id = demoId(`contact/${job.client}`);
      }
      if (job.prix !== undefined) {
        fields.revenu = job.prix;
      }
      drafts.push({ key: `${day}/ponctuelle-${position + 1}`, day, debut: job.debut, fin: job.fin, need: job.exige, fields });
    });
  });
  return drafts;
}

/** The revenue per pallet of each line's unloading place (from 1 January 2025), as finance entered it. */
function buildRevenus(): RevenuPalette[] {
  return lines.map((line) => ({
    id: demoId(`revenu/${line.code}`),
    rev: 1,
    updated_at: referenceUpdatedAt,
    destination: line.lieu,
    pays: line.pays,
    revenu_par_palette: line.revenuPalette,
    date_debut: '2025-01-01',
  }));
}

function buildMissions(today: Date): Mission[] {
  const week = demoWeek(today);
  const monday = week[0] as Date;
  const todayIndex = Math.round((new Date(today.getFullYear(), today.getMonth(), today.getDate(), 12).getTime() - monday.getTime()) / 86_400_000);
  const drafts = draftMissions(week).sort((a, b) => a.day - b.day || minutesOf(a.debut) - minutesOf(b.debut));
  const assigned = assignDrivers(drafts.filter((draft) => cancellations[draft.key] === undefined));
  // The week's planning was published the Friday before, late afternoon.
  const publishedAt = localInstant(monday, -3, 16 * 60 + 30);
  return drafts.map((draft) => {
    const cancelled = cancellations[draft.key];
    const statut: MissionStatut = cancelled === undefined ? statutFor(draft.day, todayIndex, draft.debut) : 'annule';
    const date = week[draft.day] as Date;
    const driver = assigned.get(draft.key);
    const mission: Mission = {
      id: demoId(`mission/${draft.fields.date_mission}/${draft.key.split('/')[1] ?? draft.key}`),
      rev: statut === 'planifie' ? 1 : 2,
      updated_at:
        statut === 'termine'
          ? localInstant(date, 0, minutesOf(draft.fin) + 20)
          : statut === 'en_cours'
            ? localInstant(date, 0, minutesOf(draft.debut))
            : statut === 'annule'
              ? localInstant(date, -1, 17 * 60 + 45)
              : publishedAt,
      ...draft.fields,
      statut,
    };
    if (cancelled !== undefined) {
      mission.commentaire = cancelled;
    }
    // What the server derives from the revenue per pallet, written here so the stored mission is the demo's.
    const revenu = mission.revenu ?? missionRevenue(mission, buildRevenus());
    if (revenu !== undefined) {
      mission.revenu = revenu;
    }
    if (driver) {
      mission.chauffeur_id = demoId(`chauffeur/${driver.code}`);
      mission.tracteur = driver.tracteur;
      if (draft.remorque !== undefined && driver.permis === 'CE') {
        mission.remorque = draft.remorque;
      }
    }
    return mission;
  });
}

/** The whole dataset for the week containing `today` (local time). */
export function buildDemoDataset(today: Date = new Date()): DemoDataset {
  return {
    chauffeurs: drivers.map(buildChauffeur),
    disponibilites: buildDemoAbsences(demoWeek(today).map(isoDate), demoId),
    sst: buildDemoSst(demoId),
    revenus_palettes: buildRevenus(),
    voyages: lines.map(buildVoyage),
    missions: buildMissions(today),
    ...buildDemoInvoicing(isoDate(today), demoId),
  };
}
