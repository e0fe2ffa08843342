import type { Voyage } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { generatedMissionId, generateMissions, type GenerationOptions } from './generate';

function line(overrides: Partial<Voyage> = {}): Voyage {
  return {
    id: 'v1',
    rev: 1,
    updated_at: '2026-01-01T00:00:00.000Z',
    code: 'LYO-01',
    nom: 'Lyon – Rungis',
    jours_operation: ['lundi', 'mercredi'],
    is_active: true,
    ...overrides,
  };
}

// 2026-03-02 is a Monday: Monday 2, Wednesday 4, Monday 9.
const week: GenerationOptions = { from: '2026-03-02', to: '2026-03-09', assignUsualChauffeur: false };

describe('generateMissions', () => {
  it('creates one mission per operating day of each active voyage, with deterministic ids', () => {
    const plan = generateMissions([line()], [], new Set(), week);
    expect(plan.missions.map((entry) => [entry.date_mission, entry.id])).toEqual([
      ['2026-03-02', generatedMissionId('v1', '2026-03-02')],
      ['2026-03-04', generatedMissionId('v1', '2026-03-04')],
      ['2026-03-09', generatedMissionId('v1', '2026-03-09')],
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('skips inactive voyages and voyages not asked for', () => {
    expect(generateMissions([line({ is_active: false })], [], new Set(), week).missions).toEqual([]);
    const voyages = [line(), line({ id: 'v2', jours_operation: ['mardi'] })];
    const plan = generateMissions(voyages, [], new Set(), { ...week, voyageIds: ['v2'] });
    expect(plan.missions.map((entry) => [entry.voyage_id, entry.date_mission])).toEqual([['v2', '2026-03-03']]);
  });

  it('copies times, destination, country, pallets and type from the voyage', () => {
    const voyage = line({
      heure_depart_defaut: '22:00',
      heure_arrivee_defaut: '27:30',
      depart: 'Corbas (69)',
      destination: 'Rungis (94)',
      pays_destination: 'France',
      nb_palettes_moyen: 26,
      type_mission: 'ramasse',
      chauffeur_habituel_id: 'c1',
    });
    const [first] = generateMissions([voyage], [], new Set(), week).missions;
    expect(first).toEqual({
      id: generatedMissionId('v1', '2026-03-02'),
      date_mission: '2026-03-02',
      heure_debut: '22:00',
      heure_fin: '27:30',
      voyage_id: 'v1',
      type_mission: 'ramasse',
      depart: 'Corbas (69)',
      destination: 'Rungis (94)',
      pays: 'France',
      nb_palettes: 26,
      statut: 'planifie',
    });
  });

  it('writes a night arrival after midnight as a time of the start day (up to 28:00), else leaves it out', () => {
    const night = (arrival: string) => generateMissions([line({ heure_depart_defaut: '21:00', heure_arrivee_defaut: arrival })], [], new Set(), week).missions[0]?.heure_fin;
    expect(night('04:00')).toBe('28:00');
    expect(night('03:30')).toBe('27:30');
    expect(night('23:30')).toBe('23:30');
    expect(night('04:15')).toBeUndefined();
  });

  it('fills the defaults of a bare voyage: midnight, its name as destination, a delivery, no end', () => {
    const [first] = generateMissions([line()], [], new Set(), week).missions;
    expect(first).toEqual({
      id: generatedMissionId('v1', '2026-03-02'),
      date_mission: '2026-03-02',
      heure_debut: '00:00',
      voyage_id: 'v1',
      type_mission: 'livraison',
      destination: 'Lyon – Rungis',
      statut: 'planifie',
    });
  });

  it('puts the usual chauffeur on the missions only when asked', () => {
    const voyage = line({ chauffeur_habituel_id: 'c1' });
    expect(generateMissions([voyage], [], new Set(), week).missions.every((entry) => entry.chauffeur_id === undefined)).toBe(true);
    const assigned = generateMissions([voyage], [], new Set(), { ...week, assignUsualChauffeur: true }).missions;
    expect(assigned.map((entry) => entry.chauffeur_id)).toEqual(['c1', 'c1', 'c1']);
  });

  it('creates nothing when run again over its own result', () => {
    const first = generateMissions([line()], [], new Set(), week);
    const again = generateMissions([line()], first.missions, new Set(first.missions.map((entry) => entry.id)), week);
    expect(again.missions).toEqual([]);
    expect(again.skipped).toHaveLength(3);
    expect(generateMissions([line()], first.missions, new Set(), week).missions).toEqual([]);
  });

  it('does not bring back a generated mission that was deleted (its id is known)', () => {
    const deleted = generatedMissionId('v1', '2026-03-04');
    const plan = generateMissions([line()], [], new Set([deleted]), week);
    expect(plan.missions.map((entry) => entry.date_mission)).toEqual(['2026-03-02', '2026-03-09']);
    expect(plan.skipped).toEqual([{ voyage_id: 'v1', date: '2026-03-04' }]);
  });

  it('skips a day where the voyage already has a hand-made mission', () => {
    const plan = generateMissions([line()], [{ voyage_id: 'v1', date_mission: '2026-03-09' }], new Set(), week);
    expect(plan.missions.map((entry) => entry.date_mission)).toEqual(['2026-03-02', '2026-03-04']);
  });

  it('gives the same id for the same voyage and day, another for another day or voyage', () => {
    expect(generatedMissionId('v1', '2026-03-02')).toBe(generatedMissionId('v1', '2026-03-02'));
    expect(generatedMissionId('v1', '2026-03-02')).not.toBe(generatedMissionId('v1', '2026-03-03'));
    expect(generatedMissionId('v1', '2026-03-02')).not.toBe(generatedMissionId('v2', '2026-03-02'));
    expect(generatedMissionId('v1', '2026-03-02')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
