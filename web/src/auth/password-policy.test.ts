import { passwordPolicyIssues } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { checkPasswordRules, passwordChangeProblem, passwordRules } from './password-policy';

const samples = ['', 'abc', 'abcdefgh', 'ABCDEFGH', 'Abcdefgh', 'abcdefg1', 'Abcdefg1', 'Abcdef1', 'ÉCOLEété9', '12345678', 'Ab1Ab1Ab1'];

describe('password policy', () => {
  it('accepts exactly what the server accepts', () => {
    for (const password of samples) {
      const rules = checkPasswordRules(password);
      const met = passwordRules.filter((rule) => rules[rule]).length;
      expect(met === passwordRules.length, password).toBe(passwordPolicyIssues(password).length === 0);
      // One French sentence per unmet rule on the server side.
      expect(passwordRules.length - met, password).toBe(passwordPolicyIssues(password).length);
    }
  });

  it('names each unmet rule', () => {
    expect(checkPasswordRules('abc')).toEqual({ length: false, upper: false, lower: true, digit: false });
    expect(checkPasswordRules('Abcdefg1')).toEqual({ length: true, upper: true, lower: true, digit: true });
  });

  it('checks the confirmation and the change', () => {
    expect(passwordChangeProblem('abc', 'abc', 'Ancien-1')).toBe('weak');
    expect(passwordChangeProblem('Nouveau-12', 'Nouveau-13', 'Ancien-1')).toBe('mismatch');
    expect(passwordChangeProblem('Ancien-12', 'Ancien-12', 'Ancien-12')).toBe('same');
    expect(passwordChangeProblem('Nouveau-12', 'Nouveau-12', 'Ancien-12')).toBeNull();
    expect(passwordChangeProblem('Nouveau-12', 'Nouveau-12', undefined)).toBeNull();
  });
});
