/** A customer's revenue on the shown days; `client_id` undefined for missions without a customer. */
export interface CustomerRevenue {
  client_id: string | undefined;
  /** Integer cents per day, in the order of the days asked. */
  byDay: number[];
  total: number;
}

interface Counted {
  date_mission: string;
  statut: string;
  client_id?: string | undefined;
  revenu?: number | undefined;
}

/** The revenue of the days' missions per customer (cancelled ones left out), the biggest first, missions without a customer last. */
export function revenueByCustomer(missions: readonly Counted[], days: readonly string[]): CustomerRevenue[] {
  const position = new Map(days.map((day, index) => [day, index]));
  const rows = new Map<string | undefined, CustomerRevenue>();
  for (const mission of missions) {
    const index = position.get(mission.date_mission);
    if (index === undefined || mission.statut === 'annule' || mission.revenu === undefined) {
      continue;
    }
    const row = rows.get(mission.client_id) ?? { client_id: mission.client_id, byDay: days.map(() => 0), total: 0 };
    row.byDay[index] = (row.byDay[index] ?? 0) + mission.revenu;
    row.total += mission.revenu;
    rows.set(mission.client_id, row);
  }
  return [...rows.values()].sort((a, b) => Number(a.client_id === undefined) - Number(b.client_id === undefined) || b.total - a.total);
}
