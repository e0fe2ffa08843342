import { describe, expect, it } from 'vitest';
import { emptyVoyageForm, formToVoyage, validateVoyage } from './voyage-form';

describe('voyage form', () => {
  it('accepts a minimal voyage and keeps the days in week order', () => {
    const values = { ...emptyVoyageForm(), code: 'V12', nom: 'Lyon navette', jours_operation: ['vendredi', 'lundi'] as const };
    expect(validateVoyage({ ...values, jours_operation: [...values.jours_operation] })).toEqual({});
    expect(formToVoyage({ ...values, jours_operation: [...values.jours_operation] }).jours_operation).toEqual(['lundi', 'vendredi']);
  });

  it('explains a malformed colour', () => {
    const values = { ...emptyVoyageForm(), code: 'V12', nom: 'Lyon', couleur: 'rouge' };
    expect(validateVoyage(values)['couleur']?.key).toBe('validation.color');
  });
});
