import { discardRefusedWrite, isNotable, resendRefusedWrite, type RefusedWrite } from '@relais/replica';
import type { CollectionName } from '@relais/schema';
import type { RxCollection } from 'rxdb';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../i18n/errors';
import { useDatabase, useSyncController, useSyncStatus } from '../sync/hooks';
import { useRefusedWrites } from '../sync/use-refused-writes';
import { FirstSyncProgress } from './FirstSyncProgress';
import { formatClock } from './format';
import { logger } from './logger';
import { ConflictEntry, RefusedEntry } from './SyncEntries';

/** Details of the synchronisation and the conflicts the server won, until the user acknowledges them. */
export function SyncPanel({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const controller = useSyncController();
  const db = useDatabase();
  const refused = useRefusedWrites();
  const kept = new Set(refused.map((write) => `${write.collection}/${write.id}`));
  // A refusal kept on this PC is listed once, with what can be done about it.
  const conflicts = status.conflicts.filter((report) => isNotable(report) && !(report.refused && kept.has(`${report.collection}/${report.documentId}`)));
  const resend = (write: RefusedWrite): void => {
    const collection = (db.collections as unknown as Partial<Record<CollectionName, RxCollection>>)[write.collection];
    if (collection) {
      resendRefusedWrite(collection as never, write).catch((error: unknown) => logger.error('renvoi impossible', error));
    }
  };
  const discard = (write: RefusedWrite): void => {
    discardRefusedWrite(db, write.collection, write.id).catch((error: unknown) => logger.error('abandon impossible', error));
  };
  return (
    <section className="sync-panel" data-testid="conflict-panel" role="dialog" aria-label={t('sync.panelTitle')}>
      <header className="sync-panel-header">
        <h2>{t('sync.panelTitle')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('sync.close')}>
          ×
        </button>
      </header>
      <ul className="sync-facts">
        <li>
          <span className={status.online ? 'dot dot-online' : 'dot dot-offline'} aria-hidden="true" />
          {status.online ? t('sync.online') : t('sync.offline')}
        </li>
        {Object.keys(status.firstSync).length > 0 ? (
          <li>
            <FirstSyncProgress long />
          </li>
        ) : null}
        <li>{t('sync.pendingLong', { n: status.pending })}</li>
        <li>
          {status.lastSyncAt
            ? t('sync.lastSyncLong', { time: formatClock(status.lastSyncAt, i18n.language) })
            : t('sync.never')}
        </li>
        {status.error ? (
          <li className="sync-panel-error" title={status.error}>
            {t('sync.errorLabel', { message: t(errorKey(status.errorCode ?? 'UNKNOWN')) })}
          </li>
        ) : null}
      </ul>
      {!status.online ? <p className="muted">{t('sync.offlineHint')}</p> : null}
      <div className="sync-panel-actions">
        <button type="button" className="button" onClick={() => controller.reconnect()}>
          {t('sync.reconnect')}
        </button>
      </div>
      <h3>{t('sync.refusedTitle')}</h3>
      {refused.length === 0 ? (
        <p className="muted">{t('sync.noRefused')}</p>
      ) : (
        <>
          <p className="muted">{t('sync.refusedHint')}</p>
          <ul className="conflict-list" data-testid="refused-list">
            {refused.map((write) => (
              <RefusedEntry key={`${write.collection}/${write.id}`} write={write} onResend={() => resend(write)} onDiscard={() => discard(write)} />
            ))}
          </ul>
        </>
      )}
      <h3>{t('sync.conflictsTitle')}</h3>
      {conflicts.length === 0 ? (
        <p className="muted">{t('sync.noConflicts')}</p>
      ) : (
        <>
          <ul className="conflict-list">
            {conflicts.map((report) => (
              <ConflictEntry key={`${report.collection}/${report.documentId}/${report.resolvedAt}`} report={report} />
            ))}
          </ul>
          <div className="sync-panel-actions">
            <button type="button" className="button primary" onClick={() => controller.dismissConflicts()}>
              {t('sync.dismiss')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
