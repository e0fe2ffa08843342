import { newId, type Chauffeur, type Disponibilite } from '@relais/schema';
import { eq, gte, lte } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { dateParam, deletedAnswer, flag, objectBody, queryOf, storeOf, type TomatoPlanDeps } from './rest-context';
import { checkSchema, clientId, inputFields, mergeFields, presentDocument, type Json } from './rest-documents';
import { column, type RestStore, type Stored } from './rest-store';

const notFound = 'Chauffeur introuvable';
const absenceNotFound = 'Indisponibilité introuvable';

function presentChauffeur(found: Stored, rest: RestStore): Json {
  const chauffeur = found.doc as unknown as Chauffeur;
  return { ...presentDocument('chauffeurs', found.doc, found.audit, rest.permissions), nom_complet: `${chauffeur.prenom} ${chauffeur.nom}` };
}

/** TomatoPlan's chauffeurs: list, one, by code, create, edit, delete, absences and who is free on a day. */
export function chauffeursRoutes(deps: TomatoPlanDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const read = deps.requirePermission('view_drivers');
  // Checked before the body, as FastAPI resolves its auth dependencies before validating.
  const write = deps.requirePermission('manage_drivers');
  const writeAbsences = deps.requirePermission('edit_driver_planning');

  app.get('/', read, (c) => {
    const rest = storeOf(deps, c);
    const { active_only } = queryOf(c, z.object({ active_only: flag }));
    const where = active_only ? [eq(column('chauffeurs', 'is_active'), true)] : [];
    return c.json(rest.list('chauffeurs', { where, orderBy: ['nom', 'prenom'] }).map((found) => presentChauffeur(found, rest)));
  });

  app.get('/disponibles/:date', read, (c) => {
    const rest = storeOf(deps, c);
    const date = dateParam(c, 'date');
    const chauffeurs = rest.list('chauffeurs', { where: [eq(column('chauffeurs', 'is_active'), true)], orderBy: ['nom', 'prenom'] });
    const absences = rest
      .list('disponibilites', { where: [lte(column('disponibilites', 'date_debut'), date), gte(column('disponibilites', 'date_fin'), date)], orderBy: ['date_debut'] })
      .map((found) => found.doc as unknown as Disponibilite);
    const disponibles: Json[] = [];
    const indisponibles: Json[] = [];
    for (const found of chauffeurs) {
      const chauffeur = found.doc as unknown as Chauffeur;
      const summary = { id: chauffeur.id, code: chauffeur.code, nom_complet: `${chauffeur.prenom} ${chauffeur.nom}` };
      const absence = absences.find((candidate) => candidate.chauffeur_id === chauffeur.id);
      if (absence) {
        indisponibles.push({ ...summary, type_absence: absence.type_absence, motif: absence.motif ?? null });
      } else {
        disponibles.push(summary);
      }
    }
    return c.json({ date, disponibles, indisponibles });
  });

  app.get('/code/:code', read, (c) => {
    const rest = storeOf(deps, c);
    const found = rest.list('chauffeurs', { where: [eq(column('chauffeurs', 'code'), c.req.param('code'))] })[0];
    if (!found) {
      throw new ApiError('NOT_FOUND', notFound, { code: c.req.param('code') });
    }
    return c.json(presentChauffeur(found, rest));
  });

  app.post('/disponibilites', writeAbsences, async (c) => {
    const rest = storeOf(deps, c);
    const body = await objectBody(c);
    const fields = inputFields('disponibilites', body);
    if (typeof fields['chauffeur_id'] === 'string') {
      rest.get('chauffeurs', fields['chauffeur_id'], notFound);
    }
    const id = clientId(body) ?? newId();
    const absence = mergeFields({ type_absence: 'autre' }, fields);
    checkSchema('disponibilites', { ...absence, id, rev: 1, updated_at: new Date().toISOString() });
    const saved = rest.save('disponibilites', id, (current) => {
      if (current) {
        throw new ApiError('CONFLICT', 'Une indisponibilité avec cet identifiant existe déjà', { id });
      }
      return absence;
    });
    return c.json(presentDocument('disponibilites', saved.doc, saved.audit, rest.permissions), 201);
  });

  app.delete('/disponibilites/:id', writeAbsences, (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('disponibilites', c.req.param('id'), absenceNotFound).doc.id as string;
    rest.remove('disponibilites', id, absenceNotFound);
    return c.json(deletedAnswer(`Indisponibilité ${id} supprimée`, id));
  });

  app.get('/:id/disponibilites', read, (c) => {
    const rest = storeOf(deps, c);
    const chauffeurId = rest.get('chauffeurs', c.req.param('id'), notFound).doc.id as string;
    const absences = rest.list('disponibilites', { where: [eq(column('disponibilites', 'chauffeur_id'), chauffeurId)], orderBy: ['date_debut'] });
    return c.json(absences.map((found) => presentDocument('disponibilites', found.doc, found.audit, rest.permissions)));
  });

  app.get('/:id', read, (c) => {
    const rest = storeOf(deps, c);
    return c.json(presentChauffeur(rest.get('chauffeurs', c.req.param('id'), notFound), rest));
  });

  app.post('/', write, async (c) => {
    const rest = storeOf(deps, c);
    const body = await objectBody(c);
    const id = clientId(body) ?? newId();
    const chauffeur = mergeFields({ adr: false, fimo: false, competences: [], is_active: true }, inputFields('chauffeurs', body));
    checkSchema('chauffeurs', { ...chauffeur, id, rev: 1, updated_at: new Date().toISOString() });
    const saved = rest.save('chauffeurs', id, (current) => {
      if (current) {
        throw new ApiError('CONFLICT', 'Un chauffeur avec cet identifiant existe déjà', { id });
      }
      return chauffeur;
    });
    return c.json(presentChauffeur(saved, rest), 201);
  });

  app.put('/:id', write, async (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('chauffeurs', c.req.param('id'), notFound).doc.id as string;
    const fields = inputFields('chauffeurs', await objectBody(c));
    const saved = rest.save('chauffeurs', id, (current) => {
      if (!current) {
        throw new ApiError('NOT_FOUND', notFound, { id });
      }
      const next = mergeFields(current, fields);
      checkSchema('chauffeurs', next);
      return next;
    });
    return c.json(presentChauffeur(saved, rest));
  });

  app.delete('/:id', write, (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('chauffeurs', c.req.param('id'), notFound).doc.id as string;
    rest.remove('chauffeurs', id, notFound);
    return c.json(deletedAnswer(`Chauffeur ${id} supprimé`, id));
  });

  return app;
}
