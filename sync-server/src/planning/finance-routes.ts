import { sameDestination } from '@relais/domain';
import { dateField, newId, type RevenuPalette, type Sst } from '@relais/schema';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware';
import type { Db } from '../db/client';
import { ApiError } from '../http/errors';
import { deletedAnswer, objectBody, queryOf, storeOf, type TomatoPlanDeps } from './rest-context';
import { checkSchema, clientId, inputFields, mergeFields, presentDocument, toEuros, validationError, type Json } from './rest-documents';
import type { RestStore } from './rest-store';

const notFound = 'Revenu introuvable';

interface Totals {
  nb_missions: number;
  palettes: number;
  revenu: number;
  cout: number;
}

function totalsInEuros(totals: Totals): Json {
  const marge = totals.revenu - totals.cout;
  return {
    nb_missions: totals.nb_missions,
    revenu_total: toEuros(totals.revenu),
    cout_total: toEuros(totals.cout),
    marge: toEuros(marge),
    // TomatoPlan showed the margin rate in percent, one decimal.
    marge_pourcentage: totals.revenu > 0 ? Math.round((marge / totals.revenu) * 1000) / 10 : 0,
  };
}

/** TomatoPlan's names for the same totals (`/finance/stats`, `…/mensuel`, `…/annuel`). */
function tomatoPlanTotals(totals: Totals): Json {
  return {
    total_missions: totals.nb_missions,
    total_palettes: totals.palettes,
    total_revenus: toEuros(totals.revenu),
    total_couts_sst: toEuros(totals.cout),
    marge_brute: toEuros(totals.revenu - totals.cout),
  };
}

/** TomatoPlan's per-day, per-month and per-country buckets. */
function bucket(totals: Totals, count: 'count' | 'missions'): Json {
  return { [count]: totals.nb_missions, palettes: totals.palettes, revenus: toEuros(totals.revenu), couts_sst: toEuros(totals.cout) };
}

/**
 * Totals computed by SQLite, never by loading the missions: over years of planning (50 000
 * missions) loading them held the event loop for seconds. Cancelled missions neither earn nor cost.
 */
const totalsColumns = 'count(*) AS nb_missions, coalesce(sum(nb_palettes), 0) AS palettes, coalesce(sum(revenu), 0) AS revenu, coalesce(sum(cout_sst), 0) AS cout';
const billable = `"_deleted" = 0 AND statut <> 'annule'`;

function financeTotals(sqlite: Db['$client']) {
  const grouped = <Key extends string>(key: Key, expression: string) =>
    sqlite.prepare<[string, string], Totals & Record<Key, string | number>>(
      `SELECT ${expression} AS ${key}, ${totalsColumns} FROM "missions" WHERE ${billable} AND date_mission BETWEEN ? AND ? GROUP BY 1 ORDER BY 1`,
    );
  return {
    total: sqlite.prepare<[string, string], Totals>(`SELECT ${totalsColumns} FROM "missions" WHERE ${billable} AND date_mission BETWEEN ? AND ?`),
    perSst: sqlite.prepare<[string, string], Totals & { sst_id: string }>(
      `SELECT sst_id, ${totalsColumns} FROM "missions" WHERE ${billable} AND sst_id IS NOT NULL AND date_mission BETWEEN ? AND ?
        GROUP BY sst_id ORDER BY min(date_mission), sst_id`,
    ),
    perMonth: grouped('mois', 'CAST(substr(date_mission, 6, 2) AS INTEGER)'),
    perDay: grouped('jour', 'date_mission'),
    perCountry: grouped('pays', "coalesce(pays, 'Non defini')"),
  };
}

const empty = (): Totals => ({ nb_missions: 0, palettes: 0, revenu: 0, cout: 0 });

/** TomatoPlan's finance routes: revenue per pallet by destination, and revenue/cost/margin statistics in euros. */
export function financeRoutes(deps: TomatoPlanDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const totals = financeTotals(deps.db.$client);
  const read = deps.requirePermission('view_finance');
  const write = deps.requirePermission('manage_sst');

  const present = (rest: RestStore, id: string): Json => {
    const found = rest.get('revenus_palettes', id, notFound);
    return presentDocument('revenus_palettes', found.doc, found.audit, rest.permissions);
  };

  app.get('/revenus', read, (c) => {
    const rest = storeOf(deps, c);
    return c.json(rest.list('revenus_palettes', { orderBy: ['destination'] }).map((found) => presentDocument('revenus_palettes', found.doc, found.audit, rest.permissions)));
  });

  app.get('/revenus/destination/:destination', read, (c) => {
    const rest = storeOf(deps, c);
    const destination = c.req.param('destination');
    const found = rest
      .list('revenus_palettes', { orderBy: ['destination'] })
      .filter((entry) => sameDestination((entry.doc as unknown as RevenuPalette).destination, destination));
    // TomatoPlan answers the destination's revenue, one object, or 404: the one in force today first.
    const day = deps.now().toISOString().slice(0, 10);
    const inForce = (entry: (typeof found)[number]): boolean => {
      const revenu = entry.doc as unknown as RevenuPalette;
      return (revenu.date_debut ?? '0000-01-01') <= day && day <= (revenu.date_fin ?? '9999-12-31');
    };
    const chosen = found.find(inForce) ?? found[0];
    if (!chosen) {
      throw new ApiError('NOT_FOUND', `Aucun revenu pour la destination ${destination}`, { destination });
    }
    return c.json(presentDocument('revenus_palettes', chosen.doc, chosen.audit, rest.permissions));
  });

  app.get('/revenus/:id', read, (c) => c.json(present(storeOf(deps, c), c.req.param('id'))));

  app.post('/revenus', write, async (c) => {
    const rest = storeOf(deps, c);
    const body = await objectBody(c);
    const id = clientId(body) ?? newId();
    const revenu = mergeFields({}, inputFields('revenus_palettes', body));
    checkSchema('revenus_palettes', { ...revenu, id, rev: 1, updated_at: new Date().toISOString() });
    rest.save('revenus_palettes', id, (current) => {
      if (current) {
        throw new ApiError('CONFLICT', 'Un revenu avec cet identifiant existe déjà', { id });
      }
      return revenu;
    });
    return c.json(present(rest, id), 201);
  });

  app.put('/revenus/:id', write, async (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('revenus_palettes', c.req.param('id'), notFound).doc.id as string;
    const fields = inputFields('revenus_palettes', await objectBody(c));
    rest.save('revenus_palettes', id, (current) => {
      if (!current) {
        throw new ApiError('NOT_FOUND', notFound, { id });
      }
      const next = mergeFields(current, fields);
      checkSchema('revenus_palettes', next);
      return next;
    });
    return c.json(present(rest, id));
  });

  app.delete('/revenus/:id', write, (c) => {
    const rest = storeOf(deps, c);
    const id = rest.get('revenus_palettes', c.req.param('id'), notFound).doc.id as string;
    rest.remove('revenus_palettes', id, notFound);
    return c.json(deletedAnswer(`Revenu palette ${id} supprimé`, id));
  });

  app.get('/stats', read, (c) => {
    const rest = storeOf(deps, c);
    const { date_debut, date_fin } = queryOf(c, z.object({ date_debut: dateField, date_fin: dateField }));
    if (date_fin < date_debut) {
      throw validationError('date_fin — la date de fin précède la date de début');
    }
    const total = totals.total.get(date_debut, date_fin) ?? empty();
    const names = new Map(rest.list('sst').map((found) => [String(found.doc.id), found.doc as unknown as Sst]));
    const par_sst = totals.perSst.all(date_debut, date_fin).map(({ sst_id: sstId, ...sums }) => ({
      sst_id: sstId,
      code: names.get(sstId)?.code ?? null,
      nom: names.get(sstId)?.nom ?? null,
      ...totalsInEuros(sums),
    }));
    const missions_par_pays = Object.fromEntries(totals.perCountry.all(date_debut, date_fin).map(({ pays, ...sums }) => [String(pays), bucket(sums, 'count')]));
    return c.json({ periode: { debut: date_debut, fin: date_fin }, ...tomatoPlanTotals(total), missions_par_pays, date_debut, date_fin, ...totalsInEuros(total), par_sst });
  });

  app.get('/stats/mensuel', read, (c) => {
    const { annee, mois } = queryOf(c, z.object({ annee: z.coerce.number().int().min(1900).max(9999), mois: z.coerce.number().int().min(1).max(12) }));
    const first = `${String(annee).padStart(4, '0')}-${String(mois).padStart(2, '0')}-01`;
    const last = `${first.slice(0, 8)}${String(new Date(Date.UTC(annee, mois, 0)).getUTCDate()).padStart(2, '0')}`;
    const total = totals.total.get(first, last) ?? empty();
    const stats_par_jour = Object.fromEntries(totals.perDay.all(first, last).map(({ jour, ...sums }) => [String(jour), bucket(sums, 'missions')]));
    return c.json({ annee, mois, ...tomatoPlanTotals(total), stats_par_jour });
  });

  app.get('/stats/annuel', read, (c) => {
    const { annee } = queryOf(c, z.object({ annee: z.coerce.number().int().min(1900).max(9999) }));
    const year = String(annee).padStart(4, '0');
    const total = totals.total.get(`${year}-01-01`, `${year}-12-31`) ?? empty();
    const months = Array.from({ length: 12 }, empty);
    for (const { mois, ...sums } of totals.perMonth.all(`${year}-01-01`, `${year}-12-31`)) {
      months[Number(mois) - 1] = sums;
    }
    const stats_par_mois = Object.fromEntries(months.map((sums, index) => [String(index + 1), bucket(sums, 'missions')]));
    return c.json({ annee, ...tomatoPlanTotals(total), stats_par_mois });
  });

  return app;
}
