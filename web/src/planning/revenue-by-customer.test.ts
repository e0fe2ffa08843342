import { describe, expect, it } from 'vitest';
import { revenueByCustomer } from './revenue-by-customer';

describe('revenueByCustomer', () => {
  it('sums each customer’s revenue per day, the biggest first, without cancelled missions, no customer last', () => {
    const days = ['2026-12-07', '2026-12-08'];
    const rows = revenueByCustomer(
      [
        { date_mission: '2026-12-07', statut: 'termine', client_id: 'a', revenu: 10_000 },
        { date_mission: '2026-12-08', statut: 'planifie', client_id: 'a', revenu: 5_000 },
        { date_mission: '2026-12-08', statut: 'termine', client_id: 'b', revenu: 40_000 },
        { date_mission: '2026-12-08', statut: 'annule', client_id: 'b', revenu: 99_000 },
        { date_mission: '2026-12-07', statut: 'termine', revenu: 70_000 },
        { date_mission: '2026-12-09', statut: 'termine', client_id: 'a', revenu: 1 },
        { date_mission: '2026-12-07', statut: 'termine', client_id: 'c' },
      ],
      days,
    );
    expect(rows).toEqual([
      { client_id: 'b', byDay: [0, 40_000], total: 40_000 },
      { client_id: 'a', byDay: [10_000, 5_000], total: 15_000 },
      { client_id: undefined, byDay: [70_000, 0], total: 70_000 },
    ]);
  });
});
