import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { startSession } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { useSessionState } from './auth/use-session';
import { stopRelais } from './sync/relais-sync';
import { logger } from './ui/logger';
import { Workspace } from './Workspace';

// The service worker's registration shows nothing until a new version is there: it need not hold
// the first screen back.
const UpdateBanner = lazy(async () => ({ default: (await import('./ui/UpdateBanner')).UpdateBanner }));

/**
 * The session first: the app opens on the signed-in (or, offline, the remembered) user's local data;
 * otherwise the sign-in page. The update banner works whatever happens.
 */
export function Boot() {
  const { t } = useTranslation();
  const state = useSessionState();
  useEffect(() => {
    startSession().catch((error: unknown) => logger.error('ouverture de la session impossible', error));
  }, []);

  const user = state.status === 'signed-in' && !state.mustChangePassword ? state.user : null;
  const userId = user?.id;
  useEffect(() => {
    // Session ended (the data stays on this device): replication stops until the next sign-in.
    if (userId === undefined) {
      stopRelais().catch((error: unknown) => logger.error('arrêt de la synchronisation impossible', error));
    }
  }, [userId]);

  return (
    <>
      <Suspense fallback={null}>
        <UpdateBanner />
      </Suspense>
      {state.status === 'starting' ? (
        <div className="app-message">{t('auth.starting')}</div>
      ) : user !== null && state.status === 'signed-in' ? (
        <Workspace user={user} hasToken={state.hasToken} />
      ) : (
        <SignInPage state={state} />
      )}
    </>
  );
}
