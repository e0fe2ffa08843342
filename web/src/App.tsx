import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from './auth/use-session';
import { addCatalogue } from './i18n';
import { PlanningPage } from './planning/PlanningPage';
import { AccessDenied } from './ui/AccessDenied';
import { Header } from './ui/Header';
import { mayOpen } from './ui/navigation';
import { isAdminScreen, isInvoicingScreen, useScreen, type Screen } from './ui/route';

// Signing in and the board (the default screen) load only what they need: every other screen is
// downloaded when first opened (and precached by the service worker for offline use).
// The console and invoicing bring their texts too, added before their first render.
const AdminModule = lazy(async () => {
  const [{ AdminModule: Module }, { adminCatalogue }] = await Promise.all([import('./admin/AdminModule'), import('./admin/catalogue')]);
  addCatalogue(adminCatalogue);
  return { default: Module };
});
const InvoicingModule = lazy(async () => {
  const [{ InvoicingModule: Module }, { invoicingCatalogue }] = await Promise.all([import('./invoicing/InvoicingModule'), import('./invoicing/catalogue')]);
  addCatalogue(invoicingCatalogue);
  return { default: Module };
});
const MissionsPage = lazy(async () => ({ default: (await import('./missions/MissionsPage')).MissionsPage }));
const ChauffeursPage = lazy(async () => ({ default: (await import('./chauffeurs/ChauffeursPage')).ChauffeursPage }));
const DaySheetPage = lazy(async () => ({ default: (await import('./chauffeurs/DaySheetPage')).DaySheetPage }));
const VoyagesPage = lazy(async () => ({ default: (await import('./voyages/VoyagesPage')).VoyagesPage }));
const SstPage = lazy(async () => ({ default: (await import('./sst/SstPage')).SstPage }));
const RevenusPage = lazy(async () => ({ default: (await import('./finance/RevenusPage')).RevenusPage }));
const AnnoncesPage = lazy(async () => ({ default: (await import('./annonces/AnnoncesPage')).AnnoncesPage }));
const ActivityPage = lazy(async () => ({ default: (await import('./activity/ActivityPage')).ActivityPage }));

function OtherScreen({ screen }: { screen: Exclude<Screen, 'planning'> }): ReactNode {
  if (isInvoicingScreen(screen)) {
    return <InvoicingModule screen={screen} />;
  }
  if (isAdminScreen(screen)) {
    return <AdminModule screen={screen} />;
  }
  switch (screen) {
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

function ScreenContent({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  if (screen === 'planning') {
    return <PlanningPage />;
  }
  return (
    <Suspense fallback={<p className="app-message">{isAdminScreen(screen) ? t('nav.adminLoading') : t('common.loading')}</p>}>
      <OtherScreen screen={screen} />
    </Suspense>
  );
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
