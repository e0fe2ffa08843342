import type { AdminUser } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { ActiveBadge } from '../ui/ListPage';
import { ActionResult, AdminError } from './AdminNotice';
import { adminApi } from './admin-client';
import { formatInstant } from './admin-format';
import { useAdminAction, useAdminData } from './use-admin';
import { TemporaryPasswordDialog, UserDialog } from './UserDialog';

type Editing = { mode: 'create' } | { mode: 'edit'; user: AdminUser } | null;

/** The accounts: create (one-time password shown once), change role, e-mail and state, reset the password, deactivate. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const users = useAdminData(adminApi.users);
  const action = useAdminAction();
  const dialog = useAdminAction();
  const [editing, setEditing] = useState<Editing>(null);
  const [password, setPassword] = useState<{ name: string; password: string } | null>(null);

  const resetPassword = (user: AdminUser): void => {
    if (!window.confirm(t('admin.users.resetConfirm', { name: user.display_name }))) {
      return;
    }
    void action.run(
      () => adminApi.resetPassword(user.id),
      (result) => {
        setPassword({ name: user.display_name, password: result.temp_password });
        return t('admin.users.resetDone', { name: user.display_name });
      },
    );
  };
  const deactivate = (user: AdminUser): void => {
    if (!window.confirm(t('admin.users.deactivateConfirm', { name: user.display_name }))) {
      return;
    }
    void action
      .run(
        () => adminApi.deactivateUser(user.id),
        () => t('admin.users.deactivated', { name: user.display_name }),
      )
      .then(users.reload);
  };

  return (
    <section className="page admin-page" data-testid="admin-users">
      <div className="toolbar">
        <h1>{t('admin.screens.adminUsers')}</h1>
        <span className="toolbar-info">{users.data ? t('admin.users.count', { n: users.data.length }) : null}</span>
        <button
          type="button"
          className="button primary"
          data-testid="user-new"
          onClick={() => {
            dialog.clear();
            setEditing({ mode: 'create' });
          }}
        >
          + {t('admin.users.new')}
        </button>
      </div>
      <ActionResult notice={action.notice} error={action.error} />
      <DataTable<AdminUser>
        rows={users.data}
        rowKey={(user) => user.id}
        rowAttributes={(user) => ({ 'data-testid': 'user-row', 'data-username': user.username })}
        empty={t('admin.users.empty')}
        error={users.error ? <AdminError error={users.error} /> : undefined}
        columns={[
          {
            key: 'display_name',
            header: t('admin.users.displayName'),
            cell: (user) => (
              <>
                {user.display_name}
                {user.is_system_admin ? <span className="badge badge-info">{t('admin.users.systemAdmin')}</span> : null}
              </>
            ),
          },
          { key: 'username', header: t('admin.users.username'), cell: (user) => user.username },
          { key: 'email', header: t('admin.users.email'), cell: (user) => user.email ?? t('common.none') },
          { key: 'role', header: t('admin.users.role'), cell: (user) => translateKey(`roles.${user.role}`, user.role) },
          { key: 'state', header: t('admin.users.state'), cell: (user) => <ActiveBadge active={user.is_active} /> },
          { key: 'last_login', header: t('admin.users.lastLogin'), cell: (user) => formatInstant(user.last_login, i18n.language) },
        ]}
        actions={(user) => (
          <>
            <button
              type="button"
              className="button small"
              onClick={() => {
                dialog.clear();
                setEditing({ mode: 'edit', user });
              }}
            >
              {t('common.edit')}
            </button>
            <button type="button" className="button small" disabled={action.busy} onClick={() => resetPassword(user)}>
              {t('admin.users.reset')}
            </button>
            {user.is_active ? (
              <button type="button" className="button small danger" disabled={action.busy} onClick={() => deactivate(user)}>
                {t('admin.users.deactivate')}
              </button>
            ) : null}
          </>
        )}
      />
      {editing ? (
        <UserDialog
          user={editing.mode === 'edit' ? editing.user : undefined}
          busy={dialog.busy}
          error={dialog.error}
          onClose={() => setEditing(null)}
          onCreate={(request) =>
            dialog.run(
              () => adminApi.createUser(request),
              (created) => {
                setPassword({ name: created.display_name, password: created.temp_password });
                users.reload();
                return '';
              },
            )
          }
          onUpdate={(id, request) =>
            dialog.run(
              () => adminApi.updateUser(id, request),
              () => {
                users.reload();
                return '';
              },
            )
          }
        />
      ) : null}
      {password ? <TemporaryPasswordDialog name={password.name} password={password.password} onClose={() => setPassword(null)} /> : null}
    </section>
  );
}
