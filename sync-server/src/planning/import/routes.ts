import { Hono } from 'hono';
import { z } from 'zod';
import { parseBody, parseQuery } from '../../auth/http';
import { authMiddleware, type AuthEnv } from '../../auth/middleware';
import type { AuthService } from '../../auth/service';
import { mib, type BodyLimit } from '../../http/body-limits';
import { ApiError } from '../../http/errors';
import type { Scheduler } from '../../scheduler/scheduler';
import { pttImportJobName, type ImportInbox } from './job';
import { describePttContents, pttDataFiles } from './ptt';

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
  scheduler: Scheduler;
  inbox: ImportInbox;
}

/**
 * `POST /admin/import/ptt?dry_run=true`: the PTT import for an administrator (`manage_rights` or
 * `admin_access`) from the browser; same mapping, report and write path as `relais import ptt`,
 * the writes recorded under the administrator's name. Years of data take a while: the route checks
 * the folder, then hands it to the `import-ptt` job and answers 202 with the run, whose progress
 * and report (its result) `/admin/jobs` gives. A second import while one runs: 409 ALREADY_RUNNING.
 */
export function importRoutes({ auth, scheduler, inbox }: ImportRoutesDeps): Hono<AuthEnv> {
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
    const { runId } = scheduler.run(pttImportJobName, { trigger: 'manual', actor: c.get('auth').user.username });
    // Before any await: the run reads its folder on its first step, after this handler returns.
    inbox.set(runId, { folder, dryRun });
    return c.json({ run_id: runId, job: pttImportJobName, status: 'running', dry_run: dryRun, status_url: `/admin/jobs/runs/${runId}` }, 202);
  });

  return app;
}
