import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessages } from './auth-errors';
import { AuthProblem, type Problem } from './AuthProblem';
import { checkPasswordRules, passwordChangeProblem, passwordMinLength, passwordRules } from './password-policy';
import { session } from './session';

interface PasswordChangeFormProps {
  /** The one-time password just typed on the sign-in form; asked again after a reload. */
  knownPassword: string | undefined;
  onOtherAccount: () => void;
}

/** The forced change of a one-time password, with the server's policy shown and checked as typed. */
export function PasswordChangeForm({ knownPassword, onOtherAccount }: PasswordChangeFormProps) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const currentPassword = knownPassword ?? current;
  const rules = checkPasswordRules(next);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = passwordChangeProblem(next, confirmation, currentPassword);
    if (found !== null) {
      setProblem([{ key: `auth.${found}` }]);
      return;
    }
    setBusy(true);
    setProblem(null);
    session.changePassword(currentPassword, next).then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        setProblem(authErrorMessages(error));
      },
    );
  };

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <h1>{t('auth.passwordTitle')}</h1>
      <p className="muted">{t('auth.passwordIntro')}</p>
      {knownPassword === undefined ? (
        <div className="field">
          <label htmlFor="password-current">{t('auth.passwordCurrent')}</label>
          <input
            id="password-current"
            data-testid="password-current"
            type="password"
            autoComplete="current-password"
            required
            autoFocus
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="password-new">{t('auth.passwordNew')}</label>
        <input
          id="password-new"
          data-testid="password-new"
          type="password"
          autoComplete="new-password"
          required
          autoFocus={knownPassword !== undefined}
          aria-describedby="password-policy"
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="password-confirm">{t('auth.passwordConfirm')}</label>
        <input
          id="password-confirm"
          data-testid="password-confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
      </div>
      <div className="password-policy" id="password-policy">
        <p>{t('auth.policyTitle')}</p>
        <ul>
          {passwordRules.map((rule) => (
            <li key={rule} className={rules[rule] ? 'is-met' : undefined} data-rule={rule} data-met={String(rules[rule])}>
              <span aria-hidden="true">{rules[rule] ? '✓' : '•'}</span> {t(`auth.policy.${rule}`, { n: passwordMinLength })}
              <span className="sr-only"> — {rules[rule] ? t('auth.policyMet') : t('auth.policyUnmet')}</span>
            </li>
          ))}
        </ul>
      </div>
      <AuthProblem problem={problem} />
      <div className="auth-actions">
        <button type="submit" className="button primary" data-testid="password-submit" disabled={busy}>
          {busy ? t('auth.passwordSubmitting') : t('auth.passwordSubmit')}
        </button>
        <button type="button" className="button ghost" onClick={onOtherAccount} disabled={busy}>
          {t('auth.otherAccount')}
        </button>
      </div>
    </form>
  );
}
