import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { parseQuery } from '../auth/http';
import { authMiddleware, type AuthEnv } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import { ApiError } from '../http/errors';
import type { BackupEntry } from './files';
import type { BackupService } from './service';

const descriptionSchema = z.string().trim().max(500, 'description : 500 caractères au plus');

const createQuery = z.object({ description: descriptionSchema.optional() });
const createBody = z.object({ description: descriptionSchema.optional() }).passthrough();
const cleanupQuery = z.object({
  retention_days: z.coerce.number().int().min(1, 'retention_days : au moins 1 jour').max(3650).optional(),
});

/** TomatoPlan's list item, with what Relais adds (who, why, checksum, versions). */
function listItem({ manifest }: BackupEntry) {
  return {
    filename: manifest.filename,
    size_bytes: manifest.size_bytes,
    created_at: manifest.created_at,
    description: manifest.description,
    trigger: manifest.trigger,
    created_by: manifest.created_by,
    sha256: manifest.sha256,
    schema_version: manifest.schema_version,
    relais_version: manifest.relais_version,
  };
}

/** TomatoPlan's old clients send the description in the query string; the PWA sends JSON. */
async function descriptionOf(c: Context): Promise<string> {
  const fromQuery = parseQuery(c, createQuery).description;
  const text = await c.req.text();
  if (text.trim() === '') {
    return fromQuery ?? '';
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('BAD_REQUEST', 'Corps de requête JSON invalide');
  }
  const parsed = createBody.safeParse(json);
  if (!parsed.success) {
    throw new ApiError('VALIDATION_FAILED', parsed.error.issues.map((issue) => issue.message).join(' ; '));
  }
  return parsed.data.description ?? fromQuery ?? '';
}

/**
 * `/admin/backups`, TomatoPlan's shapes: list, create, restore (system administrators only),
 * delete, retention cleanup, and a download of the compressed file. `admin_access` for all.
 */
export function backupRoutes(auth: AuthService, backups: BackupService): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requirePermission } = authMiddleware(auth);
  app.use('*', requirePermission('admin_access'));

  app.get('/', async (c) => c.json((await backups.list()).map(listItem)));

  app.post('/', async (c) => {
    const description = await descriptionOf(c);
    // Not tied to the request: a client that gives up waiting does not cancel the backup.
    const entry = await backups.create({ description, trigger: 'manual', actor: c.get('auth').user.username });
    return c.json({
      success: true,
      backup_file: entry.manifest.filename,
      backup_path: entry.path,
      size_bytes: entry.manifest.size_bytes,
      created_at: entry.manifest.created_at,
    });
  });

  app.post('/cleanup', async (c) => {
    const days = parseQuery(c, cleanupQuery).retention_days;
    const deleted = await backups.cleanup(days === undefined ? {} : { retentionDays: days });
    const kept = backups.retention.minKeep;
    return c.json({
      success: true,
      deleted_count: deleted.length,
      message:
        deleted.length === 0
          ? 'Aucune sauvegarde automatique expirée à supprimer.'
          : `${deleted.length} sauvegarde(s) automatique(s) expirée(s) supprimée(s) ; les ${kept} plus récentes sont toujours gardées.`,
    });
  });

  app.post('/restore/:filename', async (c) => {
    const authenticated = c.get('auth');
    if (!authenticated.user.is_system_admin) {
      throw new ApiError('FORBIDDEN', 'Accès refusé : la restauration est réservée aux administrateurs système.', { permission: 'system_admin' });
    }
    const result = await backups.restore(c.req.param('filename'), { actor: authenticated.user.username });
    return c.json({ success: true, ...result });
  });

  app.get('/download/:filename', async (c) => {
    const entry = await backups.find(c.req.param('filename'));
    const stream = Readable.toWeb(createReadStream(entry.path)) as ReadableStream<Uint8Array>;
    return c.body(stream, 200, {
      'content-type': 'application/gzip',
      'content-length': String(entry.manifest.size_bytes),
      'content-disposition': `attachment; filename="${entry.manifest.filename}"`,
      'x-content-sha256': entry.manifest.sha256,
    });
  });

  app.delete('/:filename', async (c) => {
    const name = c.req.param('filename');
    await backups.remove(name);
    return c.json({ success: true, message: `Sauvegarde ${name} supprimée.` });
  });

  return app;
}
