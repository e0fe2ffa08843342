import type { JobRun } from '@relais/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable';
import { useJobEvents } from '../../admin/use-jobs';
import { reportOf, sagesApi, sagesJobs, type SagesJob, type SagesReport, type SagesRun } from './sages-api';

function dateTime(iso: string | null, language: string): string {
  return iso === null ? '—' : new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

function day(value: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}

function ReportDetails({ report }: { report: SagesReport }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="sages-report">
      <h4>{t('sages.unmappedTitle')}</h4>
      {report.unmapped.length === 0 ? (
        <p className="muted">{t('sages.unmappedNone')}</p>
      ) : (
        <ul data-testid="sages-unmapped">
          {report.unmapped.map((entry, index) => (
            <li key={index}>
              <strong>{entry.name}</strong>
              {entry.day ? ` (${day(entry.day, i18n.language)})` : ''} : {t(`sages.reason.${entry.reason}`)}
            </li>
          ))}
        </ul>
      )}
      {report.failures.length > 0 ? (
        <>
          <h4>{t('sages.failuresTitle')}</h4>
          <ul>
            {report.failures.map((failure, index) => (
              <li key={index}>
                <strong>{failure.label}</strong> : {failure.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

const countNames = ['created', 'updated', 'skipped', 'failed'] as const;

function Counts({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  return (
    <span className="sages-counts">
      {countNames.map((name) => (
        <span key={name}>
          {t(`sages.counts.${name}`)} : {counts[name] ?? 0}
        </span>
      ))}
    </span>
  );
}

/** One job: its schedule, last runs with their counts, the unmapped rows of the last one, run now and dry run. */
function JobPanel({ job }: { job: SagesJob }) {
  const { t, i18n } = useTranslation();
  const [runs, setRuns] = useState<SagesRun[] | null>(null);
  const [dry, setDry] = useState<SagesReport | 'running' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(() => {
    sagesApi.runs(job).then(
      (answer) => setRuns(answer.runs),
      (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
    );
  }, [job]);
  useEffect(() => {
    load();
  }, [load]);
  // The jobs' stream tells when a run of this job starts (its progress is not read again) and when any
  // run ends; without it (no `admin_access`, or the stream is down), the runs are read every 10 s.
  const started = useRef(new Set<number>());
  const onRun = useCallback(
    (run: JobRun) => {
      if (run.job === job && !started.current.has(run.id)) {
        started.current.add(run.id);
        load();
      }
    },
    [job, load],
  );
  useJobEvents(onRun, load, 10_000);

  async function runNow(): Promise<void> {
    try {
      await sagesApi.run(job);
      setMessage(t('sages.runStarted'));
      load();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  }

  async function dryRun(): Promise<void> {
    setDry('running');
    try {
      setDry(await sagesApi.dryRun(job));
    } catch (error) {
      setDry(null);
      setMessage(error instanceof Error ? error.message : String(error));
    }
  }

  const last = runs?.[0];
  const lastReport = last ? reportOf(last.result) : null;
  return (
    <section className="sages-job" data-testid={`sages-job-${job}`}>
      <div className="toolbar">
        <h3>{t(`sages.job.${job}`)}</h3>
        <button type="button" className="button primary" data-testid="sages-run" onClick={() => void runNow()}>
          {t('sages.runNow')}
        </button>
        <button type="button" className="button" data-testid="sages-dry-run" disabled={dry === 'running'} onClick={() => void dryRun()}>
          {t('sages.dryRun')}
        </button>
        {message ? <span role="status">{message}</span> : null}
      </div>
      {dry !== null && dry !== 'running' ? (
        <div className="sages-dry" data-testid="sages-dry-result">
          <h4>{t('sages.dryRunTitle')}</h4>
          <Counts counts={dry.counts} />
          <ul>
            {dry.changes.map((change, index) => (
              <li key={index}>
                {t(`sages.action.${change.action}`)} : {change.label}
              </li>
            ))}
            {dry.moreChanges > 0 ? <li>{t('sages.more', { n: dry.moreChanges })}</li> : null}
          </ul>
          <ReportDetails report={dry} />
        </div>
      ) : null}
      <h4>{t('sages.lastRuns')}</h4>
      <DataTable<SagesRun>
        rows={runs ?? undefined}
        rowKey={(run) => String(run.id)}
        loading={t('sages.loading')}
        empty={t('sages.noRuns')}
        columns={[
          { key: 'started_at', header: t('sages.startedAt'), cell: (run) => dateTime(run.started_at, i18n.language) },
          { key: 'etat', header: t('sages.etat'), cell: (run) => t(`sages.status.${run.status}`) },
          ...countNames.map((name) => ({ key: name, header: t(`sages.counts.${name}`), numeric: true, cell: (run: SagesRun) => run.counts[name] ?? 0 })),
          { key: 'error', header: t('sages.error'), cell: (run) => run.error ?? '' },
        ]}
      />
      {lastReport ? <ReportDetails report={lastReport} /> : null}
    </section>
  );
}

/** The five jobs, one panel each, chosen in the list on the left (the old tool's buttons). */
export function SagesJobs() {
  const { t } = useTranslation();
  const [job, setJob] = useState<SagesJob>('chantiers-import');
  return (
    <div className="sages-jobs">
      <nav className="sages-job-list">
        {sagesJobs.map((name) => (
          <button key={name} type="button" className={`button ghost${name === job ? ' active' : ''}`} aria-pressed={name === job} onClick={() => setJob(name)}>
            {t(`sages.job.${name}`)}
          </button>
        ))}
      </nav>
      <JobPanel key={job} job={job} />
    </div>
  );
}
