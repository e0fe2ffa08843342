import type { DashboardServer } from '@relais/schema';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { AdminError } from './AdminNotice';
import { adminApi } from './admin-client';
import { formatBytes, formatDuration, formatInstant } from './admin-format';
import { describeAgent } from './user-agent';
import { useAdminData } from './use-admin';
import { useJobEvents } from './use-jobs';

/** Seconds between two readings of the figures; a job's run or end reads them at once. */
// Read again while the jobs' stream is down (for instance behind a proxy that cuts it).
const refreshSeconds = 30;

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="admin-figure" data-testid={testId}>
      <span className="admin-figure-value">{value}</span>
      <span className="admin-figure-label">{label}</span>
    </div>
  );
}

function ServerFacts({ server }: { server: DashboardServer }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const backup = server.last_backup;
  const totalDocuments = Object.values(server.documents).reduce((sum, count) => sum + count, 0);
  return (
    <>
      <div className="admin-figures">
        <Figure label={t('admin.dashboard.uptime')} value={formatDuration(server.uptime_seconds, language)} testId="dashboard-uptime" />
        <Figure label={t('admin.dashboard.version')} value={server.version} />
        <Figure label={t('admin.dashboard.databaseSize')} value={formatBytes(server.database_size_bytes, language)} />
        <Figure label={t('admin.dashboard.documents')} value={new Intl.NumberFormat(language).format(totalDocuments)} />
        <Figure label={t('admin.dashboard.sessions')} value={String(server.active_sessions)} />
        <Figure label={t('admin.dashboard.syncClients')} value={String(server.sync_clients.length)} testId="dashboard-sync-count" />
        <Figure label={t('admin.dashboard.errors')} value={String(server.errors_24h.count)} testId="dashboard-errors" />
      </div>
      <div className="admin-panels">
        <section className="admin-panel">
          <h2>{t('admin.dashboard.lastBackup')}</h2>
          {backup ? (
            <p data-testid="dashboard-backup">
              {backup.created_at
                ? t('admin.dashboard.backupDone', { date: formatInstant(backup.created_at, language), size: formatBytes(backup.size_bytes ?? 0, language) })
                : t('admin.dashboard.noBackupFile')}
              {backup.status ? (
                <>
                  {' · '}
                  <span className={`badge run-${backup.status}`}>{t(`admin.jobs.statuses.${backup.status}`)}</span>
                </>
              ) : null}
              {backup.error ? <span className="admin-error-text"> {backup.error}</span> : null}
            </p>
          ) : (
            <p>{t('admin.dashboard.noBackup')}</p>
          )}
          <h2>{t('admin.dashboard.documentsTitle')}</h2>
          <table className="table table-compact">
            <tbody>
              {Object.entries(server.documents).map(([collection, count]) => (
                <tr key={collection}>
                  <td>{translateKey(`admin.dashboard.collections.${collection}`, collection)}</td>
                  <td className="num">{new Intl.NumberFormat(language).format(count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="admin-panel">
          <h2>{t('admin.dashboard.syncTitle')}</h2>
          {server.sync_clients.length === 0 ? (
            <p className="muted">{t('admin.dashboard.noSyncClient')}</p>
          ) : (
            <table className="table table-compact" data-testid="dashboard-sync-clients">
              <thead>
                <tr>
                  <th>{t('admin.sessions.user')}</th>
                  <th>{t('admin.sessions.device')}</th>
                  <th>{t('admin.sessions.since')}</th>
                </tr>
              </thead>
              <tbody>
                {server.sync_clients.map((client, index) => (
                  <tr key={`${client.username}-${client.since}-${index}`}>
                    <td>{client.display_name}</td>
                    <td>{client.hostname ?? describeAgent(client.user_agent, t('common.none'))}</td>
                    <td>{formatInstant(client.since, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t('admin.dashboard.jobsTitle')}</h2>
          <table className="table table-compact">
            <thead>
              <tr>
                <th>{t('admin.jobs.job')}</th>
                <th>{t('admin.jobs.last')}</th>
                <th>{t('admin.jobs.next')}</th>
              </tr>
            </thead>
            <tbody>
              {server.jobs.map((job) => (
                <tr key={job.name}>
                  <td>{job.label}</td>
                  <td>
                    {job.running ? (
                      <span className="badge run-running">{t('admin.jobs.statuses.running')}</span>
                    ) : job.last_status ? (
                      <>
                        <span className={`badge run-${job.last_status}`}>{t(`admin.jobs.statuses.${job.last_status}`)}</span>{' '}
                        <span className="muted">{formatInstant(job.last_run_at, language)}</span>
                      </>
                    ) : (
                      t('admin.jobs.never')
                    )}
                  </td>
                  <td>{job.schedule === 'off' ? t('admin.jobs.off') : formatInstant(job.next_run, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="admin-panel">
        <h2>{t('admin.dashboard.errorsTitle')}</h2>
        {server.errors_24h.recent.length === 0 ? (
          <p className="muted">{t('admin.dashboard.noErrors')}</p>
        ) : (
          <ul className="admin-log-list">
            {server.errors_24h.recent.map((line) => (
              <li key={line.seq}>
                <span className="muted">{formatInstant(line.time, language)}</span> {line.msg}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/**
 * The server at a glance, read again at each job's start and end (the jobs' stream) and every
 * `refreshSeconds` (sessions and connected users change without any job).
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const dashboard = useAdminData(adminApi.dashboard);
  const { reload } = dashboard;
  // Progress does not change the figures: a run's start and end do (the stream's `resync` and end).
  const onRun = useCallback(() => undefined, []);
  const live = useJobEvents(onRun, reload, refreshSeconds * 1000);
  useEffect(() => {
    // While the stream is down, `useJobEvents` already polls at the same pace.
    if (!live) {
      return undefined;
    }
    const timer = setInterval(reload, refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [live, reload]);
  const data = dashboard.data;
  return (
    <section className="page admin-page" data-testid="admin-dashboard">
      <div className="toolbar">
        <h1>{t('admin.screens.admin')}</h1>
        {data ? (
          <span className="toolbar-info">
            {t('admin.dashboard.connected', { n: data.utilisateurs_connectes })} · {live ? t('admin.dashboard.streaming') : t('admin.dashboard.live', { n: refreshSeconds })}
          </span>
        ) : null}
      </div>
      <AdminError error={dashboard.error} />
      {data?.serveur ? <ServerFacts server={data.serveur} /> : data ? null : <p className="empty">{t('common.loading')}</p>}
      {data ? <p className="muted admin-updated">{t('admin.dashboard.updated', { time: formatInstant(new Date().toISOString(), i18n.language) })}</p> : null}
    </section>
  );
}
