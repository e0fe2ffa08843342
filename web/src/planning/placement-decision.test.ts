import { permissionsOf, type ChauffeurFacts, type PlanningData } from '@relais/domain';
import type { Mission } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import type { MissionPatch } from './drop-target';
import { decidePlacement, needsConfirmation } from './placement-decision';

const day = '2030-01-07';
const alice: ChauffeurFacts = { id: 'c1', nom: 'Martin', prenom: 'Alice', is_active: true, permis: 'CE', adr: false, fimo: true, competences: [] };
const bruno: ChauffeurFacts = { ...alice, id: 'c2', nom: 'Petit', prenom: 'Bruno' };

function mission(fields: Partial<Mission>): Mission {
  return {
    id: 'm',
    rev: 1,
    updated_at: '2030-01-01T00:00:00.000Z',
    date_mission: day,
    heure_debut: '09:00',
    heure_fin: '11:00',
    type_mission: 'livraison',
    destination: 'Grenoble',
    statut: 'planifie',
    ...fields,
  };
}

const booked = mission({ id: 'booked', chauffeur_id: 'c1', heure_debut: '08:00', heure_fin: '12:00', destination: 'Lyon' });
const loose = mission({ id: 'loose' });
const data: PlanningData = {
  missions: [booked, loose],
  chauffeurs: new Map([
    ['c1', alice],
    ['c2', bruno],
  ]),
  voyages: new Map(),
  absences: [],
};
const onto = (chauffeurId: string, date = day): MissionPatch => ({ chauffeur_id: chauffeurId, sst_id: undefined, date_mission: date, heure_debut: '09:00', heure_fin: '11:00' });

describe('placement decision', () => {
  it('saves a free slot and clears an old reason for forcing', () => {
    const forced = { ...loose, chauffeur_id: 'c1', force_motif: 'urgence' };
    expect(decidePlacement({ mission: forced, patch: onto('c2'), data, permissions: permissionsOf('planner'), today: '2029-12-01' })).toEqual({
      action: 'save',
      patch: { ...onto('c2'), force_motif: undefined },
    });
  });

  it('refuses a double booking to a planner, with the reason', () => {
    const decision = decidePlacement({ mission: loose, patch: onto('c1'), data, permissions: permissionsOf('planner'), today: '2029-12-01' });
    expect(decision).toMatchObject({ action: 'refuse', reason: 'conflicts' });
    expect(decision.action === 'refuse' && decision.reason === 'conflicts' ? decision.conflicts[0]?.code : undefined).toBe('CHAUFFEUR_DOUBLE_RESERVE');
  });

  it('asks an advanced planner for a reason, then saves with it', () => {
    const permissions = permissionsOf('planner_advanced');
    expect(decidePlacement({ mission: loose, patch: onto('c1'), data, permissions, today: '2029-12-01' })).toMatchObject({ action: 'ask-reason' });
    expect(decidePlacement({ mission: loose, patch: onto('c1'), data, permissions, today: '2029-12-01', forceMotif: ' client prioritaire ' })).toEqual({
      action: 'save',
      patch: { ...onto('c1'), force_motif: 'client prioritaire' },
    });
  });

  it('keeps past days read-only without edit_past_planning', () => {
    expect(decidePlacement({ mission: loose, patch: onto('c2'), data, permissions: permissionsOf('planner'), today: '2030-02-01' })).toEqual({
      action: 'refuse',
      reason: 'past',
    });
  });

  it('does nothing when nothing moves', () => {
    expect(decidePlacement({ mission: loose, patch: { ...onto('c2'), chauffeur_id: undefined }, data, permissions: permissionsOf('planner'), today: '2029-12-01' })).toEqual({
      action: 'none',
    });
  });
});

describe('confirming a move', () => {
  it('asks before moving a mission of a past day or a finished one, not otherwise', () => {
    expect(needsConfirmation({ date_mission: '2030-01-06', statut: 'planifie' }, day)).toBe('past');
    expect(needsConfirmation({ date_mission: '2030-01-08', statut: 'termine' }, day)).toBe('finished');
    expect(needsConfirmation({ date_mission: day, statut: 'en_cours' }, day)).toBeUndefined();
  });
});
