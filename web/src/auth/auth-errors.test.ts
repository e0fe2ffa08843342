import { describe, expect, it } from 'vitest';
import { AuthApiError } from './auth-api';
import { authErrorMessages } from './auth-errors';

describe('sign-in error messages', () => {
  it('translate the code and add the figures the server gave', () => {
    expect(authErrorMessages(new AuthApiError('INVALID_CREDENTIALS', 401, 'Identifiant ou mot de passe incorrect (encore 3 essais…)', { attempts_left: 3 }))).toEqual([
      { key: 'errors.INVALID_CREDENTIALS' },
      { key: 'auth.attemptsLeft', params: { n: 3 } },
    ]);
    expect(authErrorMessages(new AuthApiError('ACCOUNT_LOCKED', 423, 'Compte verrouillé pour 15 minutes', { retry_after_minutes: 15 }))).toEqual([
      { key: 'errors.ACCOUNT_LOCKED' },
      { key: 'auth.lockedFor', params: { n: 15 } },
    ]);
    expect(authErrorMessages(new AuthApiError('MFA_INVALID', 401, 'Code incorrect', { attempts_left: 4 }))).toEqual([
      { key: 'errors.MFA_INVALID' },
      { key: 'auth.codeAttemptsLeft', params: { n: 4 } },
    ]);
  });

  it('fall back to generic messages', () => {
    expect(authErrorMessages(new AuthApiError('NETWORK', 0, 'Failed to fetch'))).toEqual([{ key: 'errors.NETWORK' }]);
    expect(authErrorMessages(new AuthApiError('QUELQUE_CHOSE', 418, '?'))).toEqual([{ key: 'errors.UNKNOWN' }]);
    expect(authErrorMessages(new Error('boum'))).toEqual([{ key: 'errors.UNKNOWN' }]);
  });
});
