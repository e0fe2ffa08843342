import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessages } from './auth-errors';
import { AuthProblem, type Problem } from './AuthProblem';
import { session } from './session';
import { RequestError } from '../ui/json-client';

interface MfaFormProps {
  challengeId: string;
  onSignedIn: () => void;
  /** Back to the credentials (asked, or the challenge is spent: a new sign-in sends a new code). */
  onBack: (problem: Problem | null) => void;
}

/** The second step: the 6-digit code the server sent by e-mail. */
export function MfaForm({ challengeId, onSignedIn, onBack }: MfaFormProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setProblem([{ key: 'auth.mfaFormat' }]);
      return;
    }
    setBusy(true);
    setProblem(null);
    session.completeMfa(challengeId, digits).then(
      () => {
        setBusy(false);
        onSignedIn();
      },
      (error: unknown) => {
        setBusy(false);
        setCode('');
        if (error instanceof RequestError && error.code === 'MFA_EXPIRED') {
          onBack(authErrorMessages(error));
        } else {
          setProblem(authErrorMessages(error));
        }
      },
    );
  };

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <h1>{t('auth.mfaTitle')}</h1>
      <p className="muted">{t('auth.mfaSent')}</p>
      <div className="field">
        <label htmlFor="mfa-code">{t('auth.mfaCode')}</label>
        <input
          id="mfa-code"
          data-testid="mfa-code"
          className="mfa-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          autoFocus
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
        />
      </div>
      <AuthProblem problem={problem} />
      <div className="auth-actions">
        <button type="submit" className="button primary" data-testid="mfa-submit" disabled={busy}>
          {t('auth.mfaSubmit')}
        </button>
        <button type="button" className="button ghost" onClick={() => onBack(null)} disabled={busy}>
          {t('auth.back')}
        </button>
      </div>
    </form>
  );
}
