import { dateField, newId, refField, sstContactSchema, sstTarifSchema, uniteTarifValues, type Sst, type SstContact, type SstTarif } from '@relais/schema';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { deletedAnswer, flag, objectBody, parseOr422, queryOf, storeOf, type TomatoPlanDeps } from './rest-context';
import { checkSchema, clientId, inputFields, mergeFields, presentDocument, toCents, toEuros, validationError, type Json } from './rest-documents';
import { column, type RestStore } from './rest-store';

const notFound = 'Sous-traitant introuvable';
const tarifNotFound = 'Tarif introuvable';
const emailNotFound = 'E-mail introuvable';

/** A tariff as TomatoPlan's clients send it: euros, `sst_id` beside it. */
const tarifBody = z.object({
  destination: z.string(),
  pays: z.string().nullish(),
  prix: z.number(),
  unite: z.enum(uniteTarifValues).default('voyage'),
  date_debut: dateField.nullish(),
  date_fin: dateField.nullish(),
});

const contactBody = z.object({
  email: z.string(),
  nom_contact: z.string().nullish(),
  fonction: z.string().nullish(),
  is_primary: z.boolean().default(false),
});

function dropNulls(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined));
}

function toTarif(body: Json, id: string): SstTarif {
  const parsed = parseOr422(tarifBody, body);
  const tarif = dropNulls({ ...parsed, id, prix: toCents(parsed.prix, 'prix') });
  return parseOr422(sstTarifSchema, tarif);
}

function toContact(body: Json, id: string): SstContact {
  return parseOr422(sstContactSchema, dropNulls({ ...parseOr422(contactBody, body), id }));
}

function presentTarif(sstId: string, tarif: SstTarif): Json {
  return { id: tarif.id, uuid: tarif.id, sst_id: sstId, destination: tarif.destination, pays: tarif.pays ?? null, prix: toEuros(tarif.prix), unite: tarif.unite, date_debut: tarif.date_debut ?? null, date_fin: tarif.date_fin ?? null };
}

function presentContact(sstId: string, contact: SstContact): Json {
  return { id: contact.id, uuid: contact.id, sst_id: sstId, email: contact.email, nom_contact: contact.nom_contact ?? null, fonction: contact.fonction ?? null, is_primary: contact.is_primary };
}

/** An embedded list of a body (`contacts`, `tarifs`): objects only, else 422 naming the entry. */
function objectList(value: unknown, field: string): Json[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw validationError(`${field} — une liste est attendue`, [{ path: [field], code: 'invalid_type', message: 'liste attendue' }]);
  }
  return value.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw validationError(`${field}.${index} — un objet est attendu`, [{ path: [field, index], code: 'invalid_type', message: 'objet attendu' }]);
    }
    return item as Json;
  });
}

/** The sst holding an embedded tariff or contact. */
function holderOf(rest: RestStore, key: 'tarifs' | 'contacts', id: string, missing: string): Sst {
  const holder = rest
    .list('sst')
    .map((found) => found.doc as unknown as Sst)
    .find((sst) => (sst[key] ?? []).some((item) => item.id === id.toLowerCase()));
  if (!holder) {
    throw new ApiError('NOT_FOUND', missing, { id });
  }
  return holder;
}

/**
 * TomatoPlan's subcontractors with their tariffs and e-mail contacts. Tariffs and contacts live inside
 * the sst document, so each of their routes is an edit of their sst.
 */
export function sstRoutes(deps: TomatoPlanDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const read = deps.requirePermission('view_finance');
  const write = deps.requirePermission('manage_sst');

  function present(rest: RestStore, id: string): Json {
    const found = rest.get('sst', id, notFound);
    return presentDocument('sst', found.doc, found.audit, rest.permissions);
  }

  /** Replaces one embedded list of an sst. */
  function editList<K extends 'tarifs' | 'contacts'>(rest: RestStore, sstId: string, key: K, change: (items: NonNullable<Sst[K]>) => NonNullable<Sst[K]>): void {
    rest.save('sst', sstId, (current) => {
      if (!current) {
        throw new ApiError('NOT_FOUND', notFound, { id: sstId });
      }
      const sst = current as unknown as Sst;
      return { ...current, [key]: change((sst[key] ?? [])) };
    });
  }

  app.get('/', read, (c) => {
    const rest = storeOf(deps, c);
    const { active_only } = queryOf(c, z.object({ active_only: flag }));
    const where = active_only ? [eq(column('sst', 'is_active'), true)] : [];
    return c.json(rest.list('sst', { where, orderBy: ['code'] }).map((found) => presentDocument('sst', found.doc, found.audit, rest.permissions)));
  });

  app.get('/code/:code', read, (c) => {
    const rest = storeOf(deps, c);
    const found = rest.list('sst', { where: [eq(column('sst', 'code'), c.req.param('code'))] })[0];
    if (!found) {
      throw new ApiError('NOT_FOUND', notFound, { code: c.req.param('code') });
    }
    return c.json(presentDocument('sst', found.doc, found.audit, rest.permissions));
  });

  // TomatoPlan's `get_sst_tarifs()` without a subcontractor: every tariff, for finance roles.
  app.get('/tarifs/all', deps.requirePermission('view_finance'), (c) => {
    const rest = storeOf(deps, c);
    const { sst_code, destination } = queryOf(c, z.object({ sst_code: z.string().optional(), destination: z.string().optional(), active_only: flag }));
    const wanted = destination?.toLowerCase();
    const where = sst_code ? [eq(column('sst', 'code'), sst_code.toUpperCase())] : [];
    const tarifs = rest.list('sst', { where, orderBy: ['code'] }).flatMap((found) => {
      const sst = found.doc as unknown as Sst;
      return (sst.tarifs ?? []).filter((tarif) => wanted === undefined || tarif.destination.toLowerCase().includes(wanted)).map((tarif) => ({ sst, tarif }));
    });
    tarifs.sort((a, b) => a.tarif.destination.localeCompare(b.tarif.destination));
    return c.json(tarifs.map(({ sst, tarif }) => ({ ...presentTarif(sst.id, tarif), sst_code: sst.code })));
  });

  app.post('/tarifs', write, async (c) => {
    const rest = storeOf(deps, c);
    const body = await objectBody(c);
    const sstId = parseOr422(z.object({ sst_id: refField }), body).sst_id;
    rest.get('sst', sstId, notFound);
    const tarif = toTarif(body, clientId(body) ?? newId());
    editList(rest, sstId, 'tarifs', (tarifs) => [...tarifs, tarif]);
    return c.json(presentTarif(sstId, tarif), 201);
  });

  app.put('/tarifs/:id', write, async (c) => {
    const rest = storeOf(deps, c);
    const id = c.req.param('id').toLowerCase();
    const holder = holderOf(rest, 'tarifs', id, tarifNotFound);
    const before = (holder.tarifs ?? []).find((tarif) => tarif.id === id);
    const body = await objectBody(c);
    const merged = { ...(before ? presentTarif(holder.id, before) : {}), ...body };
    const tarif = toTarif(merged, id);
    editList(rest, holder.id, 'tarifs', (tarifs) => tarifs.map((item) => (item.id === id ? tarif : item)));
    return c.json(presentTarif(holder.id, tarif));
  });

  app.delete('/tarifs/:id', write, (c) => {
    const rest = storeOf(deps, c);
    const id = c.req.param('id').toLowerCase();
    const holder = holderOf(rest, 'tarifs', id, tarifNotFound);
    editList(rest, holder.id, 'tarifs', (tarifs) => tarifs.filter((item) => item.id !== id));
    return c.json(deletedAnswer(`Tarif ${id} supprimé`, id));
  });

  app.post('/emails', write, async (c) => {
    const rest = storeOf(deps, c);
    const body = await objectBody(c);
    const sstId = parseOr422(z.object({ sst_id: refField }), body).sst_id;
    rest.get('sst', sstId, notFound);
    const contact = toContact(body, clientId(body) ?? newId());
    // One primary address per subcontractor: a new primary one replaces the previous.
    editList(rest, sstId, 'contacts', (contacts) => [...contacts.map((item) => (contact.is_primary ? { ...item, is_primary: false } : item)), contact]);
    return c.json(presentContact(sstId, contact), 201);
  });

  app.delete('/emails/:id', write, (c) => {
    const rest = storeOf(deps, c);
    const id = c.req.param('id').toLowerCase();
    const holder = holderOf(rest, 'contacts', id, emailNotFound);
    editList(rest, holder.id, 'contacts', (contacts) => contacts.filter((item) => item.id !== id));
    return c.json(deletedAnswer(`Email ${id} supprimé`, id));
  });

  app.get('/:id/tarifs', read, (c) => {
    const rest = storeOf(deps, c);
    const sst = rest.get('sst', c.req.param('id'), notFound).doc as unknown as Sst;
    return c.json((sst.tarifs ?? []).map((tarif) => presentTarif(sst.id, tarif)));
  });

  app.get('/:id/emails', read, (c) => {
    const rest = storeOf(deps, c);
    const sst = rest.get('sst', c.req.param('id'), notFound).doc as unknown as Sst;
    return c.json(sst.contacts.map((contact) => presentContact(sst.id, contact)));
  });

  app.get('/:id', read, (c) => c.json(present(storeOf(deps, c), c.req.param('id'))));

  app.post('/', write, async (c) => {
    const rest = storeOf(deps, c);
    const body = await objectBody(c);
    const id = clientId(body) ?? newId();
    const { tarifs, contacts, ...fields } = inputFields('sst', body);
    const sst: Json = mergeFields({ contacts: [], is_active: true }, fields);
    const contactList = objectList(contacts, 'contacts');
    if (contactList) {
      sst['contacts'] = contactList.map((contact) => toContact(contact, clientId(contact) ?? newId()));
    }
    const tarifList = objectList(tarifs, 'tarifs');
    if (tarifList) {
      sst['tarifs'] = tarifList.map((tarif) => toTarif(tarif, clientId(tarif) ?? newId()));
    }
    checkSchema('sst', { ...sst, id, rev: 1, updated_at: new Date().toISOString() });
    rest.save('sst', id, (current) => {
      if (current) {
        throw new ApiError('CONFLICT', 'Un sous-traitant avec cet identifiant existe déjà', { id });
      }
      return sst;
    });
    return c.json(present(rest, id), 201);
  });

  app.put('/:id', write, async (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('sst', c.req.param('id'), notFound).doc.id as string;
    // Tariffs and contacts have their own routes; a PUT of the sst edits its own fields.
    const { tarifs: _tarifs, contacts: _contacts, ...fields } = inputFields('sst', await objectBody(c));
    rest.save('sst', id, (current) => {
      if (!current) {
        throw new ApiError('NOT_FOUND', notFound, { id });
      }
      const next = mergeFields(current, fields);
      checkSchema('sst', next);
      return next;
    });
    return c.json(present(rest, id));
  });

  app.delete('/:id', write, (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('sst', c.req.param('id'), notFound).doc.id as string;
    rest.remove('sst', id, notFound);
    return c.json(deletedAnswer(`SST ${id} supprimé`, id));
  });

  return app;
}
