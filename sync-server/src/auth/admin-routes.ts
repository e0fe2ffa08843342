import { activityQuerySchema, createUserRequestSchema, updateUserRequestSchema } from '@relais/schema';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/client';
import { ApiError } from '../http/errors';
import { noStore } from '../http/secure-headers';
import { createActivityReader, tomatoPlanActivity } from './activity';
import { createAdminService } from './admin-service';
import { parseBody, parseQuery, requestOrigin } from './http';
import { authMiddleware, type AuthEnv } from './middleware';
import type { AuthService } from './service';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'));

const activeOnlyQuery = z.object({ active_only: flag });

function idParam(c: Context): number {
  const raw = c.req.param('id') ?? '';
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id)) {
    throw new ApiError('NOT_FOUND', `Utilisateur introuvable : ${raw}`);
  }
  return id;
}

function originOf(auth: AuthService, c: Context<AuthEnv>) {
  return requestOrigin(c, auth.fromTrustedProxy, c.get('auth').session.hostname);
}

/**
 * TomatoPlan's administration routes: users and roles (`manage_rights`), sessions (`admin_access`),
 * activity log (`view_sauron`). Refusals are 403 with a French `detail`.
 */
export function adminRoutes(auth: AuthService, db: Db): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requirePermission } = authMiddleware(auth);
  const admin = createAdminService(auth);
  const activity = createActivityReader(db);
  const origin = (c: Context<AuthEnv>) => originOf(auth, c);

  // Accounts, sessions, addresses: never kept by a browser or a proxy cache.
  app.use('*', noStore());

  app.use('/users', requirePermission('manage_rights'));
  app.use('/users/*', requirePermission('manage_rights'));
  app.use('/roles', requirePermission('manage_rights'));
  app.use('/sessions', requirePermission('admin_access'));
  app.use('/sessions/*', requirePermission('admin_access'));
  app.use('/logs', requirePermission('view_sauron'));
  app.use('/security', requirePermission('admin_access'));

  app.get('/users', (c) => c.json(admin.listUsers(parseQuery(c, activeOnlyQuery).active_only ?? false)));

  app.post('/users', async (c) => {
    const body = await parseBody(c, createUserRequestSchema);
    return c.json(await admin.createUser(c.get('auth'), body, origin(c)), 201);
  });

  app.put('/users/:id', async (c) => {
    const id = idParam(c);
    const body = await parseBody(c, updateUserRequestSchema);
    return c.json(admin.updateUser(c.get('auth'), id, body, origin(c)));
  });

  app.delete('/users/:id', (c) => c.json(admin.deactivateUser(c.get('auth'), idParam(c), origin(c))));

  app.post('/users/:id/reset-password', async (c) => c.json(await admin.resetPassword(c.get('auth'), idParam(c), origin(c))));

  app.get('/roles', (c) => c.json(admin.roles()));

  app.get('/sessions', (c) => c.json(admin.sessions(c.get('auth'), parseQuery(c, activeOnlyQuery).active_only ?? true)));

  // Declared before `/sessions/:id/kick` so `kick-all` is never read as a session id.
  app.post('/sessions/kick-all', (c) => c.json(admin.kickAll(c.get('auth'), origin(c))));

  // `{.+}`: `DOMAIN/jean.dupont` (or a `\` that the URL parser turned into `/`) is one name.
  app.post('/sessions/disconnect/:username{.+}', (c) => c.json(admin.disconnect(c.get('auth'), c.req.param('username'), origin(c))));

  app.post('/sessions/:id/kick', (c) => c.json(admin.kick(c.get('auth'), c.req.param('id'), origin(c))));

  app.get('/logs', (c) => {
    const page = activity.list(parseQuery(c, activityQuerySchema));
    // `logs` is TomatoPlan's answer; `entries` the PWA's.
    return c.json({ ...page, logs: page.entries.map(tomatoPlanActivity) });
  });

  // The risks the dashboard shows: password-less sign-in modes that are switched on.
  app.get('/security', (c) => {
    const { legacyWindowsSubnets = [], trustedProxyHeader, trustedProxyAddresses = [] } = auth.settings;
    return c.json({
      legacy_windows_login: { enabled: legacyWindowsSubnets.length > 0, subnets: legacyWindowsSubnets },
      trusted_proxy: { enabled: trustedProxyHeader !== undefined, header: trustedProxyHeader ?? null, addresses: trustedProxyAddresses },
      risks: legacyWindowsSubnets.length > 0 ? ['Connexion sans mot de passe des anciens clients TomatoPlan activée'] : [],
    });
  });

  return app;
}
