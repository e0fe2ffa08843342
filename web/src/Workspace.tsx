import type { SessionUser } from '@relais/schema';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App } from './App';
import { toPermissionMap } from './auth/permissions';
import { SignedInContext, type SignedInSession } from './auth/use-session';
import { requestEarlyWindow } from './planning/use-server-window';
import { requestFirstSyncCounts } from './sync/first-sync-count';
import { startRelais, type RelaisRuntime } from './sync/relais-sync';
import { SyncProvider } from './sync/SyncProvider';
import { logger } from './ui/logger';

type OpenState = { userId: number; status: 'ready'; runtime: RelaisRuntime } | { userId: number; status: 'failed' };

/** The signed-in user's local database, replicating, then the app on it. */
export function Workspace({ user, hasToken }: { user: SessionUser; hasToken: boolean }) {
  const { t } = useTranslation();
  const userId = user.id;
  const [state, setState] = useState<OpenState | null>(null);
  // On a new PC, the first sync's count and the board's missions are asked for before the local
  // database is created (idempotent).
  useEffect(() => {
    requestFirstSyncCounts(user);
    requestEarlyWindow(user);
  }, [user]);
  useEffect(() => {
    let active = true;
    startRelais(userId).then(
      (runtime) => {
        if (active) {
          setState({ userId, status: 'ready', runtime });
        }
      },
      (error: unknown) => {
        logger.error('ouverture de la base locale impossible', error);
        if (active) {
          setState({ userId, status: 'failed' });
        }
      },
    );
    return () => {
      active = false;
    };
  }, [userId]);
  const signedIn = useMemo<SignedInSession>(() => ({ user, permissions: toPermissionMap(user.permissions), hasToken }), [user, hasToken]);

  if (state === null || state.userId !== userId) {
    return <div className="app-message">{t('app.loading')}</div>;
  }
  if (state.status === 'failed') {
    return (
      <div className="app-message" role="alert">
        <h1>{t('app.startupError')}</h1>
        <p>{t('app.startupHint')}</p>
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  return (
    <SignedInContext value={signedIn}>
      <SyncProvider runtime={state.runtime}>
        <App />
      </SyncProvider>
    </SignedInContext>
  );
}
