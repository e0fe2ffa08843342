import type { Mission } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { missionForm, type MissionFormValues } from './mission-form';

const mission: Mission = {
  id: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
  rev: 3,
  updated_at: '2025-01-15T08:00:00.000Z',
  date_mission: '2025-01-15',
  heure_debut: '08:30',
  heure_fin: '12:00',
  type_mission: 'livraison',
  destination: 'Lyon',
  statut: 'planifie',
  poids_kg: 1200,
};

function emptyMissionForm(day: string): MissionFormValues {
  return missionForm.empty({ date_mission: day });
}

describe('mission form', () => {
  it('accepts a minimal new mission', () => {
    const values = { ...emptyMissionForm('2025-01-15'), heure_debut: '08:30', destination: 'Lyon' };
    expect(missionForm.validate(values)).toEqual({});
    expect(missionForm.fromForm(values)).toMatchObject({ date_mission: '2025-01-15', destination: 'Lyon', heure_fin: undefined });
  });

  it('requires the destination and the start time', () => {
    const errors = missionForm.validate(emptyMissionForm('2025-01-15'));
    expect(errors['destination']?.key).toBe('validation.required');
    expect(errors['heure_debut']?.key).toBe('validation.required');
  });

  it('explains a malformed time and a whitespace-only destination', () => {
    const errors = missionForm.validate({ ...emptyMissionForm('2025-01-15'), heure_debut: '8h', destination: '  ' });
    expect(errors['heure_debut']?.key).toBe('validation.time');
    expect(errors['destination']?.key).toBe('validation.required');
  });

  it('accepts night runs up to 28:00', () => {
    const values = { ...emptyMissionForm('2025-01-15'), heure_debut: '22:00', heure_fin: '27:30', destination: 'Rungis' };
    expect(missionForm.validate(values)).toEqual({});
  });

  it('applies the business rules of @relais/domain', () => {
    const values = { ...missionForm.toForm(mission), heure_fin: '07:00' };
    expect(missionForm.validate(values, mission)['heure_fin']?.key).toBe('errors.MISSION_FIN_AVANT_DEBUT');
  });

  it('rejects a fractional pallet count', () => {
    const values = { ...missionForm.toForm(mission), nb_palettes: '2.5' };
    expect(missionForm.validate(values, mission)['nb_palettes']?.key).toBe('validation.integer');
  });

  it('patches only the edited fields and clears emptied ones', () => {
    const values = { ...missionForm.toForm(mission), destination: 'Lille', heure_fin: '' };
    expect(missionForm.patch(mission, values)).toEqual({ destination: 'Lille', heure_fin: undefined });
    expect(missionForm.patch(mission, missionForm.toForm(mission))).toEqual({});
  });
});
