import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoicingScreens, navigate, pathOf, type InvoicingScreen } from '../ui/route';
import { DevisPage } from './documents/DevisPage';
import { FacturesPage } from './documents/FacturesPage';
import { MissionBillingPage } from './missions/MissionBillingPage';
import { ArticlesPage } from './parties/ArticlesPage';
import { ContactsPage } from './parties/ContactsPage';
import { DashboardPage } from './parties/DashboardPage';
import { EntreprisesPage } from './parties/EntreprisesPage';
import { useEntreprises } from './parties/use-parties';
import './invoicing.css';

function follow(event: MouseEvent<HTMLAnchorElement>, screen: InvoicingScreen): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  navigate(screen);
}

/** The invoicing module: its own tabs under the one "Facturation" entry of the header. */
export function InvoicingModule({ screen }: { screen: InvoicingScreen }) {
  const { t } = useTranslation();
  const entreprises = useEntreprises();
  // Contacts, quotes and invoices all belong to an issuing company: say where to start.
  const needsEntreprise = entreprises?.length === 0 && (screen === 'contacts' || screen === 'devis' || screen === 'factures');
  return (
    <div className="invoicing">
      <nav className="invoicing-tabs" aria-label={t('invoicing.nav')}>
        <span className="invoicing-title">{t('invoicing.nav')}</span>
        {invoicingScreens.map((target) => (
          <a
            key={target}
            href={pathOf(target)}
            data-testid={`tab-${target}`}
            aria-current={target === screen ? 'page' : undefined}
            onClick={(event) => follow(event, target)}
          >
            {t(`invoicing.screens.${target}`)}
          </a>
        ))}
      </nav>
      {needsEntreprise ? (
        <p className="invoicing-notice invoicing-notice-module" role="note">
          {t('invoicing.noEntreprise')}
        </p>
      ) : null}
      {screen === 'facturation' ? (
        <DashboardPage />
      ) : screen === 'devis' ? (
        <DevisPage />
      ) : screen === 'factures' ? (
        <FacturesPage />
      ) : screen === 'facturerMissions' ? (
        <MissionBillingPage />
      ) : screen === 'contacts' ? (
        <ContactsPage />
      ) : screen === 'articles' ? (
        <ArticlesPage />
      ) : (
        <EntreprisesPage />
      )}
    </div>
  );
}
