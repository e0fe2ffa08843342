import { errorKey, type AppErrorCode } from '../i18n/errors';
import { AuthApiError } from './auth-api';

export type AuthMessage =
  | { key: `errors.${AppErrorCode}` }
  | { key: 'auth.attemptsLeft' | 'auth.codeAttemptsLeft' | 'auth.lockedFor'; params: { n: number } };

function numberIn(details: unknown, field: string): number | undefined {
  const value = typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[field] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * What to tell the user about a failed sign-in step, by error code (the server's French `detail` is
 * not shown as such: the message follows the chosen language), plus the figures the server gave.
 */
export function authErrorMessages(error: unknown): AuthMessage[] {
  if (!(error instanceof AuthApiError)) {
    return [{ key: 'errors.UNKNOWN' }];
  }
  const messages: AuthMessage[] = [{ key: errorKey(error.code) }];
  const attemptsLeft = numberIn(error.details, 'attempts_left');
  const minutes = numberIn(error.details, 'retry_after_minutes');
  if (error.code === 'INVALID_CREDENTIALS' && attemptsLeft !== undefined) {
    messages.push({ key: 'auth.attemptsLeft', params: { n: attemptsLeft } });
  } else if (error.code === 'MFA_INVALID' && attemptsLeft !== undefined) {
    messages.push({ key: 'auth.codeAttemptsLeft', params: { n: attemptsLeft } });
  } else if (error.code === 'ACCOUNT_LOCKED' && minutes !== undefined) {
    messages.push({ key: 'auth.lockedFor', params: { n: minutes } });
  }
  return messages;
}
