import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncController } from '@relais/replica';
import { useSyncController } from '../sync/hooks';
import { logger } from './logger';
import { offlineNotice, offlineToastShown, whenFirstSyncDone } from './offline-ready';

const shownForMs = 6000;

/**
 * Says the app works offline once the service worker has cached it and the signed-in user's first
 * sync is complete (inside the replica's provider: a new PC says nothing while its data loads, the
 * sync badge shows that progress).
 */
export function OfflineReadyToast() {
  const { t } = useTranslation();
  const sync = useSyncController();
  const [synced, setSynced] = useState<SyncController | null>(null);
  useEffect(() => {
    let active = true;
    whenFirstSyncDone(sync).then(
      () => {
        if (active) {
          setSynced(sync);
        }
      },
      (error: unknown) => logger.warn('fin de la première synchronisation inconnue', error),
    );
    return () => {
      active = false;
    };
  }, [sync]);
  const notice = useSyncExternalStore(offlineNotice.subscribe, offlineNotice.getState);
  const shown = offlineToastShown(notice, synced === sync);

  useEffect(() => {
    if (!shown) {
      return undefined;
    }
    const timer = setTimeout(() => offlineNotice.close(), shownForMs);
    return () => clearTimeout(timer);
  }, [shown]);

  if (!shown) {
    return null;
  }
  return (
    <div className="toast" role="status" data-testid="offline-ready">
      <span>{t('update.offlineReady')}</span>
      <button type="button" className="button ghost" onClick={() => offlineNotice.close()}>
        {t('update.ok')}
      </button>
    </div>
  );
}
