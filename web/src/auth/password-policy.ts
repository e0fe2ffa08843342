import { checkPasswordRules, passwordMinLength, passwordRules, type PasswordRule } from '@relais/domain';

/** The server's password policy (`@relais/domain`), rule by rule so the form ticks each one. */
export { checkPasswordRules, passwordMinLength, passwordRules, type PasswordRule };

export type PasswordChangeProblem = 'weak' | 'mismatch' | 'same';

/** What stops a new password from being sent, checked as the server will; `null` when it may go. */
export function passwordChangeProblem(next: string, confirmation: string, current: string | undefined): PasswordChangeProblem | null {
  if (!Object.values(checkPasswordRules(next)).every(Boolean)) {
    return 'weak';
  }
  if (next !== confirmation) {
    return 'mismatch';
  }
  if (current !== undefined && current !== '' && next === current) {
    return 'same';
  }
  return null;
}
