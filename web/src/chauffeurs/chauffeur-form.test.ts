import { describe, expect, it } from 'vitest';
import { chauffeurForm } from './chauffeur-form';

describe('chauffeur form', () => {
  it('requires code, nom and prénom', () => {
    const errors = chauffeurForm.validate(chauffeurForm.empty());
    expect(Object.keys(errors).sort()).toEqual(['code', 'nom', 'prenom']);
  });

  it('splits the skills and checks the e-mail', () => {
    const values = { ...chauffeurForm.empty(), code: 'C1', nom: 'Martin', prenom: 'Léa', competences: 'hayon, , frigo', email: 'x' };
    expect(chauffeurForm.fromForm(values).competences).toEqual(['hayon', 'frigo']);
    expect(chauffeurForm.validate(values)['email']?.key).toBe('validation.email');
  });
});
