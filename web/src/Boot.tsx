import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App } from './App';
import { startRelais, type RelaisRuntime } from './sync/relais-sync';
import { SyncProvider } from './sync/SyncProvider';
import { logger } from './ui/logger';
import { UpdateBanner } from './ui/UpdateBanner';

type BootState = { status: 'opening' } | { status: 'ready'; runtime: RelaisRuntime } | { status: 'failed' };

/** Opens the local database, then shows the app; the update banner works even if opening fails. */
export function Boot() {
  const { t } = useTranslation();
  const [state, setState] = useState<BootState>({ status: 'opening' });
  useEffect(() => {
    let active = true;
    startRelais().then(
      (runtime) => {
        if (active) {
          setState({ status: 'ready', runtime });
        }
      },
      (error: unknown) => {
        logger.error('ouverture de la base locale impossible', error);
        if (active) {
          setState({ status: 'failed' });
        }
      },
    );
    return () => {
      active = false;
    };
  }, []);

  return (
    <>
      <UpdateBanner />
      {state.status === 'ready' ? (
        <SyncProvider runtime={state.runtime}>
          <App />
        </SyncProvider>
      ) : state.status === 'failed' ? (
        <div className="app-message" role="alert">
          <h1>{t('app.startupError')}</h1>
          <p>{t('app.startupHint')}</p>
          <button type="button" className="button primary" onClick={() => window.location.reload()}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        <div className="app-message">{t('app.loading')}</div>
      )}
    </>
  );
}
