import type { JobInfo, JobRun } from '@relais/schema';
import { useCallback, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../ui/DataTable';
import { ActionResult, AdminError } from './AdminNotice';
import { adminApi } from './admin-client';
import { formatInstant } from './admin-format';
import { JobRunsTable } from './JobRunsTable';
import { RunProgress, RunStatus } from './RunProgress';
import { ScheduleDialog } from './ScheduleDialog';
import { useAdminAction, useAdminData } from './use-admin';
import { applyRun, useJobEvents } from './use-jobs';

/** The scheduled jobs: schedule, next and last run, « Lancer maintenant » with live progress, run history. */
export function JobsPage() {
  const { t, i18n } = useTranslation();
  const list = useAdminData(adminApi.jobs);
  const action = useAdminAction();
  const [live, setLive] = useState<{ base: JobInfo[]; jobs: JobInfo[] } | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [editing, setEditing] = useState<JobInfo | null>(null);
  // The stream's news apply to the last list read; a new read starts from itself.
  const base = list.data?.jobs;
  const jobs = live && live.base === base ? live.jobs : base;
  const onRun = useCallback(
    (run: JobRun) => {
      setLive((current) => {
        const from = current && current.base === base ? current.jobs : (base ?? []);
        return { base: base ?? [], jobs: applyRun(from, run) };
      });
    },
    [base],
  );
  useJobEvents(onRun, list.reload);

  const runNow = (job: JobInfo): void => {
    void action.run(
      () => adminApi.runJob(job.name),
      () => t('admin.jobs.started', { label: job.label }),
    );
  };
  return (
    <section className="page admin-page" data-testid="admin-jobs">
      <div className="toolbar">
        <h1>{t('admin.screens.adminJobs')}</h1>
        {list.data ? <span className="toolbar-info">{t('admin.jobs.timezone', { zone: list.data.timezone })}</span> : null}
      </div>
      <ActionResult notice={action.notice} error={action.error} />
      <DataTable<JobInfo>
        className="jobs-table"
        rows={jobs}
        rowKey={(job) => job.name}
        rowAttributes={(job) => ({ 'data-testid': 'job-row', 'data-job': job.name })}
        empty={t('admin.jobs.noJobs')}
        error={list.error ? <AdminError error={list.error} /> : undefined}
        columns={jobColumns(t, i18n.language)}
        actions={(job) => (
          <>
            <button type="button" className="button small primary" data-testid="job-run" disabled={action.busy || job.running !== null} onClick={() => runNow(job)}>
              {t('admin.jobs.runNow')}
            </button>
            <button type="button" className="button small" data-testid="job-edit-schedule" onClick={() => setEditing(job)}>
              {t('admin.jobs.editSchedule')}
            </button>
            <button
              type="button"
              className="button small ghost"
              aria-expanded={history === job.name}
              onClick={() => setHistory((current) => (current === job.name ? null : job.name))}
            >
              {t('admin.jobs.history')}
            </button>
          </>
        )}
        detail={(job) => (history === job.name ? <JobRunsTable job={job.name} lastRunId={job.last_run?.id ?? null} /> : null)}
      />
      {editing ? (
        <ScheduleDialog
          job={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
    </section>
  );
}

/** A job's label, schedule, next and last run, and progress. */
function jobColumns(t: TFunction, language: string): Column<JobInfo>[] {
  return [
    {
      key: 'job',
      header: t('admin.jobs.job'),
      cell: (job) => (
        <>
          <strong>{job.label}</strong>
          {job.description ? <div className="muted">{job.description}</div> : null}
        </>
      ),
    },
    {
      key: 'schedule',
      header: t('admin.jobs.schedule'),
      cell: (job) => (
        <>
          <code data-testid="job-schedule">{job.schedule === 'off' ? t('admin.jobs.off') : job.schedule}</code>
          {job.schedule !== job.default_schedule ? <div className="muted">{t('admin.jobs.custom')}</div> : null}
        </>
      ),
    },
    { key: 'next', header: t('admin.jobs.next'), cell: (job) => formatInstant(job.next_run, language) },
    {
      key: 'last',
      header: t('admin.jobs.last'),
      cell: (job) =>
        job.last_run ? (
          <>
            <RunStatus run={job.last_run} /> <span className="muted">{formatInstant(job.last_run.started_at, language)}</span>
          </>
        ) : (
          t('admin.jobs.never')
        ),
    },
    {
      key: 'progress',
      header: t('admin.jobs.progress'),
      // The run going on, else where the last one got to (a short run ends between two frames).
      cell: (job) => (job.running ? <RunProgress run={job.running} /> : job.last_run?.progress ? <RunProgress run={job.last_run} /> : null),
    },
  ];
}
