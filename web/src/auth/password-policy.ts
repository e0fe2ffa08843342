import { passwordMinLength } from '@relais/schema';

/**
 * The password policy of the server (8+ characters, upper case, lower case, digit), rule by rule so
 * the form can tick each one in the user's language. `@relais/schema`'s `passwordPolicyIssues`
 * (French sentences, used by the server) states the same rules; a test keeps both in step.
 */
export const passwordRules = ['length', 'upper', 'lower', 'digit'] as const;
export type PasswordRule = (typeof passwordRules)[number];

export { passwordMinLength };

const checks: Record<PasswordRule, (password: string) => boolean> = {
  length: (password) => password.length >= passwordMinLength,
  upper: (password) => /\p{Lu}/u.test(password),
  lower: (password) => /\p{Ll}/u.test(password),
  digit: (password) => /\d/.test(password),
};

/** Each rule and whether the password meets it. */
export function checkPasswordRules(password: string): Record<PasswordRule, boolean> {
  return {
    length: checks.length(password),
    upper: checks.upper(password),
    lower: checks.lower(password),
    digit: checks.digit(password),
  };
}

export type PasswordChangeProblem = 'weak' | 'mismatch' | 'same';

/** What stops a new password from being sent, checked as the server will; `null` when it may go. */
export function passwordChangeProblem(next: string, confirmation: string, current: string | undefined): PasswordChangeProblem | null {
  if (!passwordRules.every((rule) => checks[rule](next))) {
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
