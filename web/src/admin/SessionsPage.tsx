import type { SessionInfo } from '@relais/schema';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../ui/DataTable';
import { ActionResult, AdminError } from './AdminNotice';
import { adminApi } from './admin-client';
import { formatInstant } from './admin-format';
import { describeAgent } from './user-agent';
import { useAdminAction, useAdminData } from './use-admin';

/** The open sessions: end one, end all the others, or disconnect every session of a user. */
export function SessionsPage() {
  const { t, i18n } = useTranslation();
  const sessions = useAdminData(adminApi.sessions);
  const action = useAdminAction();
  const act = (question: string, call: () => Promise<{ count: number }>, done: (count: number) => string): void => {
    if (!window.confirm(question)) {
      return;
    }
    void action.run(call, (result) => done(result.count)).then(sessions.reload);
  };
  const kick = (session: SessionInfo): void =>
    act(
      t('admin.sessions.kickConfirm', { name: session.display_name }),
      () => adminApi.kick(session.id),
      () => t('admin.sessions.kicked', { name: session.display_name }),
    );
  const disconnect = (session: SessionInfo): void =>
    act(
      t('admin.sessions.disconnectConfirm', { name: session.display_name }),
      () => adminApi.disconnect(session.username),
      (count) => t('admin.sessions.disconnected', { name: session.display_name, n: count }),
    );
  return (
    <section className="page admin-page" data-testid="admin-sessions">
      <div className="toolbar">
        <h1>{t('admin.screens.adminSessions')}</h1>
        <span className="toolbar-info">{sessions.data ? t('admin.sessions.count', { n: sessions.data.length }) : null}</span>
        <button type="button" className="button" onClick={sessions.reload}>
          {t('admin.refresh')}
        </button>
        <button
          type="button"
          className="button danger"
          data-testid="sessions-kick-all"
          disabled={action.busy}
          onClick={() =>
            act(
              t('admin.sessions.kickAllConfirm'),
              () => adminApi.kickAll(),
              (count) => t('admin.sessions.kickedAll', { n: count }),
            )
          }
        >
          {t('admin.sessions.kickAll')}
        </button>
      </div>
      <ActionResult notice={action.notice} error={action.error} />
      <DataTable<SessionInfo>
        rows={sessions.data}
        rowKey={(session) => session.id}
        rowAttributes={(session) => ({ 'data-testid': 'session-row', 'data-username': session.username, 'data-current': String(session.is_current) })}
        empty={t('admin.sessions.empty')}
        error={sessions.error ? <AdminError error={sessions.error} /> : undefined}
        columns={[
          {
            key: 'user',
            header: t('admin.sessions.user'),
            cell: (session) => (
              <>
                {session.display_name} <span className="muted">({session.username})</span>
                {session.is_current ? <span className="badge badge-info">{t('admin.sessions.current')}</span> : null}
              </>
            ),
          },
          { key: 'device', header: t('admin.sessions.device'), cell: (session) => session.hostname ?? describeAgent(session.user_agent, t('common.none')) },
          { key: 'address', header: t('admin.sessions.address'), cell: (session) => session.ip ?? t('common.none') },
          { key: 'since', header: t('admin.sessions.since'), cell: (session) => formatInstant(session.created_at, i18n.language) },
          { key: 'last_activity', header: t('admin.sessions.lastActivity'), cell: (session) => formatInstant(session.last_activity, i18n.language) },
        ]}
        actions={(session) =>
          session.is_current ? null : (
            <>
              <button type="button" className="button small" data-testid="session-kick" disabled={action.busy} onClick={() => kick(session)}>
                {t('admin.sessions.kick')}
              </button>
              <button type="button" className="button small danger" disabled={action.busy} onClick={() => disconnect(session)}>
                {t('admin.sessions.disconnect')}
              </button>
            </>
          )
        }
      />
    </section>
  );
}
