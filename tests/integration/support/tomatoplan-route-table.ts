import type { Permission } from '@relais/domain';
import { z } from 'zod';

/**
 * Every route of TomatoPlan's server (`server/routers/*.py` and `server/main.py` of
 * sojjos/tomatoplan_serveur, 87 with the WebSocket), as Relais answers it: method, path
 * (`{name}` is a fixture the test creates), who may call it (a permission; `public`: anyone;
 * `signed-in`: any user), the status of a successful call and the fields of its answer (TomatoPlan's
 * names and types; Relais ids are UUID strings where TomatoPlan's were integers).
 */
export interface RouteRow {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'WS';
  path: string;
  access: Permission | 'public' | 'signed-in';
  status: number;
  schema: z.ZodType;
  body?: Record<string, unknown> | Record<string, unknown>[];
  /** Where the page redirects (HTML administration pages). */
  location?: string;
  /** A path to an unknown object: 404 with a `detail` string. */
  missing?: string;
}

const id = z.union([z.string(), z.number()]);
const text = z.string().nullable();
const success = z.object({ success: z.literal(true), message: z.string() });
const counts = z.record(z.string(), z.number());

const mission = z.object({ id, uuid: z.string(), date_mission: z.string(), destination: text, statut: z.string(), heure_debut: text, voyage_id: text.optional(), chauffeur_id: text.optional(), created_by: text, updated_by: text, created_at: z.string(), updated_at: z.string() });
const voyage = z.object({ id, code: z.string(), nom: z.string(), is_active: z.boolean() });
const chauffeur = z.object({ id, code: z.string(), nom: z.string(), prenom: text.optional(), is_active: z.boolean() });
const dispo = z.object({ id, chauffeur_id: id, date_debut: z.string(), date_fin: z.string() });
const sst = z.object({ id, code: z.string(), nom: z.string(), is_active: z.boolean() });
const tarif = z.object({ id, sst_id: id, destination: z.string(), prix: z.number() });
const email = z.object({ id, sst_id: id, email: z.string(), is_primary: z.boolean() });
const revenu = z.object({ id, destination: z.string(), revenu_par_palette: z.number() });
const totals = { total_missions: z.number(), total_palettes: z.number(), total_revenus: z.number(), total_couts_sst: z.number(), marge_brute: z.number() };
const bucket = z.object({ missions: z.number(), palettes: z.number(), revenus: z.number(), couts_sst: z.number() });
const user = z.object({ id, username: z.string(), display_name: text, email: text.optional(), is_active: z.boolean(), is_system_admin: z.boolean(), last_login: text, created_at: z.string() });
const activity = z.object({ id, username: text, action_type: z.string(), entity_type: text, entity_id: text, client_ip: text, created_at: z.string() });
const tokens = z.object({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.number() });
const connectedUser = z.object({ username: z.string(), connected_at: z.string(), connections: z.number() });
const html = z.string();

export const routeTable: RouteRow[] = [
  // server/main.py
  { method: 'GET', path: '/', access: 'public', status: 200, schema: html },
  { method: 'GET', path: '/admin', access: 'public', status: 302, schema: html, location: '/app/admin' },
  { method: 'GET', path: '/admin/login', access: 'public', status: 302, schema: html, location: '/app/admin' },
  { method: 'GET', path: '/admin/page/users', access: 'public', status: 302, schema: html, location: '/app/admin/users' },
  { method: 'GET', path: '/admin/page/sessions', access: 'public', status: 302, schema: html, location: '/app/admin/sessions' },
  { method: 'GET', path: '/admin/page/logs', access: 'public', status: 302, schema: html, location: '/app/admin/logs' },
  { method: 'GET', path: '/admin/page/backups', access: 'public', status: 302, schema: html, location: '/app/admin/backups' },
  { method: 'GET', path: '/admin/page/config', access: 'public', status: 302, schema: html, location: '/app/admin/config' },
  { method: 'GET', path: '/health', access: 'public', status: 200, schema: z.object({ status: z.literal('ok'), healthy: z.literal(true), timestamp: z.string(), uptime_seconds: z.number(), uptime_formatted: z.string(), version: z.string() }) },
  { method: 'GET', path: '/server-info', access: 'public', status: 200, schema: z.object({ name: z.string(), version: z.string(), status: z.literal('running'), host: z.string(), port: z.number(), started_at: z.string(), uptime_seconds: z.number(), uptime_formatted: z.string() }) },
  { method: 'WS', path: '/ws', access: 'signed-in', status: 101, schema: z.object({ type: z.literal('welcome'), message: z.string(), client_id: z.string(), connected_users: z.array(connectedUser) }) },
  { method: 'GET', path: '/ws/status', access: 'signed-in', status: 200, schema: z.object({ connected_clients: z.number(), connected_users: z.number(), users: z.array(connectedUser) }) },

  // server/routers/auth.py
  { method: 'POST', path: '/auth/login', access: 'public', status: 200, schema: tokens.extend({ user: z.object({ username: z.string(), permissions: z.record(z.string(), z.boolean()) }), must_change_password: z.boolean() }), body: { username: '{login_user}', password: '{password}', hostname: 'PC-BUREAU' } },
  { method: 'GET', path: '/auth/me', access: 'signed-in', status: 200, schema: z.object({ id, username: z.string(), display_name: text, role: z.string(), permissions: z.record(z.string(), z.boolean()) }) },
  { method: 'POST', path: '/auth/change-password', access: 'signed-in', status: 200, schema: success, body: { current_password: '{password}', new_password: 'Autre-Mot-2026!' } },
  { method: 'POST', path: '/auth/refresh', access: 'signed-in', status: 200, schema: tokens },
  { method: 'POST', path: '/auth/logout', access: 'signed-in', status: 200, schema: success },

  // server/routers/missions.py
  { method: 'GET', path: '/missions?date_debut=2030-01-01&date_fin=2030-01-31&statut=planifie&skip=0&limit=100', access: 'view_planning', status: 200, schema: z.array(mission).min(1) },
  { method: 'GET', path: '/missions/by-date/2030-01-07', access: 'view_planning', status: 200, schema: z.array(mission).min(1) },
  { method: 'GET', path: '/missions/{mission}', access: 'view_planning', status: 200, schema: mission, missing: '/missions/00000000-0000-4000-8000-000000000000' },
  { method: 'GET', path: '/missions/uuid/{mission}', access: 'view_planning', status: 200, schema: mission, missing: '/missions/uuid/00000000-0000-4000-8000-000000000000' },
  { method: 'POST', path: '/missions', access: 'edit_planning', status: 201, schema: mission, body: { date_mission: '2030-01-08', destination: 'Lille', heure_debut: '08:00' } },
  { method: 'PUT', path: '/missions/{mission}', access: 'edit_planning', status: 200, schema: mission, body: { commentaire: 'Quai 4' } },
  { method: 'DELETE', path: '/missions/{mission_del}', access: 'edit_planning', status: 200, schema: success },
  { method: 'POST', path: '/missions/bulk', access: 'edit_planning', status: 201, schema: z.array(mission).length(2), body: [{ date_mission: '2030-01-09', destination: 'Metz', heure_debut: '05:00' }, { date_mission: '2030-01-09', destination: 'Nancy', heure_debut: '09:00' }] },

  // server/routers/voyages.py
  { method: 'GET', path: '/voyages?active_only=true', access: 'view_planning', status: 200, schema: z.array(voyage).min(1) },
  { method: 'GET', path: '/voyages/{voyage}', access: 'view_planning', status: 200, schema: voyage, missing: '/voyages/00000000-0000-4000-8000-000000000000' },
  { method: 'GET', path: '/voyages/code/PAR1', access: 'view_planning', status: 200, schema: voyage, missing: '/voyages/code/NOPE' },
  { method: 'POST', path: '/voyages', access: 'manage_voyages', status: 201, schema: voyage, body: { code: 'LIL1', nom: 'Lille soir', destination: 'Lille' } },
  { method: 'PUT', path: '/voyages/{voyage}', access: 'manage_voyages', status: 200, schema: voyage, body: { nom: 'Paris aube' } },
  { method: 'DELETE', path: '/voyages/{voyage_del}', access: 'manage_voyages', status: 200, schema: success },

  // server/routers/chauffeurs.py
  { method: 'GET', path: '/chauffeurs?active_only=false', access: 'view_drivers', status: 200, schema: z.array(chauffeur).min(1) },
  { method: 'GET', path: '/chauffeurs/{chauffeur}', access: 'view_drivers', status: 200, schema: chauffeur, missing: '/chauffeurs/00000000-0000-4000-8000-000000000000' },
  { method: 'GET', path: '/chauffeurs/code/DUP', access: 'view_drivers', status: 200, schema: chauffeur, missing: '/chauffeurs/code/NOPE' },
  { method: 'POST', path: '/chauffeurs', access: 'manage_drivers', status: 201, schema: chauffeur, body: { code: 'MAR', nom: 'Martin', prenom: 'Paul' } },
  { method: 'PUT', path: '/chauffeurs/{chauffeur}', access: 'manage_drivers', status: 200, schema: chauffeur, body: { telephone: '0600000000' } },
  { method: 'DELETE', path: '/chauffeurs/{chauffeur_del}', access: 'manage_drivers', status: 200, schema: success },
  { method: 'GET', path: '/chauffeurs/{chauffeur}/disponibilites', access: 'view_drivers', status: 200, schema: z.array(dispo).min(1) },
  { method: 'POST', path: '/chauffeurs/disponibilites', access: 'edit_driver_planning', status: 201, schema: dispo, body: { chauffeur_id: '{chauffeur}', date_debut: '2030-02-01', date_fin: '2030-02-02', type_absence: 'formation' } },
  { method: 'DELETE', path: '/chauffeurs/disponibilites/{dispo_del}', access: 'edit_driver_planning', status: 200, schema: success },
  { method: 'GET', path: '/chauffeurs/disponibles/2030-01-10', access: 'view_drivers', status: 200, schema: z.object({ date: z.string(), disponibles: z.array(z.object({ id, code: z.string() })), indisponibles: z.array(z.object({ id })) }) },

  // server/routers/sst.py
  { method: 'GET', path: '/sst?active_only=true', access: 'view_finance', status: 200, schema: z.array(sst).min(1) },
  { method: 'GET', path: '/sst/{sst}', access: 'view_finance', status: 200, schema: sst, missing: '/sst/00000000-0000-4000-8000-000000000000' },
  { method: 'GET', path: '/sst/code/TRANS', access: 'view_finance', status: 200, schema: sst, missing: '/sst/code/NOPE' },
  { method: 'POST', path: '/sst', access: 'manage_sst', status: 201, schema: sst, body: { code: 'ROUTE', nom: 'Route SARL' } },
  { method: 'PUT', path: '/sst/{sst}', access: 'manage_sst', status: 200, schema: sst, body: { nom: 'Trans SAS' } },
  { method: 'DELETE', path: '/sst/{sst_del}', access: 'manage_sst', status: 200, schema: success },
  { method: 'GET', path: '/sst/{sst}/tarifs', access: 'view_finance', status: 200, schema: z.array(tarif).min(1) },
  { method: 'GET', path: '/sst/tarifs/all?sst_code=TRANS', access: 'view_finance', status: 200, schema: z.array(tarif.extend({ sst_code: z.string() })).min(1) },
  { method: 'POST', path: '/sst/tarifs', access: 'manage_sst', status: 201, schema: tarif, body: { sst_id: '{sst}', destination: 'Reims', prix: 280 } },
  { method: 'PUT', path: '/sst/tarifs/{tarif}', access: 'manage_sst', status: 200, schema: tarif, body: { prix: 360 } },
  { method: 'DELETE', path: '/sst/tarifs/{tarif_del}', access: 'manage_sst', status: 200, schema: success },
  { method: 'GET', path: '/sst/{sst}/emails', access: 'view_finance', status: 200, schema: z.array(email).min(1) },
  { method: 'POST', path: '/sst/emails', access: 'manage_sst', status: 201, schema: email, body: { sst_id: '{sst}', email: 'exploitation@trans.example' } },
  { method: 'DELETE', path: '/sst/emails/{email_del}', access: 'manage_sst', status: 200, schema: success },

  // server/routers/finance.py
  { method: 'GET', path: '/finance/revenus', access: 'view_finance', status: 200, schema: z.array(revenu).min(1) },
  { method: 'GET', path: '/finance/revenus/{revenu}', access: 'view_finance', status: 200, schema: revenu, missing: '/finance/revenus/00000000-0000-4000-8000-000000000000' },
  { method: 'GET', path: '/finance/revenus/destination/Paris', access: 'view_finance', status: 200, schema: revenu, missing: '/finance/revenus/destination/Nulle-part' },
  { method: 'POST', path: '/finance/revenus', access: 'manage_sst', status: 201, schema: revenu, body: { destination: 'Lyon', revenu_par_palette: 18 } },
  { method: 'PUT', path: '/finance/revenus/{revenu}', access: 'manage_sst', status: 200, schema: revenu, body: { revenu_par_palette: 21 } },
  { method: 'DELETE', path: '/finance/revenus/{revenu_del}', access: 'manage_sst', status: 200, schema: success },
  { method: 'GET', path: '/finance/stats?date_debut=2030-01-01&date_fin=2030-01-31', access: 'view_finance', status: 200, schema: z.object({ periode: z.object({ debut: z.string(), fin: z.string() }), ...totals, missions_par_pays: z.record(z.string(), z.object({ count: z.number(), palettes: z.number(), revenus: z.number(), couts_sst: z.number() })) }) },
  { method: 'GET', path: '/finance/stats/mensuel?annee=2030&mois=1', access: 'view_finance', status: 200, schema: z.object({ annee: z.literal(2030), mois: z.literal(1), ...totals, stats_par_jour: z.record(z.string(), bucket) }) },
  { method: 'GET', path: '/finance/stats/annuel?annee=2030', access: 'view_finance', status: 200, schema: z.object({ annee: z.literal(2030), ...totals, stats_par_mois: z.record(z.string(), bucket).refine((months) => Object.keys(months).length === 12) }) },

  // server/routers/stats.py
  {
    method: 'GET',
    path: '/stats/dashboard',
    access: 'view_planning',
    status: 200,
    schema: z.object({
      missions: z.object({ today: z.number(), created_today: z.number(), modified_today: z.number() }),
      voyages: z.object({ active: z.number() }),
      chauffeurs: z.object({ active: z.number() }),
      users: z.object({ total: z.number() }),
      api: z.object({ requests_today: z.number(), errors_today: z.number() }),
      database: z.object({ size_bytes: z.number(), size_formatted: z.string() }),
      timestamp: z.string(),
    }),
  },
  { method: 'GET', path: '/stats/tables', access: 'admin_access', status: 200, schema: z.object({ users: z.number(), missions: z.number(), voyages: z.number(), chauffeurs: z.number(), activity_logs: z.number(), api_request_logs: z.number() }) },
  { method: 'GET', path: '/stats/activity/users?days=7', access: 'view_sauron', status: 200, schema: z.array(z.object({ username: z.string(), action_count: z.number() })).min(1) },
  { method: 'GET', path: '/stats/api?days=1', access: 'admin_access', status: 200, schema: z.object({ by_endpoint: z.array(z.object({ path: z.string(), count: z.number() })).min(1), by_status: z.array(z.object({ status: z.number(), count: z.number() })).min(1), avg_response_time_ms: z.number() }) },
  { method: 'GET', path: '/stats/activity/recent?limit=20', access: 'view_sauron', status: 200, schema: z.array(activity).min(1) },
  { method: 'GET', path: '/stats/users/{admin_name}', access: 'view_sauron', status: 200, schema: z.object({ username: z.string(), display_name: text, role: z.string(), is_active: z.boolean(), created_at: z.string(), last_login: text, total_actions: z.number(), actions_by_type: counts, last_activity: text }) },

  // server/routers/admin.py
  { method: 'GET', path: '/admin/users', access: 'manage_rights', status: 200, schema: z.array(user).min(1) },
  { method: 'POST', path: '/admin/users', access: 'manage_rights', status: 201, schema: user.extend({ role: z.string(), temp_password: z.string() }), body: { username: 'NOUVEAU', display_name: 'Nouvel Arrivant', role_name: 'viewer' } },
  { method: 'PUT', path: '/admin/users/{user}', access: 'manage_rights', status: 200, schema: user, body: { display_name: 'Paul Martin-Durand' } },
  { method: 'DELETE', path: '/admin/users/{user_del}', access: 'manage_rights', status: 200, schema: success, missing: '/admin/users/999999' },
  { method: 'GET', path: '/admin/roles', access: 'manage_rights', status: 200, schema: z.array(z.object({ id: z.number(), name: z.string(), description: text })).min(1) },
  { method: 'GET', path: '/admin/sessions', access: 'admin_access', status: 200, schema: z.array(z.object({ session_id: z.string(), username: z.string(), display_name: text, client_ip: text, client_hostname: text, connected_at: z.string(), last_activity: z.string(), expires_at: z.string() })).min(1) },
  { method: 'POST', path: '/admin/sessions/disconnect/{kick_name}', access: 'admin_access', status: 200, schema: success },
  { method: 'GET', path: '/admin/backups', access: 'admin_access', status: 200, schema: z.array(z.object({ filename: z.string(), size_bytes: z.number(), created_at: z.string(), description: z.string() })).min(1) },
  { method: 'POST', path: '/admin/backups', access: 'admin_access', status: 200, schema: z.object({ success: z.literal(true), backup_file: z.string(), backup_path: z.string(), size_bytes: z.number(), created_at: z.string() }) },
  { method: 'POST', path: '/admin/backups/restore/{backup}', access: 'admin_access', status: 200, schema: z.object({ success: z.literal(true), restored_from: z.string(), restored_at: z.string(), safety_backup: text }), missing: '/admin/backups/restore/backup_20000101_000000.db.gz' },
  { method: 'DELETE', path: '/admin/backups/{backup_del}', access: 'admin_access', status: 200, schema: success, missing: '/admin/backups/backup_20000101_000000.db.gz' },
  { method: 'POST', path: '/admin/backups/cleanup?retention_days=30', access: 'admin_access', status: 200, schema: success.extend({ deleted_count: z.number() }) },
  { method: 'GET', path: '/admin/config', access: 'admin_access', status: 200, schema: z.object({ app_name: z.string(), app_version: z.string(), host: z.string(), port: z.number(), log_level: z.string(), backup_retention_days: z.number(), auto_backup_enabled: z.boolean() }) },
  { method: 'POST', path: '/admin/sessions/{kick_session}/kick', access: 'admin_access', status: 200, schema: success, missing: '/admin/sessions/inconnue/kick' },
  { method: 'POST', path: '/admin/sessions/kick-all', access: 'admin_access', status: 200, schema: success },
  { method: 'POST', path: '/admin/users/{user}/reset-password', access: 'manage_rights', status: 200, schema: z.object({ success: z.literal(true), temp_password: z.string(), message: z.string() }), missing: '/admin/users/999999/reset-password' },
  { method: 'GET', path: '/admin/logs?limit=10', access: 'view_sauron', status: 200, schema: z.object({ total: z.number(), logs: z.array(activity).min(1) }) },
];
