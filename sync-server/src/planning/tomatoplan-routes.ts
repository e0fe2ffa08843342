import type { DashboardServer } from '@relais/schema';
import type { Hono } from 'hono';
import { authMiddleware, type AuthEnv } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import type { Db } from '../db/client';
import { createAnswerCache } from '../http/answer-cache';
import type { ApiUsage } from '../http/api-usage';
import { sendError } from '../http/errors';
import type { ReplicationStore } from '../replication/store';
import { chauffeursRoutes } from './chauffeurs-routes';
import { docsRoutes } from './docs-routes';
import { financeRoutes } from './finance-routes';
import type { LiveHub } from './live-hub';
import { missionsRoutes } from './missions-routes';
import type { TomatoPlanDeps } from './rest-context';
import { sstRoutes } from './sst-routes';
import { statsRoutes } from './stats-routes';
import { voyagesRoutes } from './voyages-routes';
import { version } from '../version';

/** The path prefixes of the TomatoPlan-compatible API; anything unknown under them answers a JSON 404. */
export const tomatoPlanPrefixes = ['/missions', '/voyages', '/chauffeurs', '/sst', '/finance', '/stats', '/docs'] as const;

/**
 * Mounts TomatoPlan's REST API (missions, voyages, chauffeurs, subcontractors, finance, stats, docs)
 * so its Windows clients keep working unchanged. Every write goes through the replication store.
 */
export function mountTomatoPlanApi(
  app: Hono,
  options: { db: Db; store: ReplicationStore; auth: AuthService; liveHub: LiveHub; apiUsage: ApiUsage; startedAt: number; now?: (() => Date) | undefined; serverFacts?: (() => Promise<DashboardServer>) | undefined },
): void {
  const { requirePermission, requireAuth } = authMiddleware(options.auth);
  const { store } = options;
  // Every write of a replicated collection bumps the sequence; a restore changes the identity.
  const answers = createAnswerCache(() => `${store.databaseIdentity()}:${store.currentSequence()}`);
  const deps: TomatoPlanDeps = { ...options, now: options.now ?? (() => new Date()), requirePermission, requireAuth, answers };
  const routes: [string, Hono<AuthEnv>][] = [
    ['/missions', missionsRoutes(deps)],
    ['/voyages', voyagesRoutes(deps)],
    ['/chauffeurs', chauffeursRoutes(deps)],
    ['/sst', sstRoutes(deps)],
    ['/finance', financeRoutes(deps)],
    ['/stats', statsRoutes(deps)],
  ];
  // FastAPI routers declare `/missions/` and redirect `/missions` to it; TomatoPlan's clients use
  // either. A redirect would turn a `requests` POST into a GET, so the slash is dropped in place.
  for (const prefix of tomatoPlanPrefixes) {
    app.use(`${prefix}/*`, async (c, next) => {
      const url = new URL(c.req.url);
      if (!url.pathname.endsWith('/')) {
        await next();
        return;
      }
      url.pathname = url.pathname.replace(/\/+$/, '');
      c.res = await app.fetch(new Request(url, c.req.raw), c.env);
    });
  }
  for (const [prefix, routesOf] of routes) {
    app.route(prefix, routesOf);
  }
  app.route('/', docsRoutes());
  app.get('/server-info', (c) => {
    const url = new URL(c.req.url);
    const uptime = Math.floor((Date.now() - deps.startedAt) / 1000);
    return c.json({
      name: 'Relais',
      version,
      status: 'running',
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      started_at: new Date(deps.startedAt).toISOString(),
      uptime_seconds: uptime,
      uptime_formatted: formatUptime(uptime),
    });
  });
  // TomatoPlan's is public; here, as the socket, it is for signed-in users (it names who is connected).
  app.get('/ws/status', requireAuth(), (c) => c.json(deps.liveHub.status()));
  for (const prefix of tomatoPlanPrefixes) {
    for (const path of [prefix, `${prefix}/*`]) {
      app.all(path, (c) => sendError(c, 'NOT_FOUND', `Route inconnue : ${c.req.method} ${c.req.path}`));
    }
  }
}

/** TomatoPlan's `1j 2h 3m 4s`. */
export function formatUptime(seconds: number): string {
  const parts = [
    [Math.floor(seconds / 86_400), 'j'],
    [Math.floor((seconds % 86_400) / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'm'],
  ] as const;
  return [...parts.filter(([value]) => value > 0).map(([value, unit]) => `${value}${unit}`), `${seconds % 60}s`].join(' ');
}

/** TomatoPlan's server-rendered administration pages, and the PWA screens that replace them. */
export const tomatoPlanAdminPages: Record<string, string> = {
  '/admin': '/app/admin',
  '/admin/login': '/app/admin',
  '/admin/page/users': '/app/admin/users',
  '/admin/page/sessions': '/app/admin/sessions',
  '/admin/page/logs': '/app/admin/logs',
  '/admin/page/backups': '/app/admin/backups',
  '/admin/page/config': '/app/admin/config',
};

/** Mounted before the administration API, whose routes all require a signed-in user. */
export function mountTomatoPlanAdminPages(app: Hono): void {
  for (const [path, target] of Object.entries(tomatoPlanAdminPages)) {
    app.get(path, (c) => c.redirect(target, 302));
  }
}
