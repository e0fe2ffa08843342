import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { logger } from './logger';

const updateCheckInterval = 60 * 60 * 1000;

/** Tells the user a new version was downloaded and lets them reload into it (service worker prompt). */
export function UpdateBanner() {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState(false);
  const {
    needRefresh: [needRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(url, registration) {
      logger.debug(`service worker enregistré (${url})`);
      if (registration) {
        // Office tabs stay open for days: look for a new version every hour.
        setInterval(() => {
          if (navigator.onLine) {
            registration.update().catch((error: unknown) => logger.warn('vérification de mise à jour impossible', error));
          }
        }, updateCheckInterval);
      }
    },
    onRegisterError(error: unknown) {
      logger.error('enregistrement du service worker impossible', error);
    },
  });

  useEffect(() => {
    if (!offlineReady) {
      return undefined;
    }
    const timer = setTimeout(() => setOfflineReady(false), 6000);
    return () => clearTimeout(timer);
  }, [offlineReady, setOfflineReady]);

  if (needRefresh && !dismissed) {
    return (
      <div className="update-banner" data-testid="update-banner" role="status">
        <span>{t('update.available')}</span>
        <button type="button" className="button primary" onClick={() => void updateServiceWorker(true)}>
          {t('update.reload')}
        </button>
        <button type="button" className="button ghost" onClick={() => setDismissed(true)}>
          {t('update.later')}
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="toast" role="status">
        <span>{t('update.offlineReady')}</span>
        <button type="button" className="button ghost" onClick={() => setOfflineReady(false)}>
          {t('update.ok')}
        </button>
      </div>
    );
  }
  return null;
}
