import { describe, expect, it } from 'vitest';
import { voyageForm } from './voyage-form';

describe('voyage form', () => {
  it('accepts a minimal voyage and keeps the days in week order', () => {
    const values = { ...voyageForm.empty(), code: 'V12', nom: 'Lyon navette', jours_operation: ['vendredi', 'lundi'] as const };
    expect(voyageForm.validate({ ...values, jours_operation: [...values.jours_operation] })).toEqual({});
    expect(voyageForm.fromForm({ ...values, jours_operation: [...values.jours_operation] }).jours_operation).toEqual(['lundi', 'vendredi']);
  });

  it('explains a malformed colour', () => {
    const values = { ...voyageForm.empty(), code: 'V12', nom: 'Lyon', couleur: 'rouge' };
    expect(voyageForm.validate(values)['couleur']?.key).toBe('validation.color');
  });
});
