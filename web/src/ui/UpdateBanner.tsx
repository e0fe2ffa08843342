import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { logger } from './logger';
import { offlineNotice } from './offline-ready';

const updateCheckInterval = 60 * 60 * 1000;

/**
 * Registers the service worker and tells the user a new version was downloaded, letting them reload
 * into it (prompt). That the app is cached for offline use is only noted here: the workspace says so
 * once the user's data is on this PC too (`OfflineReadyNotice`, in the header).
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState(false);
  const {
    needRefresh: [needRefresh],
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
    onOfflineReady() {
      offlineNotice.noteAppCached();
    },
  });

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
  return null;
}
