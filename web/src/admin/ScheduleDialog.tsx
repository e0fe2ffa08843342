import type { JobInfo } from '@relais/schema';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { AdminError } from './AdminNotice';
import { adminApi } from './admin-client';
import { scheduleIssue } from './cron-check';
import { useAdminAction } from './use-admin';

/** Changes a job's schedule (a cron expression or « off »), or puts back its default; the server validates it again. */
export function ScheduleDialog({ job, onClose, onSaved }: { job: JobInfo; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const [schedule, setSchedule] = useState(job.schedule);
  const [touched, setTouched] = useState(false);
  const issue = scheduleIssue(schedule);
  const save = (value: string | null): void => {
    void action
      .run(
        () => adminApi.setSchedule(job.name, value),
        () => '',
      )
      .then((ok) => {
        if (ok) {
          onSaved();
        }
      });
  };
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setTouched(true);
    if (issue === null) {
      save(schedule.trim());
    }
  };
  return (
    <Dialog title={t('admin.jobs.scheduleTitle', { label: job.label })} onClose={onClose}>
      <form className="form" noValidate onSubmit={submit} data-testid="schedule-form">
        <div className="form-body">
          <Field
            label={t('admin.jobs.schedule')}
            htmlFor="job-schedule"
            error={touched && issue ? { key: 'validation.invalid' } : undefined}
            hint={t('admin.jobs.scheduleHint', { zone: job.timezone })}
          >
            <input id="job-schedule" data-testid="schedule-input" value={schedule} onChange={(event) => setSchedule(event.target.value)} />
          </Field>
          {touched && issue ? (
            <p className="admin-error" role="alert" data-testid="schedule-invalid">
              {t(`admin.jobs.cronIssues.${issue}`)}
            </p>
          ) : null}
          <p className="field-hint">{t('admin.jobs.defaultSchedule', { schedule: job.default_schedule })}</p>
          <AdminError error={action.error} />
        </div>
        <footer className="form-footer">
          <button type="button" className="button ghost" onClick={() => save(null)} disabled={action.busy}>
            {t('admin.jobs.useDefault')}
          </button>
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" data-testid="schedule-save" disabled={action.busy}>
            {t('common.save')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
