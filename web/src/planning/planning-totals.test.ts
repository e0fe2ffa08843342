import { describe, expect, it } from 'vitest';
import { formatEuros } from '../ui/format';
import { totalsByDay } from './planning-totals';

describe('planning totals', () => {
  it('adds pallets, revenue and cost per day, cancelled missions left out', () => {
    const totals = totalsByDay(
      [
        { date_mission: '2030-01-07', statut: 'planifie', nb_palettes: 12, revenu: 45_000, cout_sst: 30_000 },
        { date_mission: '2030-01-07', statut: 'termine', nb_palettes: 3, revenu: 9_950 },
        { date_mission: '2030-01-07', statut: 'annule', nb_palettes: 30, revenu: 99_900, cout_sst: 50_000 },
        { date_mission: '2030-01-08', statut: 'planifie' },
        { date_mission: '2030-01-20', statut: 'planifie', nb_palettes: 5 },
      ],
      ['2030-01-07', '2030-01-08'],
    );
    expect(totals.get('2030-01-07')).toEqual({ pallets: 15, revenue: 54_950, cost: 30_000 });
    expect(totals.get('2030-01-08')).toEqual({ pallets: 0, revenue: 0, cost: 0 });
    expect(totals.has('2030-01-20')).toBe(false);
  });

  it('formats integer cents as euros', () => {
    expect(formatEuros(123_456, 'fr-FR').replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(formatEuros(5, 'en')).toBe('€0.05');
  });
});
