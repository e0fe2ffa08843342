import { errorKey, type AppErrorCode } from '../i18n/errors';
import { RequestError } from '../ui/json-client';

export type AuthMessage =
  | { key: `errors.${AppErrorCode}` }
  | { key: 'auth.codeAttemptsLeft' | 'auth.lockedFor' | 'auth.retryInSeconds'; params: { n: number } };

function numberIn(details: unknown, field: string): number | undefined {
  const value = typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[field] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * What to tell the user about a failed sign-in step, by error code (the server's French `detail` is
 * not shown as such: the message follows the chosen language), plus the figures the server gave. A
 * wrong password says nothing more than an unknown user: no count of attempts left.
 */
export function authErrorMessages(error: unknown): AuthMessage[] {
  if (!(error instanceof RequestError)) {
    return [{ key: 'errors.UNKNOWN' }];
  }
  const messages: AuthMessage[] = [{ key: errorKey(error.code) }];
  const attemptsLeft = numberIn(error.details, 'attempts_left');
  const minutes = numberIn(error.details, 'retry_after_minutes');
  const seconds = numberIn(error.details, 'retry_after_seconds');
  if (error.code === 'MFA_INVALID' && attemptsLeft !== undefined) {
    messages.push({ key: 'auth.codeAttemptsLeft', params: { n: attemptsLeft } });
  } else if (error.code === 'ACCOUNT_LOCKED' && minutes !== undefined) {
    messages.push({ key: 'auth.lockedFor', params: { n: minutes } });
  } else if (error.code === 'TOO_MANY_REQUESTS' && seconds !== undefined) {
    messages.push(seconds < 60 ? { key: 'auth.retryInSeconds', params: { n: seconds } } : { key: 'auth.lockedFor', params: { n: Math.ceil(seconds / 60) } });
  }
  return messages;
}
