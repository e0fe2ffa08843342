import type { Cents, FactureLigne, Mission, RevenuPalette, Voyage } from '@relais/schema';
import { missionRevenue } from '../planning/finance';
import type { NewId } from './convert';

/**
 * Invoicing transport missions: what a mission is sold for, which missions a customer still owes
 * for, the invoice lines that bill them, and the rule that a mission is billed on one invoice only
 * (run by the PWA to offer the missions, and by the server in the invoice's write transaction).
 */

type Priced = Pick<Mission, 'destination' | 'pays' | 'date_mission' | 'nb_palettes' | 'revenu'>;

export type MissionPriceSource = 'saisi' | 'destination';

/**
 * What a mission is sold for: its `revenu` (typed by hand, or derived by the server from the revenue
 * per pallet of its destination), else, for a mission the server has not seen yet, the same
 * derivation made here (revenue per pallet of the destination on that day × pallets).
 */
export function missionPrice(mission: Priced, revenus: readonly RevenuPalette[]): Cents | undefined {
  return mission.revenu ?? missionRevenue(mission, revenus);
}

/** `2026-12-08` → `08/12/2026`, the way a French invoice writes a day. */
export function numericFrenchDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day ?? ''}/${month ?? ''}/${year ?? ''}`;
}

type Billable = Pick<Mission, 'id' | 'date_mission' | 'statut' | 'client_id' | 'facture_id'>;

export interface BillingPeriod {
  client_id: string;
  /** First and last day, inclusive (`YYYY-MM-DD`). */
  from: string;
  to: string;
}

/** A delivered mission (`termine`) of this customer in the period, not billed on any invoice yet. */
export function isBillable(mission: Billable, period: BillingPeriod): boolean {
  return (
    mission.statut === 'termine' &&
    mission.client_id === period.client_id &&
    mission.facture_id === undefined &&
    period.from <= mission.date_mission &&
    mission.date_mission <= period.to
  );
}

/** The customer's billable missions of the period, by day and start time. */
export function billableMissions<T extends Billable & Pick<Mission, 'heure_debut'>>(missions: readonly T[], period: BillingPeriod): T[] {
  return missions
    .filter((mission) => isBillable(mission, period))
    .sort((a, b) => a.date_mission.localeCompare(b.date_mission) || a.heure_debut.localeCompare(b.heure_debut));
}

export type LineGrouping = 'mission' | 'voyage';

type Described = Priced & Pick<Mission, 'id' | 'depart' | 'voyage_id' | 'numero' | 'heure_debut'>;

export interface MissionLinesInput {
  missions: readonly Described[];
  voyages: readonly Pick<Voyage, 'id' | 'code' | 'nom'>[];
  revenus: readonly RevenuPalette[];
  grouping: LineGrouping;
  taux_tva_bp: number;
  newId: NewId;
}

function route(mission: Pick<Mission, 'depart' | 'destination'>): string {
  return mission.depart ? `${mission.depart} → ${mission.destination}` : mission.destination;
}

function missionDesignation(mission: Described): string {
  const pallets = mission.nb_palettes === undefined ? '' : `, ${mission.nb_palettes} palette${mission.nb_palettes > 1 ? 's' : ''}`;
  const numero = mission.numero ? ` (mission ${mission.numero})` : '';
  return `Transport ${route(mission)} du ${numericFrenchDate(mission.date_mission)}${pallets}${numero}`;
}

/** Missions without a price cannot be billed: the caller shows them apart, they make no line. */
export function unpricedMissions<T extends Priced>(missions: readonly T[], revenus: readonly RevenuPalette[]): T[] {
  return missions.filter((mission) => missionPrice(mission, revenus) === undefined);
}

/**
 * The lines of an invoice billing `missions`: one per mission, or one per voyage (its missions of the
 * period together, a mission outside any voyage on its own line), in the order of the missions.
 * A line costs the exact sum of its missions' prices (quantity 1), so the invoice total is the sum
 * of the missions' prices to the cent. Missions without a price make no line.
 */
export function missionLines(input: MissionLinesInput): FactureLigne[] {
  const priced = input.missions.flatMap((mission) => {
    const price = missionPrice(mission, input.revenus);
    return price === undefined ? [] : [{ mission, price }];
  });
  const line = (designation: string, members: readonly { mission: Described; price: Cents }[]): FactureLigne => ({
    id: input.newId(),
    designation,
    quantite: 1,
    unite: members.length > 1 ? 'forfait' : 'voyage',
    prix_unitaire_ht: members.reduce((sum, member) => sum + member.price, 0),
    taux_tva_bp: input.taux_tva_bp,
    mission_ids: members.map((member) => member.mission.id),
  });
  if (input.grouping === 'mission') {
    return priced.map((member) => line(missionDesignation(member.mission), [member]));
  }
  const groups = new Map<string, { mission: Described; price: Cents }[]>();
  for (const member of priced) {
    const key = member.mission.voyage_id ?? `mission:${member.mission.id}`;
    groups.set(key, [...(groups.get(key) ?? []), member]);
  }
  return [...groups.values()].map((members) => {
    const first = members[0];
    const voyage = input.voyages.find((candidate) => candidate.id === first?.mission.voyage_id);
    if (!first || !voyage || members.length === 1) {
      return line(first ? missionDesignation(first.mission) : '', members);
    }
    const days = members.map((member) => member.mission.date_mission).sort();
    const pallets = members.reduce((sum, member) => sum + (member.mission.nb_palettes ?? 0), 0);
    return line(
      `Voyage ${voyage.code} ${voyage.nom} : ${members.length} transports du ${numericFrenchDate(days[0] ?? '')} au ${numericFrenchDate(days.at(-1) ?? '')}, ${pallets} palettes`,
      members,
    );
  });
}

/** Why a line may not bill a mission; the server drops such lines from the draft and says why. */
export type MissionBillingIssue =
  | { code: 'MISSION_DEJA_FACTUREE'; mission_id: string; facture_id: string }
  | { code: 'MISSION_INCONNUE'; mission_id: string }
  | { code: 'MISSION_AUTRE_CLIENT'; mission_id: string }
  | { code: 'MISSION_NON_LIVREE'; mission_id: string }
  | { code: 'MISSION_EN_DOUBLE'; mission_id: string };

/** Every refusal code of mission billing: a line's issue, or a billed mission's own change refused (`MISSION_FACTUREE`). */
export type MissionBillingCode = MissionBillingIssue['code'] | 'MISSION_FACTUREE';

export interface MissionBillingFacts {
  /** The invoice's id and customer. */
  facture: { id: string; contact_id: string };
  /** The live missions the lines cite, by id (absent: unknown or deleted). */
  missions: ReadonlyMap<string, Pick<Mission, 'id' | 'statut' | 'client_id' | 'facture_id'>>;
  /** Whether an invoice still exists (a mission marked by a deleted draft is free again). */
  factureExists: (id: string) => boolean;
}

/**
 * The rule "a mission is billed once": each mission an invoice's lines cite must be a delivered
 * mission of the invoice's customer, cited by one line only, and not billed on another live invoice.
 * Returns the issues by line id (lines without issues are absent).
 */
export function missionBillingIssues(
  lignes: readonly Pick<FactureLigne, 'id' | 'mission_ids'>[],
  facts: MissionBillingFacts,
): Map<string, MissionBillingIssue[]> {
  const issues = new Map<string, MissionBillingIssue[]>();
  const seen = new Set<string>();
  for (const ligne of lignes) {
    const found: MissionBillingIssue[] = [];
    for (const missionId of ligne.mission_ids ?? []) {
      const mission = facts.missions.get(missionId);
      if (seen.has(missionId)) {
        found.push({ code: 'MISSION_EN_DOUBLE', mission_id: missionId });
      } else if (!mission) {
        found.push({ code: 'MISSION_INCONNUE', mission_id: missionId });
      } else if (mission.facture_id !== undefined && mission.facture_id !== facts.facture.id && facts.factureExists(mission.facture_id)) {
        found.push({ code: 'MISSION_DEJA_FACTUREE', mission_id: missionId, facture_id: mission.facture_id });
      } else if (mission.client_id !== facts.facture.contact_id) {
        found.push({ code: 'MISSION_AUTRE_CLIENT', mission_id: missionId });
      } else if (mission.statut !== 'termine') {
        found.push({ code: 'MISSION_NON_LIVREE', mission_id: missionId });
      }
      seen.add(missionId);
    }
    if (found.length > 0) {
      issues.set(ligne.id, found);
    }
  }
  return issues;
}

/** The missions an invoice's lines bill. */
export function billedMissionIds(lignes: readonly Pick<FactureLigne, 'mission_ids'>[]): Set<string> {
  return new Set(lignes.flatMap((ligne) => ligne.mission_ids ?? []));
}
