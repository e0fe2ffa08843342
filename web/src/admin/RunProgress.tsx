import type { JobRun } from '@relais/schema';
import { useTranslation } from 'react-i18next';
import { progressPercent } from './admin-format';

/** A run's state as a coloured word. */
export function RunStatus({ run }: { run: JobRun }) {
  const { t } = useTranslation();
  return (
    <span className={`badge run-${run.status}`} data-testid="run-status" data-status={run.status}>
      {t(`admin.jobs.statuses.${run.status}`)}
    </span>
  );
}

/** The progress bar of a run going on: its share done when the job knows its total, its step label. */
export function RunProgress({ run }: { run: JobRun }) {
  const { t } = useTranslation();
  const percent = progressPercent(run.progress);
  const done = run.progress?.done ?? 0;
  const total = run.progress?.total ?? null;
  return (
    <div className={`run-progress is-${run.status}`} data-testid="job-progress" data-status={run.status} data-done={done} data-total={total ?? ''}>
      <div
        className={percent === null ? 'run-progress-bar is-indeterminate' : 'run-progress-bar'}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-label={t('admin.jobs.progress')}
      >
        <span style={{ width: `${percent ?? 100}%` }} />
      </div>
      <span className="run-progress-text">
        {total === null ? t('admin.jobs.doneCount', { n: done }) : t('admin.jobs.doneOf', { n: done, total })}
        {run.progress?.label ? ` · ${run.progress.label}` : ''}
      </span>
    </div>
  );
}
