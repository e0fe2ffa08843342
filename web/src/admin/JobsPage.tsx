import type { JobInfo, JobRun } from '@relais/schema';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
      <AdminError error={list.error} />
      <div className="table-wrap">
        <table className="table jobs-table">
          <thead>
            <tr>
              <th>{t('admin.jobs.job')}</th>
              <th>{t('admin.jobs.schedule')}</th>
              <th>{t('admin.jobs.next')}</th>
              <th>{t('admin.jobs.last')}</th>
              <th>{t('admin.jobs.progress')}</th>
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs?.map((job) => (
              <JobRows
                key={job.name}
                job={job}
                busy={action.busy}
                language={i18n.language}
                showHistory={history === job.name}
                onRun={() => runNow(job)}
                onHistory={() => setHistory((current) => (current === job.name ? null : job.name))}
                onSchedule={() => setEditing(job)}
              />
            ))}
          </tbody>
        </table>
        {jobs === undefined && !list.error ? <p className="empty">{t('common.loading')}</p> : null}
      </div>
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

interface JobRowsProps {
  job: JobInfo;
  busy: boolean;
  language: string;
  showHistory: boolean;
  onRun: () => void;
  onHistory: () => void;
  onSchedule: () => void;
}

function JobRows({ job, busy, language, showHistory, onRun, onHistory, onSchedule }: JobRowsProps) {
  const { t } = useTranslation();
  return (
    <>
      <tr data-testid="job-row" data-job={job.name}>
        <td>
          <strong>{job.label}</strong>
          {job.description ? <div className="muted">{job.description}</div> : null}
        </td>
        <td>
          <code data-testid="job-schedule">{job.schedule === 'off' ? t('admin.jobs.off') : job.schedule}</code>
          {job.schedule !== job.default_schedule ? <div className="muted">{t('admin.jobs.custom')}</div> : null}
        </td>
        <td>{formatInstant(job.next_run, language)}</td>
        <td>
          {job.last_run ? (
            <>
              <RunStatus run={job.last_run} /> <span className="muted">{formatInstant(job.last_run.started_at, language)}</span>
            </>
          ) : (
            t('admin.jobs.never')
          )}
        </td>
        {/* The run going on, else where the last one got to (a short run ends between two frames). */}
        <td>{job.running ? <RunProgress run={job.running} /> : job.last_run?.progress ? <RunProgress run={job.last_run} /> : null}</td>
        <td className="col-actions">
          <button type="button" className="button small primary" data-testid="job-run" disabled={busy || job.running !== null} onClick={onRun}>
            {t('admin.jobs.runNow')}
          </button>
          <button type="button" className="button small" data-testid="job-edit-schedule" onClick={onSchedule}>
            {t('admin.jobs.editSchedule')}
          </button>
          <button type="button" className="button small ghost" aria-expanded={showHistory} onClick={onHistory}>
            {t('admin.jobs.history')}
          </button>
        </td>
      </tr>
      {showHistory ? (
        <tr className="job-history-row">
          <td colSpan={6}>
            <JobRunsTable job={job.name} lastRunId={job.last_run?.id ?? null} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
