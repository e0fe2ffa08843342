import { progressSummary } from '@relais/replica';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { useSyncStatus } from '../sync/hooks';
import { formatCount } from './format';

/**
 * How far a new PC's first sync has got ("12 000 / 20 000 missions"), from the count the server
 * gave; nothing once every collection is loaded. Compact in the sync badge, a sentence in the panel.
 */
export function FirstSyncProgress({ long = false }: { long?: boolean }) {
  const { t, i18n } = useTranslation();
  const summary = progressSummary(useSyncStatus().firstSync);
  if (!summary) {
    return null;
  }
  const collection = translateKey(`activity.collections.${summary.collection}`, summary.collection).toLocaleLowerCase(i18n.language);
  const values = { loaded: formatCount(summary.loaded, i18n.language), total: formatCount(summary.total, i18n.language), collection };
  return (
    <span
      className="sync-first"
      data-testid="sync-progress"
      data-loaded={summary.loaded}
      data-total={summary.total}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={summary.total}
      aria-valuenow={summary.loaded}
    >
      {long ? t('sync.firstSyncLong', values) : t('sync.firstSync', values)}
    </span>
  );
}
