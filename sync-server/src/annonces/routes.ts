import { addDays, today } from '@relais/domain';
import { storableText } from '@relais/schema';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/client';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import { clientIp, parseBody, parseQuery } from '../auth/http';
import { authMiddleware, type AuthEnv } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import { createAnnoncesService } from './service';

const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');

const previewQuery = z.object({ date: dateString.optional() });

const sendBody = z.strictObject({
  date: dateString,
  sst_ids: z.array(z.string().min(1).max(100)).max(1000).optional(),
});

const configBody = z.strictObject({
  subject_template: storableText().trim().min(1, 'objet vide').max(300),
  body_template: storableText().trim().min(1, 'message vide').max(10_000),
});

const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export interface AnnoncesRoutesDeps {
  auth: AuthService;
  db: Db;
  logger: Logger;
  now?: (() => Date) | undefined;
}

/**
 * "Annonces SST": preview and send each subcontractor its missions of a day, edit the mail's
 * templates, read what was sent. Mails go through the auth service's mailer (RELAIS_SMTP_*).
 */
export function annoncesRoutes({ auth, db, logger, now = () => new Date() }: AnnoncesRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requirePermission } = authMiddleware(auth);
  const service = createAnnoncesService({ db, logger, mailer: auth.mailer, now });

  /** Announcing a past day makes no sense: the missions have already run. */
  function futureDate(date: string | undefined): string {
    const first = today(now());
    const chosen = date ?? addDays(first, 1);
    if (Number.isNaN(Date.parse(`${chosen}T00:00:00Z`))) {
      throw new ApiError('VALIDATION_FAILED', `Date invalide : ${chosen}`, { field: 'date' });
    }
    if (chosen < first) {
      throw new ApiError('VALIDATION_FAILED', `Impossible d'annoncer une journée passée (${chosen}).`, { field: 'date' });
    }
    return chosen;
  }

  app.get('/config', requirePermission('send_announcements'), (c) => c.json(service.config()));

  app.put('/config', requirePermission('manage_announcements_config'), async (c) => {
    const body = await parseBody(c, configBody);
    return c.json(service.updateConfig(body, c.get('auth').user.username));
  });

  app.get('/preview', requirePermission('send_announcements'), (c) => c.json(service.preview(futureDate(parseQuery(c, previewQuery).date))));

  app.post('/send', requirePermission('send_announcements'), async (c) => {
    const body = await parseBody(c, sendBody);
    const { user, session } = c.get('auth');
    const sender = { username: user.username, session_id: session.id, hostname: session.hostname, ip: clientIp(c) };
    return c.json(await service.send(futureDate(body.date), body.sst_ids, sender));
  });

  app.get('/historique', requirePermission('send_announcements'), (c) => {
    const { limit, offset } = parseQuery(c, historyQuery);
    return c.json(service.history(limit, offset));
  });

  return app;
}
