import type { Mission } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { daySheetLines } from './day-sheet';

const chauffeur = '11111111-1111-4111-8111-111111111111';
const voyage = { id: '22222222-2222-4222-8222-222222222222', code: 'LYO', nom: 'Lyon' };

function mission(id: string, heure_debut: string, extra: Partial<Mission> = {}): Mission {
  return {
    id,
    rev: 1,
    updated_at: '2026-01-01T00:00:00.000Z',
    date_mission: '2026-03-10',
    heure_debut,
    chauffeur_id: chauffeur,
    type_mission: 'livraison',
    destination: 'Lyon',
    statut: 'planifie',
    ...extra,
  };
}

describe('day sheet', () => {
  it('lists the chauffeur’s missions of the day in time order, with their voyage, without cancelled ones', () => {
    const lines = daySheetLines(
      [
        mission('late', '14:00'),
        mission('early', '05:30', { voyage_id: voyage.id }),
        mission('night', '26:00'),
        mission('cancelled', '08:00', { statut: 'annule' }),
        mission('other-day', '06:00', { date_mission: '2026-03-11' }),
        mission('other-driver', '06:00', { chauffeur_id: voyage.id }),
      ],
      [voyage],
      chauffeur,
      '2026-03-10',
    );
    expect(lines.map((line) => line.mission.id)).toEqual(['early', 'late', 'night']);
    expect(lines[0]?.voyage?.code).toBe('LYO');
    expect(lines[1]?.voyage).toBeUndefined();
  });
});
