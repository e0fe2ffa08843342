import { addDays, today, weekStart } from '@relais/domain';
import { collectionNames, missionStatutValues, recentActivityQuerySchema } from '@relais/schema';
import { Hono } from 'hono';
import { createActivityReader } from '../auth/activity';
import { parseQuery } from '../auth/http';
import type { AuthEnv } from '../auth/middleware';
import { type TomatoPlanDeps } from './rest-context';

/** Tables counted by `/stats/tables`, besides the replicated collections. */
const otherTables = ['users', 'sessions', 'activity_log', 'auth_events'] as const;

/**
 * TomatoPlan's statistics: the dashboard (missions of the day and the week by status, active
 * chauffeurs, voyages and sessions), row counts per table, actions per user, recent activity.
 */
export function statsRoutes(deps: TomatoPlanDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const sqlite = deps.db.$client;
  const activity = createActivityReader(deps.db);
  const countMissions = sqlite.prepare<[string, string], { statut: string; total: number }>(
    'SELECT statut, count(*) AS total FROM "missions" WHERE "_deleted" = 0 AND date_mission BETWEEN ? AND ? GROUP BY statut',
  );
  const countActive = (table: 'chauffeurs' | 'voyages' | 'sst'): number =>
    sqlite.prepare<[], { total: number }>(`SELECT count(*) AS total FROM "${table}" WHERE "_deleted" = 0 AND is_active = 1`).get()?.total ?? 0;

  function missionsBetween(from: string, to: string) {
    const par_statut = Object.fromEntries(missionStatutValues.map((statut) => [statut, 0])) as Record<string, number>;
    for (const row of countMissions.all(from, to)) {
      par_statut[row.statut] = row.total;
    }
    return { total: Object.values(par_statut).reduce((sum, count) => sum + count, 0), par_statut };
  }

  app.get('/dashboard', deps.requirePermission('view_planning'), async (c) => {
    const now = deps.now();
    const day = today(now);
    const monday = weekStart(day);
    const sunday = addDays(monday, 6);
    const nowIso = now.toISOString();
    const sessions = sqlite
      .prepare<[string], { sessions: number; users: number }>(
        'SELECT count(*) AS sessions, count(DISTINCT user_id) AS users FROM sessions WHERE revoked_at IS NULL AND expires_at > ?',
      )
      .get(nowIso);
    return c.json({
      date: day,
      missions_aujourdhui: missionsBetween(day, day),
      missions_semaine: { debut: monday, fin: sunday, ...missionsBetween(monday, sunday) },
      chauffeurs_actifs: countActive('chauffeurs'),
      voyages_actifs: countActive('voyages'),
      sst_actifs: countActive('sst'),
      sessions_actives: sessions?.sessions ?? 0,
      utilisateurs_connectes: sessions?.users ?? 0,
      // Relais' addition for administrators only: the server's health, who syncs, jobs and errors.
      ...(deps.serverFacts && c.get('auth').permissions.admin_access ? { serveur: await deps.serverFacts() } : {}),
    });
  });

  app.get('/tables', deps.requirePermission('admin_access'), (c) => {
    const counts: Record<string, number> = {};
    for (const table of collectionNames) {
      counts[table] = sqlite.prepare<[], { total: number }>(`SELECT count(*) AS total FROM "${table}" WHERE "_deleted" = 0`).get()?.total ?? 0;
    }
    for (const table of otherTables) {
      counts[table] = sqlite.prepare<[], { total: number }>(`SELECT count(*) AS total FROM "${table}"`).get()?.total ?? 0;
    }
    return c.json(counts);
  });

  app.get('/activity/users', deps.requirePermission('view_sauron'), (c) =>
    c.json(
      sqlite
        .prepare<[], { username: string; actions: number; derniere_action: string }>(
          `SELECT actor AS username, count(*) AS actions, max(at) AS derniere_action
             FROM activity_log WHERE actor IS NOT NULL GROUP BY actor ORDER BY actions DESC, actor`,
        )
        .all(),
    ),
  );

  app.get('/activity/recent', deps.requirePermission('view_sauron'), (c) => {
    // Unchanged since it moved here from the admin routes: its clients expect 400 on a bad limit.
    const { limit } = parseQuery(c, recentActivityQuerySchema);
    return c.json(activity.list({ limit, offset: 0 }).entries);
  });

  return app;
}
