import type { ActivityListResponse } from '@relais/schema';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../auth/use-session';
import { errorKey } from '../i18n/errors';
import { activityPageSize, noFilters, pageWindow, previousOffset, type ActivityFilters } from './activity-query';
import { ActivityFilterBar } from './ActivityFilterBar';
import { ActivityTable } from './ActivityTable';
import { SecurityRisks } from './SecurityRisks';
import { useOnline } from '../ui/use-online';
import { useActivityLog, useSecurityRisks } from './use-activity';
import './activity.css';

/** How long the user field waits for the typing to pause before asking the server. */
const typingPauseMs = 400;

interface PagerProps {
  offset: number;
  data: ActivityListResponse;
  busy: boolean;
  onOffset: (offset: number) => void;
}

function Pager({ offset, data, busy, onOffset }: PagerProps) {
  const { t } = useTranslation();
  const shown = pageWindow(offset, data.entries.length, data.total);
  return (
    <div className="activity-pager">
      <span className="muted" data-testid="activity-range" data-total={data.total}>
        {t('activity.range', { first: shown.first, last: shown.last, total: data.total })}
      </span>
      <button type="button" className="button small" data-testid="activity-prev" disabled={busy || !shown.hasPrevious} onClick={() => onOffset(previousOffset(offset))}>
        {t('activity.previous')}
      </button>
      <button type="button" className="button small" data-testid="activity-next" disabled={busy || !shown.hasNext} onClick={() => onOffset(offset + activityPageSize)}>
        {t('activity.next')}
      </button>
    </div>
  );
}

/** The server's activity log (`view_sauron`): who changed what, when, from where. Online only. */
export function ActivityPage() {
  const { t } = useTranslation();
  const { permissions } = useSignedIn();
  const online = useOnline();
  const [filters, setFilters] = useState<ActivityFilters>(noFilters);
  const [userDraft, setUserDraft] = useState('');
  const [offset, setOffset] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const log = useActivityLog(filters, offset, online, attempt);
  const risks = useSecurityRisks(permissions.admin_access, online);

  const apply = useCallback((next: ActivityFilters): void => {
    setFilters(next);
    setOffset(0);
  }, []);

  useEffect(() => {
    if (userDraft.trim() === filters.user.trim()) {
      return undefined;
    }
    const timer = setTimeout(() => apply({ ...filters, user: userDraft }), typingPauseMs);
    return () => clearTimeout(timer);
  }, [userDraft, filters, apply]);

  const data = log.status === 'ready' ? log.data : log.status === 'loading' ? log.previous : undefined;
  const unreachable = log.status === 'offline' || (log.status === 'error' && log.code === 'NETWORK');

  return (
    <section className="page activity-page" data-testid="activity-page" data-status={log.status}>
      <div className="toolbar">
        <h1>{t('activity.title')}</h1>
      </div>
      <SecurityRisks risks={risks} />
      <ActivityFilterBar filters={filters} userDraft={userDraft} onUserDraft={setUserDraft} onChange={apply} />
      {unreachable ? (
        <div className="activity-offline" role="status" data-testid="activity-offline">
          <strong>{t('activity.offline')}</strong>
          <p className="muted">{log.status === 'offline' ? t('activity.offlineHint') : t('errors.NETWORK')}</p>
          {log.status === 'error' ? (
            <button type="button" className="button small" onClick={() => setAttempt((value) => value + 1)}>
              {t('activity.retry')}
            </button>
          ) : null}
        </div>
      ) : log.status === 'error' ? (
        <div className="activity-error" role="alert" data-testid="activity-error" data-code={log.code}>
          <span>{t('activity.loadFailed', { message: t(errorKey(log.code)) })}</span>
          <button type="button" className="button small" onClick={() => setAttempt((value) => value + 1)}>
            {t('activity.retry')}
          </button>
        </div>
      ) : (
        <>
          {data ? <Pager offset={offset} data={data} busy={log.status === 'loading'} onOffset={setOffset} /> : null}
          <div className={log.status === 'loading' ? 'table-wrap is-loading' : 'table-wrap'} aria-busy={log.status === 'loading'}>
            {data ? <ActivityTable entries={data.entries} /> : null}
            {log.status === 'loading' && !data ? <p className="empty">{t('activity.loading')}</p> : null}
            {log.status === 'ready' && log.data.entries.length === 0 ? <p className="empty">{t('activity.empty')}</p> : null}
          </div>
        </>
      )}
    </section>
  );
}
