import { describe, expect, test } from 'vitest';
import { absencesByRowAndDay } from './board-absences';

describe('absences on the board', () => {
  const days = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'];

  test('an absence covers each of its days, both ends included, on its chauffeur row only', () => {
    const map = absencesByRowAndDay([{ chauffeur_id: 'c1', date_debut: '2026-12-08', date_fin: '2026-12-09', type_absence: 'conges' as const }], days);
    expect([...map.keys()].sort()).toEqual(['chauffeur:c1|2026-12-08', 'chauffeur:c1|2026-12-09']);
  });

  test('days outside the shown period are left out', () => {
    const map = absencesByRowAndDay([{ chauffeur_id: 'c1', date_debut: '2026-11-01', date_fin: '2026-12-07', type_absence: 'maladie' as const }], days);
    expect([...map.keys()]).toEqual(['chauffeur:c1|2026-12-07']);
  });
});
