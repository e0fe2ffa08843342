import { permissionNames, permissionsOf, roleNames } from '@relais/domain';
import { useTranslation } from 'react-i18next';

/** What each role may do, read from the domain's role table (the one the server applies): read-only. */
export function RolesPage() {
  const { t } = useTranslation();
  const grants = roleNames.map((role) => ({ role, permissions: permissionsOf(role) }));
  return (
    <section className="page admin-page" data-testid="admin-roles">
      <div className="toolbar">
        <h1>{t('admin.screens.adminRoles')}</h1>
        <span className="toolbar-info">{t('admin.roles.intro')}</span>
      </div>
      <div className="table-wrap">
        <table className="table roles-table">
          <thead>
            <tr>
              <th>{t('admin.roles.permission')}</th>
              {roleNames.map((role) => (
                <th key={role} className="roles-col">
                  {t(`roles.${role}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {permissionNames.map((permission) => (
              <tr key={permission}>
                <td>{t(`admin.permissions.${permission}`)}</td>
                {grants.map(({ role, permissions }) => (
                  <td key={role} className="roles-col">
                    {permissions[permission] ? (
                      <span className="grant-yes" aria-label={t('common.yes')}>
                        ✓
                      </span>
                    ) : (
                      <span className="grant-no" aria-label={t('common.no')}>
                        —
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
