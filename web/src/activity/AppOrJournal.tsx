import { App } from '../App';
import { useSignedIn } from '../auth/use-session';
import { Header } from '../ui/Header';
import { useScreen } from '../ui/route';
import { ActivityPage } from './ActivityPage';
import { WmsAdminPage } from '../connectors/wms/WmsAdminPage';

/**
 * The activity log for who may read it (`view_sauron`), else the other screens. Anyone else
 * typing `/app/journal` gets the planning board, as for any unknown address.
 */
export function AppOrJournal() {
  const { permissions } = useSignedIn();
  const screen = useScreen();
  if (screen === 'wms' && permissions.manage_connectors) {
    return (
      <div className="app">
        <Header page="wms" />
        <main className="app-main">
          <WmsAdminPage />
        </main>
      </div>
    );
  }
  if (screen !== 'journal' || !permissions.view_sauron) {
    return <App />;
  }
  return (
    <div className="app">
      <Header page="journal" />
      <main className="app-main">
        <ActivityPage />
      </main>
    </div>
  );
}
