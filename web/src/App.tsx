import { canRead } from '@relais/domain';
import { AnnoncesPage } from './annonces/AnnoncesPage';
import { shownPage } from './auth/permissions';
import { useSignedIn } from './auth/use-session';
import { ChauffeursPage } from './chauffeurs/ChauffeursPage';
import { SagesPage } from './connectors/sages/SagesPage';
import { DaySheetPage } from './chauffeurs/DaySheetPage';
import { RevenusPage } from './finance/RevenusPage';
import { MissionsPage } from './missions/MissionsPage';
import { PlanningPage } from './planning/PlanningPage';
import { isModuleScreen, mayOpenModuleScreen } from './sst/screens';
import { SstPage } from './sst/SstPage';
import { InvoicingModule } from './invoicing/InvoicingModule';
import { Header } from './ui/Header';
import { isInvoicingScreen, pages, useScreen, type ModuleScreen, type Page, type Screen } from './ui/route';
import { VoyagesPage } from './voyages/VoyagesPage';

function isPage(screen: Screen): screen is Page {
  return (pages as readonly string[]).includes(screen);
}

export function App() {
  const { permissions } = useSignedIn();
  const screen = useScreen();
  if (screen === 'annonces' && permissions.send_announcements) {
    return (
      <div className="app">
        <Header page="annonces" />
        <main className="app-main">
          <AnnoncesPage />
        </main>
      </div>
    );
  }
  if (screen === 'sages' && (permissions.manage_connectors || permissions.view_finance)) {
    return (
      <div className="app">
        <Header page="sages" />
        <main className="app-main">
          <SagesPage />
        </main>
      </div>
    );
  }
  if (isInvoicingScreen(screen) && permissions.view_invoicing) {
    return (
      <div className="app">
        <Header page={screen} />
        <main className="app-main">
          <InvoicingModule screen={screen} />
        </main>
      </div>
    );
  }
  // A page the role may not read (typed URL, role changed) shows the first allowed one instead;
  // anything else (the board, the journal without its right) shows the board when missions are readable.
  const shown: 'planning' | Page | ModuleScreen = isPage(screen)
    ? shownPage(screen, permissions)
    : isModuleScreen(screen) && mayOpenModuleScreen(screen, permissions)
      ? screen
      : canRead('missions', permissions)
        ? 'planning'
        : shownPage('missions', permissions);
  return (
    <div className="app">
      <Header page={shown} />
      <main className="app-main">
        {shown === 'planning' ? (
          <PlanningPage />
        ) : shown === 'missions' ? (
          <MissionsPage />
        ) : shown === 'chauffeurs' ? (
          <ChauffeursPage />
        ) : shown === 'sst' ? (
          <SstPage />
        ) : shown === 'revenus' ? (
          <RevenusPage />
        ) : shown === 'daySheet' ? (
          <DaySheetPage />
        ) : (
          <VoyagesPage />
        )}
      </main>
    </div>
  );
}
