import type { Voyage } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { frenchDay } from './calendar';
import { generatedMissionId, generateMissions, type GenerationOptions } from './generate';
import { absence, chauffeur, mission } from './test-fixtures';
import type { PlanningData } from './types';

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
    expect(plan.skipped).toEqual([{ voyage_id: 'v1', date: '2026-03-04', reason: 'EXISTS' }]);
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

  describe('with the planning rules', () => {
    const usual = line({ chauffeur_habituel_id: 'c1', heure_depart_defaut: '06:00', heure_arrivee_defaut: '09:00' });
    const planning = (overrides: Partial<PlanningData> = {}): PlanningData => ({
      missions: [],
      chauffeurs: new Map([['c1', chauffeur()]]),
      voyages: new Map([['v1', usual]]),
      absences: [],
      ...overrides,
    });
    const assigning: GenerationOptions = { ...week, assignUsualChauffeur: true };

    it('leaves the usual chauffeur off a day of leave or training, and says why', () => {
      const plan = generateMissions([usual], [], new Set(), {
        ...assigning,
        planning: planning({ absences: [absence({ date_debut: '2026-03-02', date_fin: '2026-03-02' }), absence({ date_debut: '2026-03-09', date_fin: '2026-03-09', type_absence: 'formation' })] }),
      });
      expect(plan.missions.map((entry) => [entry.date_mission, entry.chauffeur_id ?? null])).toEqual([
        ['2026-03-02', null],
        ['2026-03-04', 'c1'],
        ['2026-03-09', null],
      ]);
      expect(plan.unassigned.map((entry) => [entry.date, entry.chauffeur_id, entry.conflicts.map((found) => found.message)])).toEqual([
        ['2026-03-02', 'c1', ['Luc Martin est absent (congés) du lun. 2 mars au lun. 2 mars 2026']],
        ['2026-03-09', 'c1', ['Luc Martin est absent (formation) du lun. 9 mars au lun. 9 mars 2026']],
      ]);
    });

    it('checks the generated runs against the chauffeur’s other missions, those of this plan included', () => {
      const busy = mission({ id: 'other', date_mission: '2026-03-04', heure_debut: '05:00', heure_fin: '07:00' });
      const second = line({ id: 'v2', code: 'LYO-02', chauffeur_habituel_id: 'c1', heure_depart_defaut: '08:00', heure_arrivee_defaut: '10:00', jours_operation: ['lundi'] });
      const plan = generateMissions([usual, second], [], new Set(), {
        ...assigning,
        planning: planning({ missions: [busy], voyages: new Map([['v1', usual], ['v2', second]]) }),
      });
      expect(plan.unassigned.map((entry) => [entry.voyage_id, entry.date, entry.conflicts[0]?.code])).toEqual([
        ['v1', '2026-03-04', 'CHAUFFEUR_DOUBLE_RESERVE'],
        ['v2', '2026-03-02', 'CHAUFFEUR_DOUBLE_RESERVE'],
        ['v2', '2026-03-09', 'CHAUFFEUR_DOUBLE_RESERVE'],
      ]);
    });

    it('assigns without checking when given no planning data, and leaves past days out when asked', () => {
      const plan = generateMissions([usual], [], new Set(), { ...assigning, firstAllowedDay: '2026-03-04' });
      expect(plan.missions.map((entry) => [entry.date_mission, entry.chauffeur_id])).toEqual([
        ['2026-03-04', 'c1'],
        ['2026-03-09', 'c1'],
      ]);
      expect(plan.skipped).toEqual([{ voyage_id: 'v1', date: '2026-03-02', reason: 'PAST_DAY' }]);
    });
  });
});

describe('frenchDay', () => {
  it('writes a day as a person reads it', () => {
    expect(frenchDay('2026-12-08')).toBe('mar. 8 déc.');
    expect(frenchDay('2027-02-01', true)).toBe('lun. 1 févr. 2027');
    expect(frenchDay('pas une date')).toBe('pas une date');
  });
});
