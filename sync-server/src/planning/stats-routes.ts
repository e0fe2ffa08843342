import { addDays, today, weekStart } from '@relais/domain';
import { collectionNames, missionStatutValues, recentActivityQuerySchema } from '@relais/schema';
import { Hono } from 'hono';
import { z } from 'zod';
import { createActivityReader, tomatoPlanActivity } from '../auth/activity';
import { parseQuery } from '../auth/http';
import type { AuthEnv } from '../auth/middleware';
import { apiUsageDays } from '../http/api-usage';
import { queryOf, type TomatoPlanDeps } from './rest-context';

/** Tables counted by `/stats/tables`, besides the replicated collections. */
const otherTables = ['users', 'sessions', 'activity_log', 'auth_events'] as const;

/**
 * TomatoPlan's statistics: the dashboard (missions of the day and the week by status, active
 * chauffeurs, voyages and sessions), row counts per table, actions per user, recent activity,
 * the requests served, one user's activity.
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

  const databaseSize = (): number => {
    const pages = sqlite.prepare<[], { page_count: number }>('PRAGMA page_count').get()?.page_count ?? 0;
    const pageSize = sqlite.prepare<[], { page_size: number }>('PRAGMA page_size').get()?.page_size ?? 0;
    return pages * pageSize;
  };

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
    const dayStart = `${day}T00:00:00.000Z`;
    const touched = sqlite
      .prepare<[string], { created: number; modified: number }>(
        `SELECT coalesce(sum(action = 'create'), 0) AS created, coalesce(sum(action = 'update'), 0) AS modified FROM activity_log WHERE collection = 'missions' AND at >= ?`,
      )
      .get(dayStart);
    const today_requests = deps.apiUsage.today();
    const size = databaseSize();
    return c.json({
      // TomatoPlan's fields first, then Relais' own.
      missions: { today: missionsBetween(day, day).total, created_today: touched?.created ?? 0, modified_today: touched?.modified ?? 0 },
      voyages: { active: countActive('voyages') },
      chauffeurs: { active: countActive('chauffeurs') },
      users: { total: sqlite.prepare<[], { total: number }>('SELECT count(*) AS total FROM users WHERE is_active = 1').get()?.total ?? 0 },
      api: { requests_today: today_requests.requests, errors_today: today_requests.errors },
      database: { size_bytes: size, size_formatted: formatSize(size) },
      timestamp: now.toISOString(),
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
    // TomatoPlan's names for the logs.
    return c.json({ ...counts, activity_logs: counts['activity_log'] ?? 0, api_request_logs: deps.apiUsage.today().requests });
  });

  app.get('/activity/users', deps.requirePermission('view_sauron'), (c) => {
    const { days } = queryOf(c, z.object({ days: z.coerce.number().int().min(1).max(36_500).default(7) }));
    const since = new Date(deps.now().getTime() - days * 86_400_000).toISOString();
    return c.json(
      sqlite
        .prepare<[string], { username: string; action_count: number; actions: number; derniere_action: string }>(
          `SELECT actor AS username, count(*) AS action_count, count(*) AS actions, max(at) AS derniere_action
             FROM activity_log WHERE actor IS NOT NULL AND at >= ? GROUP BY actor ORDER BY actions DESC, actor`,
        )
        .all(since),
    );
  });

  app.get('/activity/recent', deps.requirePermission('view_sauron'), (c) => {
    // Unchanged since it moved here from the admin routes: its clients expect 400 on a bad limit.
    const { limit } = parseQuery(c, recentActivityQuerySchema);
    const { username, action_type } = queryOf(c, z.object({ username: z.string().min(1).optional(), action_type: z.string().min(1).optional() }));
    const entries = activity.list({ limit, offset: 0, user: username, action: action_type?.toLowerCase() }).entries;
    // Relais' fields, and TomatoPlan's names beside them.
    return c.json(entries.map((entry) => ({ ...entry, ...tomatoPlanActivity(entry) })));
  });

  app.get('/api', deps.requirePermission('admin_access'), (c) => {
    const { days } = queryOf(c, z.object({ days: z.coerce.number().int().min(1).max(apiUsageDays).default(1) }));
    return c.json(deps.apiUsage.stats(days));
  });

  app.get('/users/:username', deps.requirePermission('view_sauron'), (c) => {
    const wanted = c.req.param('username');
    const user = sqlite
      .prepare<[string], { username: string; display_name: string; role: string; is_active: number; created_at: string; last_login: string | null }>(
        'SELECT username, display_name, role, is_active, created_at, last_login FROM users WHERE username = ? COLLATE NOCASE',
      )
      .get(wanted);
    if (!user) {
      // TomatoPlan answers 200 with an `error` field, and its clients read it so.
      return c.json({ error: `Utilisateur '${wanted}' non trouvé` });
    }
    const actions = sqlite
      .prepare<[string], { action: string; total: number; last: string }>('SELECT action, count(*) AS total, max(at) AS last FROM activity_log WHERE actor = ? GROUP BY action')
      .all(user.username);
    return c.json({
      username: user.username,
      display_name: user.display_name,
      role: user.role,
      is_active: user.is_active === 1,
      created_at: user.created_at,
      last_login: user.last_login,
      total_actions: actions.reduce((sum, row) => sum + row.total, 0),
      actions_by_type: Object.fromEntries(actions.map((row) => [row.action, row.total])),
      last_activity: actions.reduce<string | null>((last, row) => (last === null || row.last > last ? row.last : last), null),
    });
  });

  return app;
}

/** TomatoPlan's `12.3 MB`. */
function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Math.round(value * 100) / 100} ${units[unit] ?? 'B'}`;
}
