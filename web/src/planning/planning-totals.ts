export interface DayTotals {
  pallets: number;
  /** Integer cents. */
  revenue: number;
  cost: number;
}

interface Counted {
  date_mission: string;
  statut: string;
  nb_palettes?: number | undefined;
  revenu?: number | undefined;
  cout_sst?: number | undefined;
}

/** The pallets, revenue and subcontracting cost of each day's missions (cancelled ones left out). */
export function totalsByDay(missions: readonly Counted[], days: readonly string[]): Map<string, DayTotals> {
  const totals = new Map<string, DayTotals>(days.map((day) => [day, { pallets: 0, revenue: 0, cost: 0 }]));
  for (const mission of missions) {
    const day = totals.get(mission.date_mission);
    if (!day || mission.statut === 'annule') {
      continue;
    }
    day.pallets += mission.nb_palettes ?? 0;
    day.revenue += mission.revenu ?? 0;
    day.cost += mission.cout_sst ?? 0;
  }
  return totals;
}
