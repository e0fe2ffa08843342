import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../auth/use-session';
import { navigate, pathOf } from '../../ui/route';

/** The entry of the WMS connector's screen, for the administration menu (shown to who may manage connectors). */
export function WmsAdminLink({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { permissions } = useSignedIn();
  if (!permissions.manage_connectors) {
    return null;
  }
  return (
    <a
      href={pathOf('wms')}
      className={className}
      onClick={(event) => {
        event.preventDefault();
        navigate('wms');
      }}
    >
      {t('wms.nav')}
    </a>
  );
}
