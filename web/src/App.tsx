import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivityPage } from './activity/ActivityPage';
import { AnnoncesPage } from './annonces/AnnoncesPage';
import { useSignedIn } from './auth/use-session';
import { ChauffeursPage } from './chauffeurs/ChauffeursPage';
import { DaySheetPage } from './chauffeurs/DaySheetPage';
import { RevenusPage } from './finance/RevenusPage';
import { InvoicingModule } from './invoicing/InvoicingModule';
import { MissionsPage } from './missions/MissionsPage';
import { PlanningPage } from './planning/PlanningPage';
import { SstPage } from './sst/SstPage';
import { AccessDenied } from './ui/AccessDenied';
import { Header } from './ui/Header';
import { mayOpen } from './ui/navigation';
import { isAdminScreen, isInvoicingScreen, useScreen, type Screen } from './ui/route';
import { VoyagesPage } from './voyages/VoyagesPage';

// The administration console is loaded when an administrator opens it: signing in and the board do not download it.
const AdminModule = lazy(async () => ({ default: (await import('./admin/AdminModule')).AdminModule }));

function ScreenContent({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  if (isInvoicingScreen(screen)) {
    return <InvoicingModule screen={screen} />;
  }
  if (isAdminScreen(screen)) {
    return (
      <Suspense fallback={<p className="app-message">{t('nav.adminLoading')}</p>}>
        <AdminModule screen={screen} />
      </Suspense>
    );
  }
  switch (screen) {
    case 'planning':
      return <PlanningPage />;
    case 'missions':
      return <MissionsPage />;
    case 'chauffeurs':
      return <ChauffeursPage />;
    case 'voyages':
      return <VoyagesPage />;
    case 'sst':
      return <SstPage />;
    case 'revenus':
      return <RevenusPage />;
    case 'daySheet':
      return <DaySheetPage />;
    case 'annonces':
      return <AnnoncesPage />;
    case 'journal':
      return <ActivityPage />;
  }
}

/**
 * The signed-in app: the header and the screen of the address. A screen this role may not open
 * (typed address, role changed) says so and which roles may, rather than showing another one.
 */
export function App() {
  const { permissions } = useSignedIn();
  const screen = useScreen();
  return (
    <div className="app">
      <Header page={screen} />
      <main className="app-main">{mayOpen(screen, permissions) ? <ScreenContent screen={screen} /> : <AccessDenied screen={screen} />}</main>
    </div>
  );
}
