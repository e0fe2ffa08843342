/** The console's screen names, under `admin.screens`: the header shows them before the console loads. */
const fr = {
  screens: {
    admin: 'Tableau de bord',
    adminUsers: 'Utilisateurs',
    adminRoles: 'Rôles',
    adminSessions: 'Sessions',
    adminJobs: 'Tâches',
    adminBackups: 'Sauvegardes',
    adminConfig: 'Configuration',
    adminLogs: 'Journal serveur',
    adminWms: 'WMS',
    adminSages: 'SAGES',
  },
};

const en: typeof fr = {
  screens: {
    admin: 'Dashboard',
    adminUsers: 'Users',
    adminRoles: 'Roles',
    adminSessions: 'Sessions',
    adminJobs: 'Jobs',
    adminBackups: 'Backups',
    adminConfig: 'Configuration',
    adminLogs: 'Server log',
    adminWms: 'WMS',
    adminSages: 'SAGES',
  },
};

export const adminScreenMessages = { fr, en };
