import { Readable } from 'node:stream';
import { sshFingerprintSchema } from '@relais/schema';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { WmsConnectionView } from '@relais/schema';
import { parseQuery, requestOrigin } from '../../auth/http';
import { authMiddleware, type AuthEnv } from '../../auth/middleware';
import type { AuthService } from '../../auth/service';
import { ApiError } from '../../http/errors';
import { connectionChanges } from './activity';
import { connectionFolderName } from './files';
import type { WmsService } from './service';

const pinBody = z.object({ fingerprint: sshFingerprintSchema });
const restoreBody = z.object({ confirm: z.string(), target: z.string().optional() });
const previewQuery = z.object({ target: z.string().optional() });
const csvQuery = z.object({ separator: z.enum([';', ',']).optional(), format: z.enum(['fr', 'iso']).optional() });

async function jsonBody<Schema extends z.ZodType>(c: Context, schema?: Schema): Promise<z.output<Schema>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ApiError('BAD_REQUEST', 'Corps de requête JSON invalide');
  }
  if (!schema) {
    return json as z.output<Schema>;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError('VALIDATION_FAILED', parsed.error.issues.map((issue) => `${issue.path.join('.')} : ${issue.message}`).join(' ; '));
  }
  return parsed.data;
}

function idOf(c: Context, name = 'id'): number {
  const id = Number(c.req.param(name));
  if (!Number.isInteger(id) || id <= 0) {
    throw new ApiError('NOT_FOUND', `Identifiant invalide : ${c.req.param(name) ?? ''}`);
  }
  return id;
}

function csvResponse(c: Context, name: string, csv: Readable): Response {
  return c.body(Readable.toWeb(csv) as ReadableStream<Uint8Array>, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${connectionFolderName(name)}.csv"`,
    'cache-control': 'no-store',
  });
}

/**
 * `/admin/wms`: connections (secrets write-only, answered masked), fingerprint and test, backups and
 * restore points, restore (system administrators only), saved exports and streamed CSV downloads.
 */
export function wmsRoutes(auth: AuthService, wms: WmsService): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requirePermission } = authMiddleware(auth);
  app.use('*', requirePermission('manage_connectors'));
  const actor = (c: Context<AuthEnv>): string => c.get('auth').user.username;


  /** In the activity log as the administration's own configuration changes: before and after, secrets masked. */
  function logConnection(c: Context<AuthEnv>, action: 'wms_connection_created' | 'wms_connection_updated' | 'wms_connection_deleted', before: WmsConnectionView | null, after: WmsConnectionView | null, input?: unknown): void {
    const changes = connectionChanges(before, after, input);
    if (action === 'wms_connection_updated' && changes.length === 0) {
      return;
    }
    const authenticated = c.get('auth');
    auth.repo.logEvent({
      at: auth.iso(),
      actor: authenticated.user.username,
      action,
      target: (after ?? before)?.name ?? null,
      sessionId: authenticated.session.id,
      origin: requestOrigin(c, auth.fromTrustedProxy, authenticated.session.hostname),
      details: { changes },
    });
  }

  app.get('/connections', (c) => c.json(wms.list()));
  app.post('/connections', async (c) => {
    const input = await jsonBody(c);
    const created = wms.create(input);
    logConnection(c, 'wms_connection_created', null, created, input);
    return c.json(created, 201);
  });
  app.get('/connections/:id', (c) => c.json(wms.view(idOf(c))));
  app.put('/connections/:id', async (c) => {
    const before = wms.view(idOf(c));
    const input = await jsonBody(c);
    const updated = wms.update(before.id, input);
    logConnection(c, 'wms_connection_updated', before, updated, input);
    return c.json(updated);
  });
  app.delete('/connections/:id', (c) => {
    const before = wms.view(idOf(c));
    wms.remove(before.id);
    logConnection(c, 'wms_connection_deleted', before, null);
    return c.json({ success: true });
  });
  app.post('/connections/:id/fingerprint', async (c) => c.json({ fingerprint: await wms.fingerprint(idOf(c)) }));
  app.post('/connections/:id/pin', async (c) => {
    const before = wms.view(idOf(c));
    const pinned = wms.pin(before.id, (await jsonBody(c, pinBody)).fingerprint);
    logConnection(c, 'wms_connection_updated', before, pinned);
    return c.json(pinned);
  });
  app.post('/connections/:id/test', async (c) => c.json(await wms.test(idOf(c))));
  app.post('/connections/:id/backup', (c) => c.json({ run_id: wms.backupNow(idOf(c), actor(c)).runId }, 202));
  app.post('/connections/:id/restore-test', (c) => c.json({ run_id: wms.restoreTestNow(idOf(c), actor(c)).runId }, 202));

  app.get('/connections/:id/runs/:runId', (c) => c.json(wms.run(idOf(c), idOf(c, 'runId'))));
  app.get('/connections/:id/restore-points', (c) => c.json(wms.restorePoints(idOf(c)).map((point) => point.manifest)));
  app.get('/connections/:id/restore-points/:file/preview', async (c) => {
    const { target } = parseQuery(c, previewQuery);
    return c.json({ tables: await wms.preview(idOf(c), c.req.param('file'), target) });
  });
  app.post('/connections/:id/restore-points/:file/restore', async (c) => {
    const authenticated = c.get('auth');
    if (!authenticated.user.is_system_admin) {
      throw new ApiError('FORBIDDEN', 'Accès refusé : la restauration est réservée aux administrateurs système.', { permission: 'system_admin' });
    }
    const body = await jsonBody(c, restoreBody);
    return c.json(await wms.restore(idOf(c), c.req.param('file'), { confirm: body.confirm, ...(body.target ? { target: body.target } : {}), actor: actor(c) }));
  });

  app.get('/connections/:id/exports', (c) => c.json(wms.exports(idOf(c))));
  app.post('/connections/:id/exports', async (c) => c.json(wms.createExport(idOf(c), await jsonBody(c)), 201));
  app.delete('/connections/:id/exports/:exportId', (c) => {
    wms.removeExport(idOf(c), idOf(c, 'exportId'));
    return c.json({ success: true });
  });
  app.post('/connections/:id/exports/:exportId/run', (c) => c.json({ run_id: wms.runExport(idOf(c), idOf(c, 'exportId'), actor(c)).runId }, 202));
  app.get('/connections/:id/exports/:exportId/csv', async (c) => {
    const running = await wms.download(idOf(c), { exportId: idOf(c, 'exportId') });
    return csvResponse(c, running.name, running.csv);
  });
  app.get('/connections/:id/tables/:table/csv', async (c) => {
    const query = parseQuery(c, csvQuery);
    const running = await wms.download(idOf(c), { table: c.req.param('table'), ...query });
    return csvResponse(c, running.name, running.csv);
  });
  return app;
}
