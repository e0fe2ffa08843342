import { beforeEach, describe, expect, it } from 'vitest';
import { apiTest, seedPlanning, type ApiTest, type Body } from './test-api';

let api: ApiTest;
let voyage: Body;
let chauffeur: Body;

beforeEach(async () => {
  api = await apiTest();
  ({ voyage, chauffeur } = await seedPlanning(api));
});

/** The README's example body, on a Monday far in the future (past days need a special right). */
function readmeBody(): Body {
  return { date_mission: '2030-01-07', destination: 'Paris', chauffeur_id: chauffeur['id'], voyage_id: voyage['id'], heure_debut: '06:00', statut: 'planifie' };
}

describe('TomatoPlan missions API', () => {
  it("creates the README's mission with 201, defaults, id = uuid and audit fields", async () => {
    const created = await api.ok('planner', 'POST', '/missions', readmeBody(), 201);
    expect(created).toMatchObject({ ...readmeBody(), type_mission: 'livraison', heure_fin: null, created_by: 'PLANNER', updated_by: 'PLANNER' });
    expect(created['uuid']).toBe(created['id']);
    expect(typeof created['created_at']).toBe('string');
    // Finance fields never reach a planner.
    expect(created).not.toHaveProperty('revenu');
    expect(created).not.toHaveProperty('cout_sst');
    expect(await api.ok('viewer', 'GET', `/missions/${String(created['id'])}`)).toMatchObject({ id: created['id'], destination: 'Paris' });
    expect(await api.ok('viewer', 'GET', `/missions/uuid/${String(created['id'])}`)).toMatchObject({ id: created['id'] });
  });

  it('takes the destination from the voyage when the body has none', async () => {
    const { destination: _destination, ...body } = readmeBody();
    expect(await api.ok('planner', 'POST', '/missions', body, 201)).toMatchObject({ destination: 'Paris' });
  });

  it('lists by date, with filters, skip and limit, sorted by date and start time', async () => {
    await api.ok('planner', 'POST', '/missions', { ...readmeBody(), heure_debut: '14:00' }, 201);
    await api.ok('planner', 'POST', '/missions', { ...readmeBody(), heure_debut: '06:00', chauffeur_id: null }, 201);
    await api.ok('planner', 'POST', '/missions', { ...readmeBody(), date_mission: '2030-01-08', statut: 'annule', chauffeur_id: null }, 201);
    const day = await api.ok('viewer', 'GET', '/missions/by-date/2030-01-07');
    expect(day.map((mission) => mission['heure_debut'])).toEqual(['06:00', '14:00']);
    expect(await api.ok('viewer', 'GET', '/missions?date_debut=2030-01-07&date_fin=2030-01-08')).toHaveLength(3);
    expect(await api.ok('viewer', 'GET', `/missions?chauffeur_id=${String(chauffeur['id'])}`)).toHaveLength(1);
    expect(await api.ok('viewer', 'GET', `/missions?voyage_id=${String(voyage['id'])}&statut=annule`)).toHaveLength(1);
    const page = await api.ok('viewer', 'GET', '/missions?skip=1&limit=1');
    expect(page.map((mission) => mission['heure_debut'])).toEqual(['14:00']);
  });

  it('updates and deletes; 404 with detail on a missing id', async () => {
    const created = await api.ok('planner', 'POST', '/missions', readmeBody(), 201);
    const path = `/missions/${String(created['id'])}`;
    const updated = await api.ok('planner', 'PUT', path, { statut: 'en_cours', commentaire: 'quai 4' });
    expect(updated).toMatchObject({ statut: 'en_cours', commentaire: 'quai 4', destination: 'Paris' });
    expect(await api.ok('planner', 'PUT', path, { commentaire: null })).toMatchObject({ commentaire: null });
    expect(await api.ok('planner', 'DELETE', path)).toMatchObject({ id: created['id'] });
    const missing = await api.as('viewer', 'GET', path);
    expect(missing.status).toBe(404);
    expect(missing.body['detail']).toBe('Mission introuvable');
    expect((await api.as('viewer', 'GET', '/missions/42')).body['detail']).toBe('Mission introuvable');
    expect((await api.as('planner', 'PUT', '/missions/42', { statut: 'termine' })).status).toBe(404);
    expect((await api.as('planner', 'DELETE', path)).status).toBe(404);
  });

  it('answers 422 with a French detail on invalid bodies and queries', async () => {
    const bad = await api.as('planner', 'POST', '/missions', { ...readmeBody(), heure_debut: '6h' });
    expect(bad.status).toBe(422);
    expect(bad.body['detail']).toBe('Données invalides : heure_debut — Trop petit : chaîne de caractères doit avoir >=5 caractères');
    expect((await api.as('viewer', 'GET', '/missions/by-date/15-01-2030')).status).toBe(422);
    expect((await api.as('viewer', 'GET', '/missions?statut=perdu')).status).toBe(422);
  });

  it('refuses writes to a viewer with 403 and a detail', async () => {
    const refused = await api.as('viewer', 'POST', '/missions', readmeBody());
    expect(refused.status).toBe(403);
    expect(refused.body['detail']).toBe('Accès refusé : il vous faut le droit « edit_planning ».');
    // Refused before the body is even read, as FastAPI does.
    expect((await api.as('viewer', 'POST', '/missions', { date_mission: 'hier' })).status).toBe(403);
    expect(await api.ok('viewer', 'GET', '/missions')).toHaveLength(0);
  });

  it('shows and accepts money in euros to finance roles, and fills revenue and cost from the tables', async () => {
    await api.ok('finance', 'POST', '/finance/revenus', { destination: 'PARIS', revenu_par_palette: 12.5 }, 201);
    const sst = await api.ok('finance', 'POST', '/sst', { code: 'TRANS', nom: 'Trans SA' }, 201);
    await api.ok('finance', 'POST', '/sst/tarifs', { sst_id: sst['id'], destination: 'Paris', prix: 300.1, unite: 'voyage' }, 201);
    const filled = await api.ok('planner_advanced', 'POST', '/missions', { ...readmeBody(), chauffeur_id: null, sst_id: sst['id'], nb_palettes: 10 }, 201);
    expect(filled).toMatchObject({ revenu: 125, cout_sst: 300.1 });
    const given = await api.ok('admin', 'POST', '/missions', { ...readmeBody(), chauffeur_id: null, revenu: 99.99, cout_sst: 10 }, 201);
    expect(given).toMatchObject({ revenu: 99.99, cout_sst: 10 });
    // Stored as cents, the way the PWAs replicate it.
    expect(api.store.get('missions', String(given['id']))).toMatchObject({ revenu: 9999, cout_sst: 1000 });
    // A planner may not write money, yet the server still derives the revenue of its mission.
    const planned = await api.ok('planner', 'POST', '/missions', { ...readmeBody(), chauffeur_id: null, nb_palettes: 4 }, 201);
    expect(planned).not.toHaveProperty('revenu');
    expect(await api.ok('finance', 'GET', `/missions/${String(planned['id'])}`)).toMatchObject({ revenu: 50, nb_palettes: 4 });
    const bulk = await api.ok('planner', 'POST', '/missions/bulk', [{ ...readmeBody(), chauffeur_id: null, nb_palettes: 2 }], 201);
    expect(await api.ok('finance', 'GET', `/missions/${String(bulk[0]?.['id'])}`)).toMatchObject({ revenu: 25 });
    const seen = await api.ok('viewer', 'GET', `/missions/${String(given['id'])}`);
    expect(seen).not.toHaveProperty('revenu');
    expect(seen).not.toHaveProperty('cout_sst');
  });

  it('writes through the store: the change is pulled by replication and logged with source rest', async () => {
    const created = await api.ok('planner', 'POST', '/missions', readmeBody(), 201);
    const pulled = api.store.pull('missions', { seq: 0 }, 100);
    expect(pulled.documents.map((doc) => doc['id'])).toContain(created['id']);
    const log = api.db.$client
      .prepare<[string], { actor: string; source: string; action: string }>('SELECT actor, source, action FROM activity_log WHERE document_id = ?')
      .all(String(created['id']));
    expect(log).toEqual([{ actor: 'PLANNER', source: 'rest', action: 'create' }]);
  });

  it('maps a double booking to 409, and lets a forcing role keep it with force_motif', async () => {
    await api.ok('planner', 'POST', '/missions', readmeBody(), 201);
    const clash = await api.as('planner', 'POST', '/missions', { ...readmeBody(), heure_debut: '06:30' });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ error: { code: 'CONFLICT', details: { reason: 'PLANNING_CONFLICT' } } });
    expect(typeof clash.body['detail']).toBe('string');
    const forbidden = await api.as('planner', 'POST', '/missions', { ...readmeBody(), heure_debut: '06:30', force_motif: 'urgence' });
    expect(forbidden.status).toBe(403);
    await api.ok('planner_advanced', 'POST', '/missions', { ...readmeBody(), heure_debut: '06:30', force_motif: 'urgence' }, 201);
  });

  it('refuses past days to a planner with 403', async () => {
    const past = await api.as('planner', 'POST', '/missions', { ...readmeBody(), date_mission: '2024-01-15' });
    expect(past.status).toBe(403);
    expect(past.body).toMatchObject({ error: { details: { reason: 'PAST_PLANNING_LOCKED' } } });
  });

  it('creates a list with /missions/bulk (201, list out)', async () => {
    const created = await api.ok('planner', 'POST', '/missions/bulk', [readmeBody(), { ...readmeBody(), date_mission: '2030-01-08', chauffeur_id: null }], 201);
    expect(created.map((mission) => mission['date_mission'])).toEqual(['2030-01-07', '2030-01-08']);
    expect(await api.ok('planner', 'POST', '/missions/bulk', [], 201)).toEqual([]);
    const invalid = await api.as('planner', 'POST', '/missions/bulk', [readmeBody(), { date_mission: 'demain' }]);
    expect(invalid.status).toBe(422);
    expect(await api.ok('viewer', 'GET', '/missions?date_debut=2030-01-01')).toHaveLength(2);
  });

  it('generates the voyages of a period once (generate_planning), and keeps deleted days deleted', async () => {
    const body = { date_debut: '2030-01-07', date_fin: '2030-01-13' };
    expect((await api.as('planner', 'POST', '/missions/generate', body)).status).toBe(403);
    const first = await api.ok('admin', 'POST', '/missions/generate', { ...body, assign_chauffeur_habituel: true }, 201);
    expect(first).toMatchObject({ created: 2, skipped: 0 });
    const monday = await api.ok('viewer', 'GET', '/missions/by-date/2030-01-07');
    expect(monday).toMatchObject([{ voyage_id: voyage['id'], heure_debut: '05:00', destination: 'Paris', statut: 'planifie' }]);
    await api.ok('admin', 'DELETE', `/missions/${String(monday[0]?.['id'])}`);
    expect(await api.ok('admin', 'POST', '/missions/generate', body, 201)).toMatchObject({ created: 0, skipped: 2 });
  });

  it('puts the usual chauffeur only on the days the planning rules allow, and says why on the others', async () => {
    await api.ok('admin', 'PUT', `/voyages/${String(voyage['id'])}`, { chauffeur_habituel_id: chauffeur['id'] });
    await api.ok('admin', 'POST', '/chauffeurs/disponibilites', { chauffeur_id: chauffeur['id'], date_debut: '2030-01-07', date_fin: '2030-01-07', type_absence: 'conges' }, 201);
    const generated = await api.ok('admin', 'POST', '/missions/generate', { date_debut: '2030-01-07', date_fin: '2030-01-13', assign_chauffeur_habituel: true }, 201);
    expect(generated).toMatchObject({
      created: 2,
      skipped: 0,
      refused: [],
      unassigned: [{ date: '2030-01-07', chauffeur_id: chauffeur['id'], reasons: [{ code: 'CHAUFFEUR_ABSENT', message: 'Jean Dupont est absent (congés) du lun. 7 janv. au lun. 7 janv. 2030' }] }],
    });
    const week = await api.ok('viewer', 'GET', '/missions?date_debut=2030-01-07&date_fin=2030-01-13');
    expect(week.map((mission) => [mission['date_mission'], mission['chauffeur_id']])).toEqual([
      ['2030-01-07', null],
      ['2030-01-09', chauffeur['id']],
    ]);
  });

  it('refuses with 422 a generation longer than 92 days, 2027 → 9999 included, before any work', async () => {
    const endless = await api.as('admin', 'POST', '/missions/generate', { date_debut: '2027-01-01', date_fin: '9999-12-31' });
    expect(endless.status).toBe(422);
    expect(endless.body['detail']).toBe('Données invalides : date_fin — période trop longue : 92 jours au plus par génération');
    // 92 days, both included, is the most one generation covers.
    expect((await api.as('admin', 'POST', '/missions/generate', { date_debut: '2030-01-01', date_fin: '2030-04-03' })).status).toBe(422);
    expect(await api.ok('admin', 'POST', '/missions/generate', { date_debut: '2030-01-01', date_fin: '2030-04-02' }, 201)).toMatchObject({ created: 26 });
  });

  it('creates at most 500 missions per request: a larger generation or bulk is refused whole', async () => {
    // 90 daily lines over a week: 630 missions.
    for (let line = 0; line < 90; line += 1) {
      await api.ok('admin', 'POST', '/voyages', { code: `L${line}`, nom: `Ligne ${line}`, destination: 'Lyon', jours_operation: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] }, 201);
    }
    const week = await api.as('admin', 'POST', '/missions/generate', { date_debut: '2030-01-07', date_fin: '2030-01-13' });
    expect(week.status).toBe(422);
    expect(week.body['detail']).toBe('Données invalides : 632 missions à créer : 500 au plus par requête, découpez la période ou la liste');
    expect(await api.ok('viewer', 'GET', '/missions?date_debut=2030-01-07&date_fin=2030-01-13')).toEqual([]);
    const bulk = await api.as('planner', 'POST', '/missions/bulk', Array.from({ length: 501 }, () => ({ ...readmeBody(), chauffeur_id: null })));
    expect(bulk.status).toBe(422);
    expect(bulk.body['detail']).toContain('501 missions à créer : 500 au plus');
    expect(await api.ok('admin', 'POST', '/missions/generate', { date_debut: '2030-01-07', date_fin: '2030-01-11' }, 201)).toMatchObject({ created: 452 });
  });

  it("accepts FastAPI's trailing slash on every route, POST included", async () => {
    const created = await api.ok('planner', 'POST', '/missions/', readmeBody(), 201);
    expect(await api.ok('viewer', 'GET', '/missions/?date_debut=2030-01-07')).toMatchObject([{ id: created['id'] }]);
    expect(await api.ok('viewer', 'GET', `/missions/${String(created['id'])}/`)).toMatchObject({ id: created['id'] });
    expect(await api.ok('viewer', 'GET', '/chauffeurs/')).toHaveLength(1);
  });

  it('answers JSON 404 on unknown paths under /missions', async () => {
    const unknown = await api.as('viewer', 'GET', '/missions/1/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body['detail']).toMatch(/Route inconnue/);
  });
});
