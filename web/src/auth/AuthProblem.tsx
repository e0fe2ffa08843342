import { useTranslation } from 'react-i18next';
import type { AuthMessage } from './auth-errors';

/** A message of the sign-in forms' own checks. */
export type ClientMessage = { key: 'auth.mfaFormat' | 'auth.weak' | 'auth.mismatch' | 'auth.same' | 'auth.sessionEnded' };

export type Problem = readonly (AuthMessage | ClientMessage)[];

/** Why the last step failed (`login-error`), read aloud by screen readers. */
export function AuthProblem({ problem }: { problem: Problem | null }) {
  const { t } = useTranslation();
  if (problem === null || problem.length === 0) {
    return null;
  }
  return (
    <p className="auth-error" role="alert" data-testid="login-error">
      {problem.map((message) => ('params' in message ? t(message.key, message.params) : t(message.key))).join(' ')}
    </p>
  );
}
