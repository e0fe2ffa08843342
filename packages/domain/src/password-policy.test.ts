import { describe, expect, it } from 'vitest';
import { checkPasswordRules, passwordPolicyIssues } from './password-policy';

describe('password policy', () => {
  it('checks each rule', () => {
    expect(checkPasswordRules('Relais2026')).toEqual({ length: true, upper: true, lower: true, digit: true });
    expect(checkPasswordRules('élan')).toEqual({ length: false, upper: false, lower: true, digit: false });
    expect(checkPasswordRules('ÉLANS-2026')).toMatchObject({ upper: true, lower: false });
  });

  it('explains what is missing in French', () => {
    expect(passwordPolicyIssues('Relais2026')).toEqual([]);
    expect(passwordPolicyIssues('relais')).toEqual([
      'Le mot de passe doit contenir au moins 8 caractères.',
      'Le mot de passe doit contenir au moins une majuscule.',
      'Le mot de passe doit contenir au moins un chiffre.',
    ]);
  });
});
