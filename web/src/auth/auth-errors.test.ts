import { describe, expect, it } from 'vitest';
import { authErrorMessages } from './auth-errors';
import { RequestError } from '../ui/json-client';

describe('sign-in error messages', () => {
  it('translate the code and add the figures the server gave', () => {
    expect(authErrorMessages(new RequestError('TOO_MANY_REQUESTS', 429, 'Trop de tentatives', { retry_after_seconds: 42 }))).toEqual([
      { key: 'errors.TOO_MANY_REQUESTS' },
      { key: 'auth.retryInSeconds', params: { n: 42 } },
    ]);
    expect(authErrorMessages(new RequestError('TOO_MANY_REQUESTS', 429, 'Trop de tentatives', { retry_after_seconds: 61 }))).toEqual([
      { key: 'errors.TOO_MANY_REQUESTS' },
      { key: 'auth.lockedFor', params: { n: 2 } },
    ]);
    expect(authErrorMessages(new RequestError('ACCOUNT_LOCKED', 423, 'Compte verrouillé pour 15 minutes', { retry_after_minutes: 15 }))).toEqual([
      { key: 'errors.ACCOUNT_LOCKED' },
      { key: 'auth.lockedFor', params: { n: 15 } },
    ]);
    expect(authErrorMessages(new RequestError('MFA_INVALID', 401, 'Code incorrect', { attempts_left: 4 }))).toEqual([
      { key: 'errors.MFA_INVALID' },
      { key: 'auth.codeAttemptsLeft', params: { n: 4 } },
    ]);
  });

  it('say no more for a wrong password than for an unknown user, whatever the server adds', () => {
    expect(authErrorMessages(new RequestError('INVALID_CREDENTIALS', 401, 'Identifiant ou mot de passe incorrect (encore 3 essais…)', { attempts_left: 3 }))).toEqual([
      { key: 'errors.INVALID_CREDENTIALS' },
    ]);
  });

  it('fall back to generic messages', () => {
    expect(authErrorMessages(new RequestError('NETWORK', 0, 'Failed to fetch'))).toEqual([{ key: 'errors.NETWORK' }]);
    expect(authErrorMessages(new RequestError('QUELQUE_CHOSE', 418, '?'))).toEqual([{ key: 'errors.UNKNOWN' }]);
    expect(authErrorMessages(new Error('boum'))).toEqual([{ key: 'errors.UNKNOWN' }]);
  });
});
