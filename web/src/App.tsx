import { canRead } from '@relais/domain';
import { shownPage } from './auth/permissions';
import { useSignedIn } from './auth/use-session';
import { ChauffeursPage } from './chauffeurs/ChauffeursPage';
import { MissionsPage } from './missions/MissionsPage';
import { PlanningPage } from './planning/PlanningPage';
import { Header } from './ui/Header';
import { pages, useScreen, type Page, type Screen } from './ui/route';
import { VoyagesPage } from './voyages/VoyagesPage';

function isPage(screen: Screen): screen is Page {
  return (pages as readonly string[]).includes(screen);
}

export function App() {
  const { permissions } = useSignedIn();
  const screen = useScreen();
  // A page the role may not read (typed URL, role changed) shows the first allowed one instead;
  // anything else (the board, the journal without its right) shows the board when missions are readable.
  const shown: 'planning' | Page = isPage(screen)
    ? shownPage(screen, permissions)
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
        ) : (
          <VoyagesPage />
        )}
      </main>
    </div>
  );
}
