/** The password policy: 8+ characters with upper case, lower case and a digit. */
export const passwordMinLength = 8;

export const passwordRules = ['length', 'upper', 'lower', 'digit'] as const;

export type PasswordRule = (typeof passwordRules)[number];

const checks: Record<PasswordRule, (password: string) => boolean> = {
  length: (password) => password.length >= passwordMinLength,
  upper: (password) => /\p{Lu}/u.test(password),
  lower: (password) => /\p{Ll}/u.test(password),
  digit: (password) => /\d/.test(password),
};

const frenchMessages: Record<PasswordRule, string> = {
  length: `Le mot de passe doit contenir au moins ${passwordMinLength} caractères.`,
  upper: 'Le mot de passe doit contenir au moins une majuscule.',
  lower: 'Le mot de passe doit contenir au moins une minuscule.',
  digit: 'Le mot de passe doit contenir au moins un chiffre.',
};

/** Each rule and whether the password meets it (the PWA ticks them as the user types). */
export function checkPasswordRules(password: string): Record<PasswordRule, boolean> {
  return Object.fromEntries(passwordRules.map((rule) => [rule, checks[rule](password)])) as Record<PasswordRule, boolean>;
}

/** The rules a password breaks, as French sentences (the server's answer); empty when acceptable. */
export function passwordPolicyIssues(password: string): string[] {
  return passwordRules.filter((rule) => !checks[rule](password)).map((rule) => frenchMessages[rule]);
}
