import { describe, expect, it } from 'vitest';
import { emptyChauffeurForm, formToChauffeur, validateChauffeur } from './chauffeur-form';

describe('chauffeur form', () => {
  it('requires code, nom and prénom', () => {
    const errors = validateChauffeur(emptyChauffeurForm());
    expect(Object.keys(errors).sort()).toEqual(['code', 'nom', 'prenom']);
  });

  it('splits the skills and checks the e-mail', () => {
    const values = { ...emptyChauffeurForm(), code: 'C1', nom: 'Martin', prenom: 'Léa', competences: 'hayon, , frigo', email: 'x' };
    expect(formToChauffeur(values).competences).toEqual(['hayon', 'frigo']);
    expect(validateChauffeur(values)['email']?.key).toBe('validation.email');
  });
});
