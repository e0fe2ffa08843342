import { checkPlanning, type AbsenceFacts, type ChauffeurFacts, type PlannedMission, type PlanningData } from '@relais/domain';
import { describe, expect, it } from 'vitest';
import { createIncrementalPlanning } from './incremental-planning';

const chauffeur = (id: string): ChauffeurFacts => ({ id, nom: 'Martin', prenom: 'Luc', is_active: true, permis: 'CE', adr: false, fimo: true, competences: [] });
const mission = (id: string, chauffeur_id: string, heure_debut: string, heure_fin: string): PlannedMission => ({
  id,
  date_mission: '2026-03-02',
  heure_debut,
  heure_fin,
  chauffeur_id,
  statut: 'planifie',
});

function data(missions: readonly PlannedMission[], absences: readonly AbsenceFacts[] = []): PlanningData {
  return { missions, chauffeurs: chauffeurs, voyages, absences };
}
const chauffeurs = new Map([chauffeur('c1'), chauffeur('c2')].map((entry) => [entry.id, entry]));
const voyages = new Map();

describe('incremental planning check', () => {
  it('finds what checkPlanning finds, and re-checks only the chauffeurs whose missions or absences changed', () => {
    const check = createIncrementalPlanning();
    const a = mission('a', 'c1', '08:00', '10:00');
    const b = mission('b', 'c1', '09:00', '11:00');
    const c = mission('c', 'c2', '08:00', '10:00');
    const d = mission('d', 'c2', '09:30', '12:00');
    const first = check(data([a, b, c, d]));
    expect(first).toEqual(checkPlanning(data([a, b, c, d])));
    expect(first.get('a')?.[0]?.code).toBe('CHAUFFEUR_DOUBLE_RESERVE');

    // c2's overlap is moved away: c2 is checked again, c1 keeps its very lists.
    const moved = { ...d, heure_debut: '13:00', heure_fin: '15:00' };
    const second = check(data([a, b, c, moved]));
    expect(second).toEqual(checkPlanning(data([a, b, c, moved])));
    expect(second.get('a')).toBe(first.get('a'));
    expect(second.has('c')).toBe(false);

    // An absence of c1 is a new fact for c1 only.
    const leave: AbsenceFacts = { chauffeur_id: 'c1', date_debut: '2026-03-02', date_fin: '2026-03-02', type_absence: 'conges' };
    const third = check(data([a, b, c, moved], [leave]));
    expect(third).toEqual(checkPlanning(data([a, b, c, moved], [leave])));
    expect(third.get('a')?.map((found) => found.code)).toContain('CHAUFFEUR_ABSENT');
  });
});
