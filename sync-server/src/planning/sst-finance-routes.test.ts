import { beforeEach, describe, expect, it } from 'vitest';
import { apiTest, type ApiTest, type Body } from './test-api';

let api: ApiTest;

beforeEach(async () => {
  api = await apiTest();
});

async function newSst(code = 'TRANS'): Promise<Body> {
  return await api.ok('finance', 'POST', '/sst', { code, nom: 'Trans SA', email: 'contact@trans.test' }, 201);
}

describe('TomatoPlan subcontractors API', () => {
  it('creates with defaults, lists (active_only), reads by id and code, updates and deletes', async () => {
    const sst = await newSst();
    expect(sst).toMatchObject({ code: 'TRANS', contacts: [], is_active: true, tarifs: [], created_by: 'FINANCE' });
    await api.ok('planner_advanced', 'POST', '/sst', { code: 'OLD', nom: 'Ancien', is_active: false }, 201);
    expect(await api.ok('admin', 'GET', '/sst')).toHaveLength(2);
    expect(await api.ok('admin', 'GET', '/sst?active_only=true')).toHaveLength(1);
    const path = `/sst/${String(sst['id'])}`;
    expect(await api.ok('finance', 'GET', path)).toMatchObject({ code: 'TRANS' });
    expect(await api.ok('finance', 'GET', '/sst/code/TRANS')).toMatchObject({ id: sst['id'] });
    expect(await api.ok('finance', 'PUT', path, { telephone: '0102030405' })).toMatchObject({ telephone: '0102030405', nom: 'Trans SA' });
    await api.ok('finance', 'DELETE', path);
    const gone = await api.as('finance', 'GET', path);
    expect(gone.status).toBe(404);
    expect(gone.body['detail']).toBe('Sous-traitant introuvable');
  });

  it('keeps tariffs in euros inside the sst, and e-mail contacts', async () => {
    const sst = await newSst();
    const tarif = await api.ok('finance', 'POST', '/sst/tarifs', { sst_id: sst['id'], destination: 'Lyon', prix: 450.5, unite: 'voyage' }, 201);
    expect(tarif).toMatchObject({ sst_id: sst['id'], destination: 'Lyon', prix: 450.5, unite: 'voyage', uuid: tarif['id'] });
    expect(api.store.get('sst', String(sst['id']))).toMatchObject({ tarifs: [{ id: tarif['id'], prix: 45050 }] });
    expect(await api.ok('finance', 'PUT', `/sst/tarifs/${String(tarif['id'])}`, { prix: 470 })).toMatchObject({ prix: 470, destination: 'Lyon' });
    expect(await api.ok('finance', 'GET', `/sst/${String(sst['id'])}/tarifs`)).toMatchObject([{ id: tarif['id'], prix: 470 }]);
    expect(await api.ok('finance', 'GET', `/sst/${String(sst['id'])}`)).toMatchObject({ tarifs: [{ prix: 470 }] });
    await api.ok('finance', 'DELETE', `/sst/tarifs/${String(tarif['id'])}`);
    expect(await api.ok('finance', 'GET', `/sst/${String(sst['id'])}/tarifs`)).toEqual([]);
    expect((await api.as('finance', 'PUT', `/sst/tarifs/${String(tarif['id'])}`, { prix: 1 })).body['detail']).toBe('Tarif introuvable');

    const email = await api.ok('finance', 'POST', '/sst/emails', { sst_id: sst['id'], email: 'exploit@trans.test', nom_contact: 'Léa', fonction: 'Exploitation', is_primary: true }, 201);
    expect(email).toMatchObject({ sst_id: sst['id'], email: 'exploit@trans.test', nom_contact: 'Léa', is_primary: true });
    expect(await api.ok('finance', 'GET', `/sst/${String(sst['id'])}/emails`)).toMatchObject([{ id: email['id'] }]);
    expect((await api.as('finance', 'POST', '/sst/emails', { sst_id: sst['id'], email: 'pas-un-email' })).status).toBe(422);
    await api.ok('finance', 'DELETE', `/sst/emails/${String(email['id'])}`);
    expect(await api.ok('finance', 'GET', `/sst/${String(sst['id'])}/emails`)).toEqual([]);
    expect((await api.as('finance', 'POST', '/sst/tarifs', { sst_id: '00000000-0000-4000-8000-000000000000', destination: 'X', prix: 1 })).status).toBe(404);
  });

  it('refuses sst and finance routes to a planner and writes to analyse (403 + detail)', async () => {
    const sst = await newSst();
    const read = await api.as('planner', 'GET', '/sst');
    expect(read.status).toBe(403);
    expect(read.body['detail']).toBe('Accès refusé : il vous faut le droit « view_finance ».');
    expect((await api.as('planner', 'GET', `/sst/${String(sst['id'])}/tarifs`)).status).toBe(403);
    expect((await api.as('planner', 'GET', '/finance/revenus')).status).toBe(403);
    expect((await api.as('planner', 'GET', '/finance/stats?date_debut=2030-01-01&date_fin=2030-12-31')).status).toBe(403);
    const write = await api.as('analyse', 'POST', '/sst', { code: 'NEW', nom: 'Nouveau' });
    expect(write.status).toBe(403);
    expect(write.body['detail']).toBe('Accès refusé : il vous faut le droit « manage_sst ».');
    expect((await api.as('analyse', 'POST', '/finance/revenus', { destination: 'Lyon', revenu_par_palette: 1 })).status).toBe(403);
    expect(await api.ok('analyse', 'GET', '/sst')).toHaveLength(1);
  });
});

describe('TomatoPlan finance API', () => {
  it('keeps revenue per pallet in euros: CRUD and by destination', async () => {
    const revenu = await api.ok('finance', 'POST', '/finance/revenus', { destination: 'Lyon', revenu_par_palette: 18.75 }, 201);
    expect(revenu).toMatchObject({ destination: 'Lyon', revenu_par_palette: 18.75, pays: null, uuid: revenu['id'] });
    expect(api.store.get('revenus_palettes', String(revenu['id']))).toMatchObject({ revenu_par_palette: 1875 });
    const path = `/finance/revenus/${String(revenu['id'])}`;
    expect(await api.ok('finance', 'PUT', path, { revenu_par_palette: 20 })).toMatchObject({ revenu_par_palette: 20 });
    expect(await api.ok('finance', 'GET', '/finance/revenus')).toHaveLength(1);
    expect(await api.ok('finance', 'GET', '/finance/revenus/destination/lyon')).toMatchObject({ id: revenu['id'] });
    expect((await api.as('finance', 'GET', '/finance/revenus/destination/Paris')).status).toBe(404);
    expect((await api.as('finance', 'POST', '/finance/revenus', { destination: 'Lyon', revenu_par_palette: 'cher' })).status).toBe(422);
    await api.ok('finance', 'DELETE', path);
    expect((await api.as('finance', 'GET', path)).body['detail']).toBe('Revenu introuvable');
  });

  it('sums missions, revenue, cost and margin in euros, per subcontractor, per month and per year', async () => {
    const sst = await newSst();
    const mission = { heure_debut: '06:00', destination: 'Lyon', statut: 'planifie' };
    await api.ok('admin', 'POST', '/missions', { ...mission, date_mission: '2030-01-07', sst_id: sst['id'], revenu: 500, cout_sst: 350.5 }, 201);
    await api.ok('admin', 'POST', '/missions', { ...mission, date_mission: '2030-03-04', revenu: 100 }, 201);
    await api.ok('admin', 'POST', '/missions', { ...mission, date_mission: '2030-03-05', revenu: 999, statut: 'annule' }, 201);
    await api.ok('admin', 'POST', '/missions', { ...mission, date_mission: '2031-01-06', revenu: 10 }, 201);
    // A deleted mission neither earns nor costs: the totals are SQLite's, over live missions only.
    const deleted = await api.ok('admin', 'POST', '/missions', { ...mission, date_mission: '2030-03-06', sst_id: sst['id'], revenu: 77, cout_sst: 7 }, 201);
    await api.ok('admin', 'DELETE', `/missions/${String(deleted['id'])}`);
    const stats = await api.ok('finance', 'GET', '/finance/stats?date_debut=2030-01-01&date_fin=2030-12-31');
    expect(stats).toMatchObject({ nb_missions: 2, revenu_total: 600, cout_total: 350.5, marge: 249.5 });
    expect(stats['par_sst']).toEqual([{ sst_id: sst['id'], code: 'TRANS', nom: 'Trans SA', nb_missions: 1, revenu_total: 500, cout_total: 350.5, marge: 149.5, marge_pourcentage: 29.9 }]);
    expect(stats).toMatchObject({ periode: { debut: '2030-01-01', fin: '2030-12-31' }, total_missions: 2, total_revenus: 600, total_couts_sst: 350.5, marge_brute: 249.5 });
    const monthly = await api.ok('finance', 'GET', '/finance/stats/mensuel?annee=2030&mois=3');
    expect(monthly).toMatchObject({ annee: 2030, mois: 3, total_missions: 1, total_revenus: 100, stats_par_jour: { '2030-03-04': { missions: 1, revenus: 100, couts_sst: 0 } } });
    const yearly = await api.ok('finance', 'GET', '/finance/stats/annuel?annee=2030');
    expect(yearly).toMatchObject({ annee: 2030, total_missions: 2, total_revenus: 600, marge_brute: 249.5 });
    expect(yearly['stats_par_mois']).toMatchObject({ '1': { missions: 1, revenus: 500, couts_sst: 350.5 }, '2': { missions: 0 }, '3': { missions: 1, revenus: 100 } });
    expect((await api.as('finance', 'GET', '/finance/stats/annuel')).status).toBe(422);
    expect((await api.as('finance', 'GET', '/finance/stats?date_debut=2030-01-01')).status).toBe(422);
  });
});
