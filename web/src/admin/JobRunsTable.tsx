import { jobCountNames, type JobRun } from '@relais/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { AdminError } from './AdminNotice';
import { adminApi } from './admin-client';
import { formatDuration, formatInstant } from './admin-format';
import { RunStatus } from './RunProgress';
import type { RequestError } from '../ui/json-client';

function durationSeconds(run: JobRun): number | null {
  return run.ended_at ? (Date.parse(run.ended_at) - Date.parse(run.started_at)) / 1000 : null;
}

/** A job's last runs: when, why, how long, what it counted, and its error. Read again when a run ends. */
export function JobRunsTable({ job, lastRunId }: { job: string; lastRunId: number | null }) {
  const { t, i18n } = useTranslation();
  const [runs, setRuns] = useState<JobRun[] | undefined>(undefined);
  const [error, setError] = useState<RequestError | null>(null);
  useEffect(() => {
    let active = true;
    adminApi.jobRuns(job, 20).then(
      (answer) => {
        if (active) {
          setRuns(answer.runs);
        }
      },
      (failure: unknown) => {
        if (active) {
          setError(failure as RequestError);
        }
      },
    );
    return () => {
      active = false;
    };
  }, [job, lastRunId]);
  return (
    <div className="job-history" data-testid="job-history">
      <AdminError error={error} />
      <table className="table table-compact">
        <thead>
          <tr>
            <th>{t('admin.jobs.startedAt')}</th>
            <th>{t('admin.jobs.trigger')}</th>
            <th>{t('admin.jobs.status')}</th>
            <th>{t('admin.jobs.duration')}</th>
            <th>{t('admin.jobs.counts')}</th>
            <th>{t('admin.jobs.error')}</th>
          </tr>
        </thead>
        <tbody>
          {runs?.map((run) => {
            const seconds = durationSeconds(run);
            const counts = jobCountNames.filter((name) => run.counts[name] > 0).map((name) => `${t(`admin.jobs.countNames.${name}`)} ${run.counts[name]}`);
            return (
              <tr key={run.id} data-testid="job-run-row">
                <td>{formatInstant(run.started_at, i18n.language)}</td>
                <td>
                  {translateKey(`admin.jobs.triggers.${run.trigger}`, run.trigger)}
                  {run.actor ? <span className="muted"> · {run.actor}</span> : null}
                </td>
                <td>
                  <RunStatus run={run} />
                </td>
                <td>{seconds === null ? t('common.none') : formatDuration(seconds, i18n.language)}</td>
                <td>{counts.length > 0 ? counts.join(', ') : t('common.none')}</td>
                <td className="job-error">{run.error ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {runs?.length === 0 ? <p className="empty">{t('admin.jobs.noRuns')}</p> : null}
    </div>
  );
}
