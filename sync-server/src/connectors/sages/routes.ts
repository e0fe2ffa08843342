import { toFieldIssues } from '@relais/sync-protocol';
import { and, asc, desc, gte, like, lte, or, type SQL } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { parseQuery, requestOrigin } from '../../auth/http';
import { authMiddleware, type AuthEnv } from '../../auth/middleware';
import type { AuthService } from '../../auth/service';
import type { Db } from '../../db/client';
import { sagesChantiers, sagesHeures } from '../../db/tables';
import { ApiError } from '../../http/errors';
import { toJobRun } from '../../scheduler/runs';
import type { Scheduler } from '../../scheduler/scheduler';
import { isRecord, maskSettings } from './config';
import { isSagesJob, sagesJobNames, sagesJobPrefix, type SagesConnector, type SagesJobName } from './connector';

const listQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

function jobParam(c: Context): SagesJobName {
  const name = c.req.param('job') ?? '';
  if (!isSagesJob(name)) throw new ApiError('NOT_FOUND', `Tâche SAGES inconnue : ${name} (${sagesJobNames.join(', ')})`);
  return name;
}

function sideParam(c: Context): 'sqlServer' | 'batisimply' {
  const side = c.req.param('side');
  if (side === 'sql-server') return 'sqlServer';
  if (side === 'batisimply') return 'batisimply';
  throw new ApiError('NOT_FOUND', `Côté inconnu : ${side ?? ''} (sql-server, batisimply)`);
}

/**
 * Names of the settings a change touched (`sqlServer.host`, `sqlServer.tables.heures`, `windowDays`),
 * for the audit log: never their values. Walked along the settings' own shape: a key they lack is
 * not named, and a change nested deeper than they are is not walked (a body of 10 000 nested
 * objects, stripped by the validation, overflowed the stack here: a 500 after the change was saved).
 */
function changedFields(change: unknown, settings: unknown, prefix = ''): string[] {
  if (!isRecord(change) || !isRecord(settings)) return prefix === '' ? [] : [prefix];
  return Object.entries(change).flatMap(([key, value]) =>
    Object.hasOwn(settings, key) ? changedFields(value, settings[key], prefix === '' ? key : `${prefix}.${key}`) : [],
  );
}

/**
 * `/api/sages`: the connector's configuration, connection tests, jobs (runs, run now, dry run) for
 * administrators (`manage_connectors`); the chantiers and hours of the hub, read-only, for finance too.
 */
export function sagesRoutes({ auth, db, sages, scheduler }: { auth: AuthService; db: Db; sages: SagesConnector; scheduler: Scheduler }): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requireAuth, requirePermission } = authMiddleware(auth);
  const readers = requireAuth();
  const admins = requirePermission('manage_connectors');
  const canRead = (c: Context<AuthEnv>): void => {
    const { permissions } = c.get('auth');
    if (!permissions.view_finance && !permissions.manage_connectors) {
      throw new ApiError('FORBIDDEN', 'Accès refusé : il vous faut le droit « view_finance ».', { permission: 'view_finance' });
    }
  };

  app.get('/chantiers', readers, (c) => {
    canRead(c);
    const query = parseQuery(c, listQuerySchema);
    const filter = query.q ? or(like(sagesChantiers.code, `%${query.q}%`), like(sagesChantiers.libelle, `%${query.q}%`), like(sagesChantiers.client, `%${query.q}%`)) : undefined;
    const rows = db.select().from(sagesChantiers).where(filter).orderBy(asc(sagesChantiers.code)).limit(query.limit).offset(query.offset).all();
    const total = db.select({ code: sagesChantiers.code }).from(sagesChantiers).where(filter).all().length;
    return c.json({ total, chantiers: rows.map(({ hash: _hash, exported_hash, ...row }) => ({ ...row, to_export: exported_hash !== _hash })) });
  });

  app.get('/heures', readers, (c) => {
    canRead(c);
    const query = parseQuery(c, listQuerySchema);
    const conditions: SQL[] = [];
    if (query.from) conditions.push(gte(sagesHeures.date_locale, query.from));
    if (query.to) conditions.push(lte(sagesHeures.date_locale, query.to));
    if (query.q) {
      const matched = or(like(sagesHeures.salarie_nom, `%${query.q}%`));
      if (matched) conditions.push(matched);
    }
    const filter = conditions.length > 0 ? and(...conditions) : undefined;
    const rows = db.select().from(sagesHeures).where(filter).orderBy(desc(sagesHeures.date_locale), asc(sagesHeures.salarie_nom)).limit(query.limit).offset(query.offset).all();
    const total = db.select({ id: sagesHeures.slot_id }).from(sagesHeures).where(filter).all().length;
    const codes = new Map(db.select({ code: sagesChantiers.code, id: sagesChantiers.bs_project_id, libelle: sagesChantiers.libelle }).from(sagesChantiers).all().map((row) => [row.id, row]));
    return c.json({
      total,
      heures: rows.map(({ hash, sent_hash, ...row }) => ({
        ...row,
        chantier: row.project_id === null ? null : (codes.get(row.project_id) ?? null),
        sent: sent_hash !== null && sent_hash === hash,
      })),
    });
  });

  app.use('/config', admins);
  app.use('/config/*', admins);
  app.use('/test/*', admins);
  app.use('/jobs', admins);
  app.use('/jobs/*', admins);

  app.get('/config', (c) => c.json({ settings: maskSettings(sages.config.read()), configured: sages.config.configured() }));

  app.put('/config', async (c) => {
    let change: unknown;
    try {
      change = await c.req.json();
    } catch {
      throw new ApiError('BAD_REQUEST', 'Corps de requête JSON invalide');
    }
    let settings;
    try {
      settings = sages.config.update(change, c.get('auth').user.username);
    } catch (error) {
      if (error instanceof z.ZodError) throw new ApiError('VALIDATION_FAILED', 'Configuration SAGES invalide', { issues: toFieldIssues(error.issues) });
      throw error;
    }
    const authenticated = c.get('auth');
    auth.repo.logEvent({
      at: auth.iso(),
      actor: authenticated.user.username,
      action: 'config_changed',
      target: 'sages',
      sessionId: authenticated.session.id,
      origin: requestOrigin(c, auth.fromTrustedProxy, authenticated.session.hostname),
      details: { fields: changedFields(change, settings) },
    });
    return c.json({ settings, configured: sages.config.configured() });
  });

  app.post('/test/:side', async (c) => c.json(await sages.test(sideParam(c))));

  app.get('/jobs', (c) =>
    c.json({
      jobs: sagesJobNames.map((job) => {
        const info = scheduler.job(`${sagesJobPrefix}${job}`);
        const last = scheduler.runs.list(`${sagesJobPrefix}${job}`, 1)[0];
        return { job, info, last_result: last ? toJobRun(last).result : null };
      }),
    }),
  );

  app.get('/jobs/:job/runs', (c) => {
    const job = jobParam(c);
    return c.json({ runs: scheduler.runs.list(`${sagesJobPrefix}${job}`, 20).map(toJobRun) });
  });

  app.post('/jobs/:job/run', (c) => {
    const job = jobParam(c);
    const { runId } = scheduler.run(`${sagesJobPrefix}${job}`, { trigger: 'manual', actor: c.get('auth').user.username });
    return c.json({ run_id: runId, job: `${sagesJobPrefix}${job}`, status: 'running' }, 202);
  });

  app.post('/jobs/:job/dry-run', async (c) => {
    const job = jobParam(c);
    try {
      return c.json(await sages.dryRun(job));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('BAD_REQUEST', `Essai à blanc impossible : ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  return app;
}
