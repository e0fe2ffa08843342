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
 * sync badge shows that progress). It stands in the header beside the sync badge, in the bar's flow:
 * a notice floating over the screen covered whatever lay under it for its 6 s (the invoice editor's
 * « Aperçu » and PDF buttons, a block of the board's bottom row that a planner was about to drag).
 */
export function OfflineReadyNotice() {
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
    <div className="offline-ready" role="status" data-testid="offline-ready">
      <span className="offline-ready-text">{t('update.offlineReady')}</span>
      <button type="button" className="offline-ready-close" onClick={() => offlineNotice.close()}>
        {t('update.ok')}
      </button>
    </div>
  );
}
