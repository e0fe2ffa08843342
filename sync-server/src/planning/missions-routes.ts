import { dateOfDay, dayNumber, generateMissions, hiddenFields, planningWindow, today, type ChauffeurFacts, type PermissionMap } from '@relais/domain';
import { dateField, missionStatutValues, newId, refField, type Chauffeur, type Disponibilite, type Mission, type Voyage } from '@relais/schema';
import { between, eq, gte, lte } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware';
import { mib, type BodyLimit } from '../http/body-limits';
import { ApiError } from '../http/errors';
import { dateParam, deletedAnswer, jsonBody, objectBody, pageQuery, parseOr422, queryOf, storeOf, type TomatoPlanDeps } from './rest-context';
import { asObject, checkSchema, clientId, documentPresenter, inputFields, mergeFields, presentDocument, validationError, type Json } from './rest-documents';
import { column, refusalError, type RestStore, type Stored } from './rest-store';

const notFound = 'Mission introuvable';

/**
 * Creating missions runs on the request path, in one transaction that holds the event loop, so a
 * request creates at most this many (generation and bulk alike). Measured on the project's 2-core
 * machine under load (`bench/request-work.bench.ts`): a generated mission costs 0.6–0.9 ms with
 * the planning checks, so 500 hold the loop about 0.3–0.45 s. More is several requests (there is
 * no background job system yet to take them off the request path).
 */
export const maxMissionsPerRequest = 500;

/**
 * The longest period one generation covers (a quarter): its cost before any write grows with the
 * days times the voyages, and 2027 → 9999 froze the server for a minute. 92 days of the demo's 8
 * lines are 382 missions, about 0.3 s.
 */
export const maxGenerationDays = 92;

/** 500 missions with every text field full stay far below it; a typical one is a few hundred bytes. */
export const bulkBodyLimit: BodyLimit = { maxSize: 4 * mib, message: 'Trop de missions d’un coup : 4 Mo au plus, envoyez-les en plusieurs fois.' };

function tooManyMissions(count: number): ApiError {
  return validationError(`${count} missions à créer : ${maxMissionsPerRequest} au plus par requête, découpez la période ou la liste`);
}

const listQuery = z.object({
  date_debut: dateField.optional(),
  date_fin: dateField.optional(),
  chauffeur_id: refField.optional(),
  voyage_id: refField.optional(),
  statut: z.enum(missionStatutValues).optional(),
  ...pageQuery,
});

const generateBody = z.object({
  date_debut: dateField,
  date_fin: dateField,
  assign_chauffeur_habituel: z.boolean().optional().default(false),
  voyage_ids: z.array(refField).optional(),
});

/**
 * TomatoPlan's defaults for a mission body from an old client. Its revenue and subcontracting cost,
 * when not given, are derived by the store's write path (sync-server/src/planning/mission-amounts.ts).
 */
function withDefaults(rest: RestStore, fields: Json): Json {
  const mission: Json = { type_mission: 'livraison', statut: 'planifie', ...fields };
  if (mission['destination'] === undefined && typeof mission['voyage_id'] === 'string') {
    const voyage = rest.find('voyages', mission['voyage_id'])?.doc as Voyage | undefined;
    if (voyage) {
      mission['destination'] = voyage.destination ?? voyage.nom;
    }
  }
  return mission;
}

/** A new mission from a client body, checked against the shared schema (422 otherwise). */
function newMission(rest: RestStore, body: Json, prefix: (string | number)[] = []): Json {
  const fields = Object.fromEntries(Object.entries(inputFields('missions', body)).filter(([, value]) => value !== null));
  const id = clientId(body) ?? newId();
  const mission = withDefaults(rest, { ...fields, id });
  checkSchema('missions', { ...mission, rev: 1, updated_at: new Date().toISOString() }, prefix);
  return mission;
}

function present(found: Stored, permissions: PermissionMap): Json {
  return presentDocument('missions', found.doc, found.audit, permissions);
}

/** TomatoPlan's missions routes: list with filters, by date, one, create, bulk, edit, delete, generate. */
export function missionsRoutes(deps: TomatoPlanDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const read = deps.requirePermission('view_planning');
  // Checked before the body, as FastAPI resolves its auth dependencies before validating.
  const write = deps.requirePermission('edit_planning');

  /** The list as TomatoPlan answers it; the same list for the same reader until a write (see `answers`). */
  function listAnswer(c: Context<AuthEnv>, query: z.output<typeof listQuery>): Response {
    const rest = storeOf(deps, c);
    const key = `missions:${JSON.stringify(query)}:${hiddenFields('missions', rest.permissions).join(',')}`;
    return deps.answers.json(c, key, () => listMissions(rest, query));
  }

  function listMissions(rest: RestStore, query: z.output<typeof listQuery>): Json[] {
    const where = [
      query.date_debut && query.date_fin ? between(column('missions', 'date_mission'), query.date_debut, query.date_fin) : undefined,
      query.date_debut && !query.date_fin ? gte(column('missions', 'date_mission'), query.date_debut) : undefined,
      query.date_fin && !query.date_debut ? lte(column('missions', 'date_mission'), query.date_fin) : undefined,
      query.chauffeur_id ? eq(column('missions', 'chauffeur_id'), query.chauffeur_id) : undefined,
      query.voyage_id ? eq(column('missions', 'voyage_id'), query.voyage_id) : undefined,
      query.statut ? eq(column('missions', 'statut'), query.statut) : undefined,
    ];
    const presentMission = documentPresenter('missions', rest.permissions);
    return rest
      .list('missions', { where, orderBy: ['date_mission', 'heure_debut', 'id'], offset: query.skip, limit: query.limit })
      .map((found) => presentMission(found.doc, found.audit));
  }

  app.get('/', read, (c) => listAnswer(c, queryOf(c, listQuery)));

  app.get('/by-date/:date', read, (c) => {
    const date = dateParam(c, 'date');
    return listAnswer(c, { date_debut: date, date_fin: date, skip: 0, limit: 10_000 });
  });

  app.get('/uuid/:uuid', read, (c) => {
    const rest = storeOf(deps, c);
    return c.json(present(rest.get('missions', c.req.param('uuid'), notFound), rest.permissions));
  });

  app.post('/', write, async (c) => {
    const rest = storeOf(deps, c);
    const mission = newMission(rest, await objectBody(c));
    const saved = rest.save('missions', String(mission['id']), (current) => {
      if (current) {
        throw new ApiError('CONFLICT', 'Une mission avec cet identifiant existe déjà', { id: mission['id'] });
      }
      return mission;
    });
    return c.json(present(rest.get('missions', String(saved.doc.id), notFound), rest.permissions), 201);
  });

  app.post('/bulk', write, async (c) => {
    const rest = storeOf(deps, c);
    const body = await jsonBody(c);
    if (!Array.isArray(body)) {
      throw validationError('une liste de missions est attendue');
    }
    if (body.length > maxMissionsPerRequest) {
      throw tooManyMissions(body.length);
    }
    const missions = body.map((item, index) => newMission(rest, asObject(item), [index]));
    if (missions.length === 0) {
      return c.json([], 201);
    }
    const { written: created, refused } = rest.createMany('missions', missions);
    const written = created.map((found) => rest.find('missions', String(found.doc.id)) ?? found);
    const first = refused[0];
    if (first) {
      const error = refusalError(first);
      throw new ApiError(error.code, error.message, { refused, created: written.map((found) => found.doc.id) }, error.status);
    }
    return c.json(written.map((found) => present(found, rest.permissions)), 201);
  });

  app.post('/generate', deps.requirePermission('generate_planning'), async (c) => {
    const rest = storeOf(deps, c);
    const options = parseOr422(generateBody, await jsonBody(c));
    if (options.date_fin < options.date_debut) {
      throw validationError('date_fin — la date de fin précède la date de début');
    }
    if (dayNumber(options.date_fin) - dayNumber(options.date_debut) + 1 > maxGenerationDays) {
      throw validationError(`date_fin — période trop longue : ${maxGenerationDays} jours au plus par génération`);
    }
    const range = between(column('missions', 'date_mission'), options.date_debut, options.date_fin);
    const existing = rest.list('missions', { where: [range] }).map((found) => found.doc as unknown as Mission);
    const voyages = rest.list('voyages').map((found) => found.doc as unknown as Voyage);
    // Every id the range ever held, deleted ones included: a generated mission deleted on purpose stays deleted.
    const knownIds = new Set(idsEverIn(deps, options.date_debut, options.date_fin));
    // The usual chauffeur only where the planning rules the write path applies allow him: otherwise the
    // mission is created unassigned and the answer says why, instead of being refused and lost.
    const windowFrom = dateOfDay(planningWindow(options.date_debut).from);
    const windowTo = dateOfDay(planningWindow(options.date_fin).to);
    const around = rest
      .list('missions', { where: [between(column('missions', 'date_mission'), windowFrom, windowTo)] })
      .map((found) => found.doc as unknown as Mission);
    const chauffeurs = rest.list('chauffeurs').map((found) => found.doc as unknown as Chauffeur);
    const absences = rest
      .list('disponibilites', { where: [lte(column('disponibilites', 'date_debut'), windowTo), gte(column('disponibilites', 'date_fin'), windowFrom)] })
      .map((found) => found.doc as unknown as Disponibilite);
    const plan = generateMissions(voyages, existing, knownIds, {
      from: options.date_debut,
      to: options.date_fin,
      assignUsualChauffeur: options.assign_chauffeur_habituel,
      ...(options.voyage_ids ? { voyageIds: options.voyage_ids } : {}),
      planning: {
        missions: around,
        chauffeurs: new Map<string, ChauffeurFacts>(chauffeurs.map((chauffeur) => [chauffeur.id, chauffeur])),
        voyages: new Map(voyages.map((voyage) => [voyage.id, voyage])),
        absences: absences,
      },
      ...(rest.permissions.edit_past_planning ? {} : { firstAllowedDay: today() }),
    });
    if (plan.missions.length > maxMissionsPerRequest) {
      throw tooManyMissions(plan.missions.length);
    }
    const drafts = plan.missions.map((draft) => withDefaults(rest, draft as unknown as Json));
    const { written, refused } = drafts.length > 0 ? rest.createMany('missions', drafts) : { written: [], refused: [] };
    const unassigned = plan.unassigned.map((found) => ({
      id: found.id,
      voyage_id: found.voyage_id,
      date: found.date,
      chauffeur_id: found.chauffeur_id,
      reasons: found.conflicts.map((conflict) => ({ code: conflict.code, message: conflict.message })),
    }));
    return c.json(
      { created: written.length, skipped: plan.skipped.length, unassigned, refused, missions: written.map((found) => present(found, rest.permissions)) },
      201,
    );
  });

  app.get('/:id', read, (c) => {
    const rest = storeOf(deps, c);
    return c.json(present(rest.get('missions', c.req.param('id'), notFound), rest.permissions));
  });

  app.put('/:id', write, async (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('missions', c.req.param('id'), notFound).doc.id as string;
    const fields = inputFields('missions', await objectBody(c));
    const saved = rest.save('missions', id, (current) => {
      if (!current) {
        throw new ApiError('NOT_FOUND', notFound, { id });
      }
      const next = mergeFields(current, fields);
      checkSchema('missions', next);
      return next;
    });
    return c.json(present(saved, rest.permissions));
  });

  app.delete('/:id', write, (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('missions', c.req.param('id'), notFound).doc.id as string;
    rest.remove('missions', id, notFound);
    return c.json(deletedAnswer(`Mission ${id} supprimée`, id));
  });

  return app;
}

function idsEverIn(deps: TomatoPlanDeps, from: string, to: string): string[] {
  return deps.db.$client
    .prepare<[string, string], { id: string }>('SELECT id FROM "missions" WHERE date_mission BETWEEN ? AND ?')
    .all(from, to)
    .map((row) => row.id);
}

