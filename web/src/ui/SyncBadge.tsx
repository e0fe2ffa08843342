import { isNotable, progressSummary } from '@relais/replica';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../i18n/errors';
import { useSyncStatus } from '../sync/hooks';
import { useRefusedWrites } from '../sync/use-refused-writes';
import { FirstSyncProgress } from './FirstSyncProgress';
import { formatClock } from './format';

interface SyncBadgeProps {
  open: boolean;
  onToggle: () => void;
}

/** Online state, pending local writes, last sync and error at a glance; opens the sync panel. */
export function SyncBadge({ open, onToggle }: SyncBadgeProps) {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const refused = useRefusedWrites().length;
  // Refusals are counted apart: they wait on this PC for the user, they are no conflict.
  const conflicts = status.conflicts.filter((report) => isNotable(report) && !report.refused).length;
  const classes = [
    'sync-badge',
    status.online ? 'is-online' : 'is-offline',
    status.error ? 'has-error' : '',
    conflicts + refused > 0 ? 'has-conflicts' : '',
  ];
  // A first sync still loading is not « À jour »: its progress stands in the badge instead.
  const loading = progressSummary(status.firstSync) !== undefined;
  // Compact: state, pending writes, error and conflicts; the last sync time is in the tooltip and the panel.
  const lastSync = status.lastSyncAt ? t('sync.lastSyncLong', { time: formatClock(status.lastSyncAt, i18n.language) }) : t('sync.never');
  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(' ')}
      data-testid="sync-badge"
      data-online={String(status.online)}
      data-pending={String(status.pending)}
      aria-expanded={open}
      aria-haspopup="dialog"
      title={`${lastSync} — ${t('sync.badgeTitle')}`}
      onClick={onToggle}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-state">{status.online ? t('sync.online') : t('sync.offline')}</span>
      {status.pending > 0 || !loading ? (
        <span className={status.pending > 0 ? 'sync-pending has-pending' : 'sync-pending'}>
          {status.pending > 0 ? t('sync.pending', { n: status.pending }) : t('sync.upToDate')}
        </span>
      ) : null}
      <FirstSyncProgress />
      {status.error ? <span className="sync-error">{t(errorKey(status.errorCode ?? 'UNKNOWN'))}</span> : null}
      {refused > 0 ? (
        <span className="sync-conflicts sync-refused" data-testid="sync-refused">
          {t('sync.refusedCount', { n: refused })}
        </span>
      ) : null}
      {conflicts > 0 ? <span className="sync-conflicts">{t('sync.conflicts', { n: conflicts })}</span> : null}
    </button>
  );
}
