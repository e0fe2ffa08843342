import type { Cents, Mission, RevenuPalette, SstTarif } from '@relais/schema';

/** Destinations are typed by hand over the years: compare them without case, accents or extra spaces. */
export function sameDestination(a: string | undefined, b: string | undefined): boolean {
  const normalize = (value: string | undefined): string =>
    (value ?? '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .trim()
      .replace(/\s+/g, ' ')
      .toUpperCase();
  return normalize(a) === normalize(b);
}

interface Dated {
  date_debut?: string | undefined;
  date_fin?: string | undefined;
  pays?: string | undefined;
  destination: string;
}

/** The entry for a destination on a day: one naming the country wins over one that does not, then the most recent. */
function bestMatch<T extends Dated>(entries: readonly T[], destination: string, pays: string | undefined, date: string): T | undefined {
  return entries
    .filter(
      (entry) =>
        sameDestination(entry.destination, destination) &&
        (entry.pays === undefined || sameDestination(entry.pays, pays)) &&
        (entry.date_debut === undefined || entry.date_debut <= date) &&
        (entry.date_fin === undefined || date <= entry.date_fin),
    )
    .sort((a, b) => Number(b.pays !== undefined) - Number(a.pays !== undefined) || (b.date_debut ?? '').localeCompare(a.date_debut ?? ''))[0];
}

/** What a mission earns from its pallets, from the revenue per pallet of its destination on its day. */
export function missionRevenue(
  mission: Pick<Mission, 'destination' | 'pays' | 'date_mission' | 'nb_palettes'>,
  revenus: readonly RevenuPalette[],
): Cents | undefined {
  const entry = bestMatch(revenus, mission.destination, mission.pays, mission.date_mission);
  return entry === undefined || mission.nb_palettes === undefined ? undefined : entry.revenu_par_palette * mission.nb_palettes;
}

/**
 * What a subcontracted mission costs, from its subcontractor's tariffs (`sst.tarifs`) for the destination on that
 * day: per run, or per pallet. Per-km tariffs need a distance the plan does not hold.
 */
export function missionCost(
  mission: Pick<Mission, 'destination' | 'pays' | 'date_mission' | 'nb_palettes'>,
  tarifs: readonly SstTarif[],
): Cents | undefined {
  const tarif = bestMatch(
    tarifs.filter((candidate) => candidate.unite !== 'km'),
    mission.destination,
    mission.pays,
    mission.date_mission,
  );
  if (!tarif) {
    return undefined;
  }
  return tarif.unite === 'voyage' ? tarif.prix : mission.nb_palettes === undefined ? undefined : tarif.prix * mission.nb_palettes;
}
