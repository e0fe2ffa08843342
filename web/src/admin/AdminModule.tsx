import type { AdminScreen } from '../ui/route';
import { BackupsPage } from './BackupsPage';
import { ConfigPage } from './ConfigPage';
import { DashboardPage } from './DashboardPage';
import { JobsPage } from './JobsPage';
import { LogsPage } from './LogsPage';
import { RolesPage } from './RolesPage';
import { SessionsPage } from './SessionsPage';
import { SagesPage } from '../connectors/sages/SagesPage';
import { WmsAdminPage } from '../connectors/wms/WmsAdminPage';
import { UsersPage } from './UsersPage';
import './admin.css';

/** The server administration console: one screen per address under `/app/admin`. */
export function AdminModule({ screen }: { screen: AdminScreen }) {
  switch (screen) {
    case 'admin':
      return <DashboardPage />;
    case 'adminUsers':
      return <UsersPage />;
    case 'adminRoles':
      return <RolesPage />;
    case 'adminSessions':
      return <SessionsPage />;
    case 'adminJobs':
      return <JobsPage />;
    case 'adminBackups':
      return <BackupsPage />;
    case 'adminConfig':
      return <ConfigPage />;
    case 'adminLogs':
      return <LogsPage />;
    case 'adminWms':
      return <WmsAdminPage />;
    case 'adminSages':
      return <SagesPage />;
  }
}
