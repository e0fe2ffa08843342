import { jobRunsQuerySchema, type JobListResponse, type JobRunStartedResponse } from '@relais/schema';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { parseBody, parseQuery, requestOrigin } from '../auth/http';
import { authMiddleware, type AuthEnv } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import { ApiError } from '../http/errors';
import type { RuntimeConfig } from '../settings/runtime-config';
import { scheduleSchema } from './cron';
import { toJobRun } from './runs';
import type { Scheduler } from './scheduler';
import { jobEventStream } from './stream';

const scheduleRequestSchema = z.object({ schedule: scheduleSchema.nullable() });

function runIdParam(c: Context): number {
  const raw = c.req.param('id') ?? '';
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id)) {
    throw new ApiError('NOT_FOUND', `Exécution introuvable : ${raw}`);
  }
  return id;
}

/**
 * `/admin/jobs`, administrators only (`admin_access`): the jobs with their schedule, next and last
 * run and the run going on; a run by hand; the runs of a job; one run; the live events; a schedule.
 */
export function jobRoutes({ auth, scheduler, runtime }: { auth: AuthService; scheduler: Scheduler; runtime: RuntimeConfig }): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requirePermission } = authMiddleware(auth);

  // EventSource sends no Authorization header: the stream also takes the session cookie.
  app.get('/events', requirePermission('admin_access', { cookie: true }), (c) => jobEventStream(c, scheduler, auth, c.get('auth')));
  app.use('*', requirePermission('admin_access'));

  app.get('/', (c) => c.json({ timezone: runtime.current().RELAIS_JOBS_TIMEZONE, jobs: scheduler.list() } satisfies JobListResponse));

  app.get('/runs/:id', (c) => {
    const row = scheduler.runs.byId(runIdParam(c));
    if (!row) {
      throw new ApiError('NOT_FOUND', `Exécution introuvable : ${c.req.param('id')}`);
    }
    return c.json(toJobRun(row));
  });

  app.get('/:name/runs', (c) => {
    const name = c.req.param('name');
    const { limit } = parseQuery(c, jobRunsQuerySchema);
    scheduler.definition(name);
    return c.json({ runs: scheduler.runs.list(name, limit).map(toJobRun) });
  });

  app.post('/:name/run', (c) => {
    const name = c.req.param('name');
    const authenticated = c.get('auth');
    const { runId } = scheduler.run(name, { trigger: 'manual', actor: authenticated.user.username });
    auth.repo.logEvent({
      at: auth.iso(),
      actor: authenticated.user.username,
      action: 'job_run',
      target: name,
      sessionId: authenticated.session.id,
      origin: requestOrigin(c, auth.fromTrustedProxy, authenticated.session.hostname),
      details: { run_id: runId },
    });
    return c.json({ run_id: runId, job: name, status: 'running' } satisfies JobRunStartedResponse, 202);
  });

  // A job's schedule lives in the configuration (`job_schedules`); null goes back to the job's default.
  app.put('/:name/schedule', async (c) => {
    const name = c.req.param('name');
    scheduler.definition(name);
    const { schedule } = await parseBody(c, scheduleRequestSchema);
    const schedules = { ...runtime.current().RELAIS_JOB_SCHEDULES };
    if (schedule === null) {
      delete schedules[name];
    } else {
      schedules[name] = schedule;
    }
    const authenticated = c.get('auth');
    const changes = runtime.update({ job_schedules: schedules }, authenticated.user.username);
    if (changes.length > 0) {
      auth.repo.logEvent({
        at: auth.iso(),
        actor: authenticated.user.username,
        action: 'config_changed',
        target: 'job_schedules',
        sessionId: authenticated.session.id,
        origin: requestOrigin(c, auth.fromTrustedProxy, authenticated.session.hostname),
        details: { changes },
      });
    }
    return c.json(scheduler.job(name));
  });

  return app;
}
