import { jobCountNames, type JobRun } from '@relais/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { DataTable } from '../ui/DataTable';
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
      <DataTable<JobRun>
        className="table-compact"
        rows={error ? [] : runs}
        rowKey={(run) => String(run.id)}
        rowAttributes={() => ({ 'data-testid': 'job-run-row' })}
        empty={t('admin.jobs.noRuns')}
        columns={[
          { key: 'started_at', header: t('admin.jobs.startedAt'), cell: (run) => formatInstant(run.started_at, i18n.language) },
          {
            key: 'trigger',
            header: t('admin.jobs.trigger'),
            cell: (run) => (
              <>
                {translateKey(`admin.jobs.triggers.${run.trigger}`, run.trigger)}
                {run.actor ? <span className="muted"> · {run.actor}</span> : null}
              </>
            ),
          },
          { key: 'status', header: t('admin.jobs.status'), cell: (run) => <RunStatus run={run} /> },
          {
            key: 'duration',
            header: t('admin.jobs.duration'),
            numeric: true,
            cell: (run) => {
              const seconds = durationSeconds(run);
              return seconds === null ? t('common.none') : formatDuration(seconds, i18n.language);
            },
          },
          {
            key: 'counts',
            header: t('admin.jobs.counts'),
            cell: (run) => {
              const counts = jobCountNames.filter((name) => run.counts[name] > 0).map((name) => `${t(`admin.jobs.countNames.${name}`)} ${run.counts[name]}`);
              return counts.length > 0 ? counts.join(', ') : t('common.none');
            },
          },
          { key: 'error', header: t('admin.jobs.error'), className: 'job-error', cell: (run) => run.error ?? '' },
        ]}
      />
    </div>
  );
}
