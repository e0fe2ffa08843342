import { ChauffeursPage } from './chauffeurs/ChauffeursPage';
import { MissionsPage } from './missions/MissionsPage';
import { Header } from './ui/Header';
import { usePage } from './ui/route';
import { VoyagesPage } from './voyages/VoyagesPage';

export function App() {
  const page = usePage();
  return (
    <div className="app">
      <Header page={page} />
      <main className="app-main">
        {page === 'missions' ? <MissionsPage /> : page === 'chauffeurs' ? <ChauffeursPage /> : <VoyagesPage />}
      </main>
    </div>
  );
}
