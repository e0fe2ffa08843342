import { newId } from '@relais/schema';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { deletedAnswer, flag, objectBody, queryOf, storeOf, type TomatoPlanDeps } from './rest-context';
import { checkSchema, clientId, inputFields, mergeFields, presentDocument, type Json } from './rest-documents';
import { column } from './rest-store';

const notFound = 'Voyage introuvable';

/** TomatoPlan's voyages (regular lines): list, one, by code, create, edit, deactivate. */
export function voyagesRoutes(deps: TomatoPlanDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const read = deps.requirePermission('view_planning');
  // Checked before the body, as FastAPI resolves its auth dependencies before validating.
  const write = deps.requirePermission('manage_voyages');

  app.get('/', read, (c) => {
    const rest = storeOf(deps, c);
    const { active_only } = queryOf(c, z.object({ active_only: flag }));
    const where = active_only ? [eq(column('voyages', 'is_active'), true)] : [];
    return c.json(rest.list('voyages', { where, orderBy: ['code'] }).map((found) => presentDocument('voyages', found.doc, found.audit, rest.permissions)));
  });

  app.get('/code/:code', read, (c) => {
    const rest = storeOf(deps, c);
    const found = rest.list('voyages', { where: [eq(column('voyages', 'code'), c.req.param('code'))] })[0];
    if (!found) {
      throw new ApiError('NOT_FOUND', notFound, { code: c.req.param('code') });
    }
    return c.json(presentDocument('voyages', found.doc, found.audit, rest.permissions));
  });

  app.get('/:id', read, (c) => {
    const rest = storeOf(deps, c);
    const found = rest.get('voyages', c.req.param('id'), notFound);
    return c.json(presentDocument('voyages', found.doc, found.audit, rest.permissions));
  });

  app.post('/', write, async (c) => {
    const rest = storeOf(deps, c);
    const body = await objectBody(c);
    const id = clientId(body) ?? newId();
    const voyage = mergeFields({ jours_operation: [], is_active: true }, inputFields('voyages', body));
    checkSchema('voyages', { ...voyage, id, rev: 1, updated_at: new Date().toISOString() });
    const saved = rest.save('voyages', id, (current) => {
      if (current) {
        throw new ApiError('CONFLICT', 'Un voyage avec cet identifiant existe déjà', { id });
      }
      return voyage;
    });
    return c.json(presentDocument('voyages', saved.doc, saved.audit, rest.permissions), 201);
  });

  app.put('/:id', write, async (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('voyages', c.req.param('id'), notFound).doc.id as string;
    const fields = inputFields('voyages', await objectBody(c));
    const saved = rest.save('voyages', id, (current) => {
      if (!current) {
        throw new ApiError('NOT_FOUND', notFound, { id });
      }
      const next: Json = mergeFields(current, fields);
      checkSchema('voyages', next);
      return next;
    });
    return c.json(presentDocument('voyages', saved.doc, saved.audit, rest.permissions));
  });

  // As TomatoPlan: deactivated, not erased, so that its missions keep their line.
  app.delete('/:id', write, (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('voyages', c.req.param('id'), notFound).doc.id as string;
    rest.save('voyages', id, (current) => {
      if (!current) {
        throw new ApiError('NOT_FOUND', notFound, { id });
      }
      return { ...current, is_active: false };
    });
    return c.json(deletedAnswer(`Voyage ${id} désactivé`, id));
  });

  return app;
}
