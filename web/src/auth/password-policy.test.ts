import { describe, expect, it } from 'vitest';
import { passwordChangeProblem } from './password-policy';

describe('password change form checks', () => {
  it('checks the policy, the confirmation and that the password changes', () => {
    expect(passwordChangeProblem('abc', 'abc', 'Ancien-1')).toBe('weak');
    expect(passwordChangeProblem('Nouveau-12', 'Nouveau-13', 'Ancien-1')).toBe('mismatch');
    expect(passwordChangeProblem('Ancien-12', 'Ancien-12', 'Ancien-12')).toBe('same');
    expect(passwordChangeProblem('Nouveau-12', 'Nouveau-12', 'Ancien-12')).toBeNull();
    expect(passwordChangeProblem('Nouveau-12', 'Nouveau-12', undefined)).toBeNull();
  });
});
