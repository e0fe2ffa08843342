import { useTranslation } from 'react-i18next';
import type { AnnonceSendResult } from './annonces-api';
import { countByStatus } from './selection';

/** What the last send did, subcontractor by subcontractor. */
export function AnnoncesResults({ results }: { results: AnnonceSendResult[] }) {
  const { t } = useTranslation();
  const { sent, failed } = countByStatus(results);
  return (
    <div className="annonces-results" role="status" data-testid="annonces-results">
      <h3>
        {t('annonces.resultsTitle')} — {t('annonces.summary', { sent, failed })}
      </h3>
      <ul>
        {results.map((result) => (
          <li key={result.sst_id} data-status={result.status}>
            <span className={result.status === 'sent' ? 'badge badge-active' : 'badge badge-inactive'}>{t(`annonces.status.${result.status}`)}</span>{' '}
            <strong>{result.sst_nom}</strong> → {result.recipients.join(', ')}
            {result.error ? <span className="muted"> — {result.error}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
