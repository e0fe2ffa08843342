import { canRead } from '@relais/domain';
import { useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { visiblePages } from '../auth/permissions';
import { useSignedIn } from '../auth/use-session';
import { UserMenu } from '../auth/UserMenu';
import { visibleModuleScreens } from '../sst/screens';
import { LanguageSwitch } from './LanguageSwitch';
import { isInvoicingScreen, navigate, pathOf, type Screen } from './route';
import { SyncBadge } from './SyncBadge';
import { SyncPanel } from './SyncPanel';

function follow(event: MouseEvent<HTMLAnchorElement>, screen: Screen): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  navigate(screen);
}

export function Header({ page }: { page: Screen }) {
  const { t } = useTranslation();
  const { permissions } = useSignedIn();
  const [panelOpen, setPanelOpen] = useState(false);
  useEffect(() => {
    if (!panelOpen) {
      return undefined;
    }
    const closeOnEscape = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        setPanelOpen(false);
      }
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [panelOpen]);
  return (
    <header className="app-header">
      <a className="brand" href={pathOf('planning')} onClick={(event) => follow(event, 'planning')}>
        <img src="/favicon.svg" alt="" width="26" height="26" />
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </a>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {canRead('missions', permissions) ? (
          <a
            href={pathOf('planning')}
            data-testid="nav-planning"
            aria-current={page === 'planning' ? 'page' : undefined}
            onClick={(event) => follow(event, 'planning')}
          >
            {t('planning.nav')}
          </a>
        ) : null}
        {visiblePages(permissions).map((target) => (
          <a
            key={target}
            href={pathOf(target)}
            aria-current={target === page ? 'page' : undefined}
            onClick={(event) => follow(event, target)}
          >
            {t(`nav.${target}`)}
          </a>
        ))}
        {visibleModuleScreens(permissions).map((target) => (
          <a
            key={target}
            href={pathOf(target)}
            data-testid={`nav-${target}`}
            aria-current={target === page ? 'page' : undefined}
            onClick={(event) => follow(event, target)}
          >
            {t(`${target}.nav`)}
          </a>
        ))}
        {permissions.view_invoicing ? (
          <a
            href={pathOf('facturation')}
            data-testid="nav-facturation"
            aria-current={isInvoicingScreen(page) ? 'page' : undefined}
            onClick={(event) => follow(event, 'facturation')}
          >
            {t('invoicing.nav')}
          </a>
        ) : null}
        {permissions.send_announcements ? (
          <a
            href={pathOf('annonces')}
            data-testid="nav-annonces"
            aria-current={page === 'annonces' ? 'page' : undefined}
            onClick={(event) => follow(event, 'annonces')}
          >
            {t('annonces.nav')}
          </a>
        ) : null}
        {permissions.view_sauron ? (
          <a
            href={pathOf('journal')}
            data-testid="nav-journal"
            aria-current={page === 'journal' ? 'page' : undefined}
            onClick={(event) => follow(event, 'journal')}
          >
            {t('nav.journal')}
          </a>
        ) : null}
      </nav>
      <div className="header-tools">
        <div className="sync-anchor">
          <SyncBadge open={panelOpen} onToggle={() => setPanelOpen((open) => !open)} />
          {panelOpen ? <SyncPanel onClose={() => setPanelOpen(false)} /> : null}
        </div>
        <UserMenu />
        <LanguageSwitch />
      </div>
    </header>
  );
}
