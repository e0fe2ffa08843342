import { useTranslation } from 'react-i18next';
import { groupOf, isGroupHome, rolesAllowed } from './navigation';
import { useScreenLabel } from './screen-label';
import type { Screen } from './route';

/** What a role sees at the address of a screen it may not open: which page, and which roles may. */
export function AccessDenied({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  const label = useScreenLabel();
  const roles = rolesAllowed(screen).map((role) => t(`roles.${role}`));
  return (
    <section className="access-denied" role="alert" data-testid="access-denied">
      <h1>{t('nav.deniedTitle')}</h1>
      <p>{t('nav.denied', { page: isGroupHome(screen) ? t(`nav.groups.${groupOf(screen)}`) : label(screen), roles: roles.join(', ') })}</p>
      <p className="access-denied-hint">{t('nav.deniedHint')}</p>
    </section>
  );
}
