import { lazy, Suspense, useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../auth/use-session';
import { UserMenu } from '../auth/UserMenu';
import { LanguageSwitch } from './LanguageSwitch';
import { groupOf, visibleEntries, visibleGroups } from './navigation';
import { useScreenLabel } from './screen-label';
import { OfflineReadyNotice } from './OfflineReadyNotice';
import { navigate, pathOf, type Screen } from './route';
import { SyncBadge } from './SyncBadge';

// The panel opens on a click: its code is downloaded then, not with the first screen.
const SyncPanel = lazy(async () => ({ default: (await import('./SyncPanel')).SyncPanel }));

function follow(event: MouseEvent<HTMLAnchorElement>, screen: Screen): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  navigate(screen);
}

/**
 * The header: one tab per menu (Planning, Facturation, Administration) and, below, the screens of
 * the current menu, so every entry and the active one are always in sight, even at 1280 px.
 * Invoicing shows its own tabs inside the module.
 */
export function Header({ page }: { page: Screen }) {
  const { t } = useTranslation();
  const label = useScreenLabel();
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
  const current = groupOf(page);
  const entries = current === 'facturation' ? [] : visibleEntries(current, permissions);
  return (
    <header className="app-header">
      <div className="app-header-bar">
        <a className="brand" href={pathOf('planning')} onClick={(event) => follow(event, 'planning')}>
          <img src="/favicon.svg" alt="" width="26" height="26" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </a>
        <nav className="app-nav" aria-label={t('nav.label')}>
          {visibleGroups(permissions).map(({ group, first }) => (
            <a
              key={group}
              href={pathOf(first)}
              data-testid={`nav-group-${group}`}
              aria-current={group === current ? 'true' : undefined}
              onClick={(event) => follow(event, first)}
            >
              {t(`nav.groups.${group}`)}
            </a>
          ))}
        </nav>
        <div className="header-tools">
          <OfflineReadyNotice />
          <div className="sync-anchor">
            <SyncBadge open={panelOpen} onToggle={() => setPanelOpen((open) => !open)} />
            {panelOpen ? (
              <Suspense fallback={null}>
                <SyncPanel onClose={() => setPanelOpen(false)} />
              </Suspense>
            ) : null}
          </div>
          <UserMenu />
          <LanguageSwitch />
        </div>
      </div>
      {entries.length > 1 ? (
        <nav className="app-subnav" aria-label={t(`nav.groups.${current}`)} data-testid="app-subnav">
          {entries.map((target) => (
            <a
              key={target}
              href={pathOf(target)}
              data-testid={`nav-${target}`}
              aria-current={target === page ? 'page' : undefined}
              onClick={(event) => follow(event, target)}
            >
              {label(target)}
            </a>
          ))}
        </nav>
      ) : null}
    </header>
  );
}
