import type { JobRun } from '@relais/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { progressPercent } from '../../admin/admin-format';
import { RunStatus } from '../../admin/RunProgress';
import { errorMessage } from './errors';
import { fileSize } from './format';
import { wmsApi } from './wms-api';

export interface LaunchedRun {
  id: number;
  kind: 'backup' | 'restoreTest' | 'export';
}

interface Props {
  connectionId: number;
  launched: LaunchedRun;
  /** Called once when the run has ended (to list the new restore point). */
  onEnded: (run: JobRun) => void;
}

const pollMs = 700;

/** The run just launched from this page: its state, its progress in megabytes, and its error in French if it failed. */
export function WmsRunPanel({ connectionId, launched, onEnded }: Props) {
  const { t } = useTranslation();
  const [run, setRun] = useState<JobRun | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (): void => {
      wmsApi.run(connectionId, launched.id).then(
        (current) => {
          if (stopped) {
            return;
          }
          setRun(current);
          if (current.status === 'running') {
            timer = setTimeout(poll, pollMs);
          } else {
            onEnded(current);
          }
        },
        (error: unknown) => !stopped && setFailure(errorMessage(error, t)),
      );
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // `onEnded` is the page's callback of the moment; the run to follow is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [connectionId, launched.id]);

  const sizeText = (bytes: number): string => {
    const size = fileSize(bytes);
    return t(size.key, { value: size.value });
  };
  const percent = progressPercent(run?.progress ?? null);
  const progress = run?.progress ?? null;
  const bytes = launched.kind !== 'export';
  const amount =
    progress === null
      ? ''
      : bytes && progress.total !== null
        ? t('wms.progressOf', { done: sizeText(progress.done), total: sizeText(progress.total) })
        : bytes
          ? ''
          : t('wms.rows', { count: progress.done });
  return (
    <div className="wms-run" data-testid="wms-run" data-run={launched.id} data-status={run?.status ?? 'starting'}>
      <div className="wms-run-head">
        <strong>{t(`wms.runKind.${launched.kind}`)}</strong>
        {run ? <RunStatus run={run} /> : null}
      </div>
      {run === null || run.status === 'running' || (run.status === 'succeeded' && progress !== null && progress.total !== null) ? (
        <div className={`run-progress is-${run?.status ?? 'running'}`} data-testid="wms-run-progress">
          <div className={percent === null ? 'run-progress-bar is-indeterminate' : 'run-progress-bar'} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined} aria-label={t('wms.progress')}>
            <span style={{ width: `${percent ?? 100}%` }} />
          </div>
          <span className="run-progress-text">{[progress?.label, amount].filter((part) => part).join(' · ') || t('wms.runStarting')}</span>
        </div>
      ) : null}
      {run?.status === 'succeeded' ? <p className="wms-ok">{t(`wms.runDone.${launched.kind}`)}</p> : null}
      {run && run.status !== 'running' && run.status !== 'succeeded' ? (
        <p className="wms-failed" role="alert">
          {run.error ?? t('wms.runFailed')}
        </p>
      ) : null}
      {failure ? (
        <p className="wms-failed" role="alert">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
