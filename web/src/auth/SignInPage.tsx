import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import type { Problem } from './AuthProblem';
import { CredentialsForm } from './CredentialsForm';
import { session } from './session';
import type { SessionState } from './session-store';
import { useOnline } from '../ui/use-online';

// Only some sign-ins need them (a second factor, a first password): downloaded then.
const MfaForm = lazy(async () => ({ default: (await import('./MfaForm')).MfaForm }));
const PasswordChangeForm = lazy(async () => ({ default: (await import('./PasswordChangeForm')).PasswordChangeForm }));

type Step = { kind: 'credentials'; problem: Problem | null } | { kind: 'mfa'; challengeId: string };

/**
 * Sign-in, then the e-mailed code when the server asks for it, then the change of a one-time
 * password. Stays mounted through the steps so the password just typed is not asked again.
 */
export function SignInPage({ state }: { state: Exclude<SessionState, { status: 'starting' }> }) {
  const { t } = useTranslation();
  const online = useOnline();
  const [step, setStep] = useState<Step>(() => ({
    kind: 'credentials',
    problem: state.status === 'signed-out' && state.reason !== null ? [{ key: 'auth.sessionEnded' }] : null,
  }));
  const [typedPassword, setTypedPassword] = useState<string | undefined>(undefined);

  let content;
  if (state.status === 'signed-in') {
    content = (
      <PasswordChangeForm
        knownPassword={typedPassword}
        onOtherAccount={() => {
          setTypedPassword(undefined);
          setStep({ kind: 'credentials', problem: null });
          void session.signOut({ forget: false });
        }}
      />
    );
  } else if (step.kind === 'mfa') {
    content = (
      <MfaForm
        challengeId={step.challengeId}
        onSignedIn={() => setStep({ kind: 'credentials', problem: null })}
        onBack={(problem) => setStep({ kind: 'credentials', problem })}
      />
    );
  } else {
    content = (
      <CredentialsForm
        initialUsername={state.lastUsername ?? ''}
        initialProblem={step.problem}
        onDone={(outcome, password) => {
          setTypedPassword(password);
          if (outcome.kind === 'mfa') {
            setStep({ kind: 'mfa', challengeId: outcome.challengeId });
          }
        }}
      />
    );
  }

  return (
    <div className="auth-page">
      <header className="auth-brand">
        <img src="/favicon.svg" alt="" width="32" height="32" />
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
        <LanguageSwitch />
      </header>
      <main className="auth-card">
        {!online ? <p className="auth-info">{t('auth.offline')}</p> : null}
        <Suspense fallback={null}>{content}</Suspense>
      </main>
    </div>
  );
}
