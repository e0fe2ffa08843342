import type { AdminUser } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { ActiveCell } from '../ui/ListPage';
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
      <AdminError error={users.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('admin.users.displayName')}</th>
              <th>{t('admin.users.username')}</th>
              <th>{t('admin.users.email')}</th>
              <th>{t('admin.users.role')}</th>
              <th>{t('admin.users.state')}</th>
              <th>{t('admin.users.lastLogin')}</th>
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data?.map((user) => (
              <tr key={user.id} data-testid="user-row" data-username={user.username}>
                <td>
                  {user.display_name}
                  {user.is_system_admin ? <span className="badge badge-info">{t('admin.users.systemAdmin')}</span> : null}
                </td>
                <td>{user.username}</td>
                <td>{user.email ?? t('common.none')}</td>
                <td>{translateKey(`roles.${user.role}`, user.role)}</td>
                <ActiveCell active={user.is_active} />
                <td>{formatInstant(user.last_login, i18n.language)}</td>
                <td className="col-actions">
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {users.data === undefined && !users.error ? <p className="empty">{t('common.loading')}</p> : null}
      </div>
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
