import { useTranslation } from 'react-i18next';
import { isAdminScreen, isInvoicingScreen, type Screen } from './route';

/** The name of each screen in the navigation and on the "access denied" page, in the current language. */
export function useScreenLabel(): (screen: Screen) => string {
  const { t } = useTranslation();
  return (screen) => {
    if (isAdminScreen(screen)) {
      return t(`admin.screens.${screen}`);
    }
    if (isInvoicingScreen(screen)) {
      return t(`invoicing.screens.${screen}`);
    }
    switch (screen) {
      case 'planning':
        return t('nav.board');
      case 'missions':
      case 'chauffeurs':
      case 'voyages':
      case 'journal':
        return t(`nav.${screen}`);
      case 'sst':
      case 'revenus':
      case 'daySheet':
      case 'annonces':
        return t(`${screen}.nav`);
    }
  };
}
