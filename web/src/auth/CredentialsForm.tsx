import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessages } from './auth-errors';
import { AuthProblem, type Problem } from './AuthProblem';
import { session } from './session';
import type { LoginOutcome } from './session-store';

interface CredentialsFormProps {
  initialUsername: string;
  /** Shown until the first attempt (e.g. why the previous session ended). */
  initialProblem: Problem | null;
  /** Signed in (`password` is kept for a forced password change) or a code is awaited. */
  onDone: (outcome: LoginOutcome, password: string) => void;
}

export function CredentialsForm({ initialUsername, initialProblem, onDone }: CredentialsFormProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(initialProblem);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (busy) {
      return;
    }
    setBusy(true);
    setProblem(null);
    session.login(username.trim(), password).then(
      (outcome) => {
        setBusy(false);
        onDone(outcome, password);
      },
      (error: unknown) => {
        setBusy(false);
        setPassword('');
        setProblem(authErrorMessages(error));
      },
    );
  };

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <h1>{t('auth.title')}</h1>
      <p className="muted">{t('auth.intro')}</p>
      <div className="field">
        <label htmlFor="login-username">{t('auth.username')}</label>
        <input
          id="login-username"
          data-testid="login-username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus={initialUsername === ''}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">{t('auth.password')}</label>
        <input
          id="login-password"
          data-testid="login-password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={initialUsername !== ''}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <AuthProblem problem={problem} />
      <button type="submit" className="button primary" data-testid="login-submit" disabled={busy || username.trim() === '' || password === ''}>
        {busy ? t('auth.submitting') : t('auth.submit')}
      </button>
    </form>
  );
}
