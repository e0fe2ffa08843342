import type { DashboardServer } from '@relais/schema';
import type { Hono } from 'hono';
import { authMiddleware, type AuthEnv } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import type { Db } from '../db/client';
import { sendError } from '../http/errors';
import type { ReplicationStore } from '../replication/store';
import { chauffeursRoutes } from './chauffeurs-routes';
import { docsRoutes } from './docs-routes';
import { financeRoutes } from './finance-routes';
import { missionsRoutes } from './missions-routes';
import type { TomatoPlanDeps } from './rest-context';
import { sstRoutes } from './sst-routes';
import { statsRoutes } from './stats-routes';
import { voyagesRoutes } from './voyages-routes';

/** The path prefixes of the TomatoPlan-compatible API; anything unknown under them answers a JSON 404. */
export const tomatoPlanPrefixes = ['/missions', '/voyages', '/chauffeurs', '/sst', '/finance', '/stats', '/docs'] as const;

/**
 * Mounts TomatoPlan's REST API (missions, voyages, chauffeurs, subcontractors, finance, stats, docs)
 * so its Windows clients keep working unchanged. Every write goes through the replication store.
 */
export function mountTomatoPlanApi(
  app: Hono,
  options: { db: Db; store: ReplicationStore; auth: AuthService; now?: (() => Date) | undefined; serverFacts?: (() => Promise<DashboardServer>) | undefined },
): void {
  const { requirePermission, requireAuth } = authMiddleware(options.auth);
  const deps: TomatoPlanDeps = { ...options, now: options.now ?? (() => new Date()), requirePermission, requireAuth };
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
  for (const prefix of tomatoPlanPrefixes) {
    for (const path of [prefix, `${prefix}/*`]) {
      app.all(path, (c) => sendError(c, 'NOT_FOUND', `Route inconnue : ${c.req.method} ${c.req.path}`));
    }
  }
}
