import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { annoncesApi } from './annonces-client';
import { useServerRead } from './use-annonces';

const pageSize = 20;

function frenchDay(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** Every mail sent or tried, newest first; `version` changes after a send so the list reloads. */
export function AnnoncesHistory({ online, version }: { online: boolean; version: number }) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const history = useServerRead(`${offset}#${version}`, online, () => annoncesApi.history(pageSize, offset));
  return (
    <section className="annonces-history" data-testid="annonces-history">
      <h2>{t('annonces.historyTitle')}</h2>
      {history.status === 'loading' ? <p className="muted">{t('annonces.loading')}</p> : null}
      {history.status === 'error' ? <p role="alert">{t(`errors.${history.code}`, { defaultValue: history.message })}</p> : null}
      {history.status === 'ready' && history.data.entries.length === 0 ? <p className="empty">{t('annonces.historyEmpty')}</p> : null}
      {history.status === 'ready' && history.data.entries.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('annonces.at')}</th>
                  <th>{t('annonces.by')}</th>
                  <th>{t('annonces.day')}</th>
                  <th>{t('annonces.sst')}</th>
                  <th>{t('annonces.recipients')}</th>
                  <th>{t('annonces.subject')}</th>
                  <th>{t('annonces.missions')}</th>
                  <th>{t('annonces.error')}</th>
                </tr>
              </thead>
              <tbody>
                {history.data.entries.map((entry) => (
                  <tr key={entry.id} data-status={entry.status}>
                    <td>{new Date(entry.at).toLocaleString(i18n.language)}</td>
                    <td>{entry.username ?? ''}</td>
                    <td>{frenchDay(entry.date)}</td>
                    <td>{entry.sst_nom}</td>
                    <td>{entry.recipients.join(', ')}</td>
                    <td>{entry.subject}</td>
                    <td>{entry.mission_ids.length}</td>
                    <td>
                      <span className={entry.status === 'sent' ? 'badge badge-active' : 'badge badge-inactive'}>{t(`annonces.status.${entry.status}`)}</span>
                      {entry.error ? <span className="muted"> {entry.error}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="annonces-pager">
            <button type="button" className="button small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
              {t('annonces.previous')}
            </button>
            <button type="button" className="button small" disabled={offset + pageSize >= history.data.total} onClick={() => setOffset(offset + pageSize)}>
              {t('annonces.next')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
