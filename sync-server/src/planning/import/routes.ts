import { Hono } from 'hono';
import { z } from 'zod';
import { parseBody, parseQuery } from '../../auth/http';
import { authMiddleware, type AuthEnv } from '../../auth/middleware';
import type { AuthService } from '../../auth/service';
import type { Db } from '../../db/client';
import { mib, type BodyLimit } from '../../http/body-limits';
import { ApiError } from '../../http/errors';
import type { ReplicationEvents } from '../../replication/events';
import type { ReplicationStore } from '../../replication/store';
import { storeImportTarget } from './apply';
import { describePttContents, importPtt, pttDataFiles } from './ptt';

/**
 * A whole `_data` folder of a few years fits well below this; more is a mistake or an abuse. The app
 * applies it before the route reads the body.
 */
export const importBodyLimit: BodyLimit = {
  maxSize: 50 * mib,
  message: 'Dossier trop volumineux pour un import en ligne : utilisez relais import ptt sur le serveur.',
};

const dryRunQuery = z.object({
  dry_run: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
});

/** `{ "<file name>": <parsed content> }`, as a browser reads the files of the chosen folder. */
const filesBody = z.record(z.string().max(200), z.unknown());

export interface ImportRoutesDeps {
  auth: AuthService;
  db: Db;
  store: ReplicationStore;
  /** Told when an import is written: TomatoPlan's desktop clients reload everything. */
  events?: Pick<ReplicationEvents, 'refreshRequired'> | undefined;
}

/**
 * `POST /admin/import/ptt?dry_run=true`: the PTT import for an administrator (`manage_rights` or
 * `admin_access`) from the browser; same mapping, report and write path as `relais import ptt`,
 * the writes recorded under the administrator's name.
 */
export function importRoutes({ auth, db, store, events }: ImportRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requireAuth } = authMiddleware(auth);
  app.use('*', requireAuth());
  app.use('*', async (c, next) => {
    const { permissions } = c.get('auth');
    if (!permissions.manage_rights && !permissions.admin_access) {
      throw new ApiError('FORBIDDEN', 'Accès refusé : il vous faut le droit « manage_rights » ou « admin_access ».', { permission: 'manage_rights' });
    }
    await next();
  });

  app.post('/ptt', async (c) => {
    const { dry_run: dryRun } = parseQuery(c, dryRunQuery);
    const files = await parseBody(c, filesBody);
    const folder = describePttContents(files);
    if (!pttDataFiles.some((name) => name in folder.contents)) {
      throw new ApiError('VALIDATION_FAILED', `Aucun fichier de données reconnu (attendus : ${pttDataFiles.join(', ')})`);
    }
    const actor = c.get('auth').user.username;
    const report = importPtt(storeImportTarget(store, db.$client, actor), folder, { dryRun });
    if (!dryRun) {
      events?.refreshRequired({ entity: null, actor });
    }
    return c.json(report);
  });

  return app;
}
