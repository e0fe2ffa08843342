import { shownPage } from './auth/permissions';
import { useSignedIn } from './auth/use-session';
import { ChauffeursPage } from './chauffeurs/ChauffeursPage';
import { MissionsPage } from './missions/MissionsPage';
import { Header } from './ui/Header';
import { usePage } from './ui/route';
import { VoyagesPage } from './voyages/VoyagesPage';

export function App() {
  const { permissions } = useSignedIn();
  // A page the role may not read (typed URL, role changed) shows the first allowed one instead.
  const page = shownPage(usePage(), permissions);
  return (
    <div className="app">
      <Header page={page} />
      <main className="app-main">
        {page === 'missions' ? <MissionsPage /> : page === 'chauffeurs' ? <ChauffeursPage /> : <VoyagesPage />}
      </main>
    </div>
  );
}
