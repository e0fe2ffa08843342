import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../test-support/auth';
import { apiTest, type ApiTest } from './test-api';

let api: ApiTest;

beforeEach(async () => {
  api = await apiTest();
});

describe('TomatoPlan stats API', () => {
  it('answers the dashboard: missions today and this week by status, active chauffeurs, voyages and sessions', async () => {
    // The test clock says Friday 2026-11-27; its week runs from Monday 23 to Sunday 29.
    const mission = { heure_debut: '06:00', destination: 'Lyon' };
    await api.ok('admin', 'POST', '/missions', { ...mission, date_mission: '2026-11-27', statut: 'en_cours' }, 201);
    await api.ok('admin', 'POST', '/missions', { ...mission, date_mission: '2026-11-28' }, 201);
    await api.ok('admin', 'POST', '/missions', { ...mission, date_mission: '2026-11-30' }, 201);
    await api.ok('admin', 'POST', '/chauffeurs', { code: 'A', nom: 'A', prenom: 'A' }, 201);
    await api.ok('admin', 'POST', '/chauffeurs', { code: 'B', nom: 'B', prenom: 'B', is_active: false }, 201);
    await api.ok('admin', 'POST', '/voyages', { code: 'V', nom: 'V' }, 201);
    const dashboard = await api.ok('viewer', 'GET', '/stats/dashboard');
    // TomatoPlan's fields, then Relais' own.
    expect(dashboard).toMatchObject({ missions: { today: 1 }, voyages: { active: 1 }, chauffeurs: { active: 1 }, users: { total: 7 }, database: { size_formatted: expect.stringMatching(/B$/) as unknown } });
    expect(dashboard).toMatchObject({
      date: '2026-11-27',
      missions_aujourdhui: { total: 1, par_statut: { planifie: 0, en_cours: 1, termine: 0, annule: 0 } },
      missions_semaine: { debut: '2026-11-23', fin: '2026-11-29', total: 2, par_statut: { planifie: 1, en_cours: 1, termine: 0, annule: 0 } },
      chauffeurs_actifs: 1,
      voyages_actifs: 1,
      sst_actifs: 0,
      sessions_actives: 7,
      utilisateurs_connectes: 7,
    });
  });

  it('counts rows per table and actions per user; recent activity stays available', async () => {
    await api.ok('admin', 'POST', '/voyages', { code: 'V', nom: 'V' }, 201);
    const w = await api.ok('planner', 'POST', '/voyages', { code: 'W', nom: 'W' }, 201);
    await api.ok('planner', 'PUT', `/voyages/${String(w['id'])}`, { nom: 'W2' });
    expect(await api.ok('admin', 'GET', '/stats/tables')).toMatchObject({ voyages: 2, missions: 0, users: 7, sessions: 7, activity_log: 3 });
    expect((await api.as('planner', 'GET', '/stats/tables')).status).toBe(403);
    expect(await api.ok('admin', 'GET', '/stats/activity/users')).toMatchObject([
      { username: 'PLANNER', actions: 2 },
      { username: 'ADMIN', actions: 1 },
    ]);
    const refused = await api.as('planner', 'GET', '/stats/activity/users');
    expect(refused.status).toBe(403);
    expect(refused.body['detail']).toBe('Accès refusé : il vous faut le droit « view_sauron ».');
    const recent = await api.ok('admin', 'GET', '/stats/activity/recent?limit=2');
    expect(recent).toHaveLength(2);
    expect(recent[0]).toMatchObject({ actor: 'PLANNER', source: 'rest', collection: 'voyages', action: 'update' });
  });

  it('answers JSON 404 under its prefixes and 401 without a token', async () => {
    expect((await api.as('admin', 'GET', '/stats/nothing')).status).toBe(404);
    expect((await api.as('admin', 'GET', '/finance/nothing')).body['detail']).toMatch(/Route inconnue/);
    const anonymous = await call(api.app, 'GET', '/missions');
    expect(anonymous.status).toBe(401);
  });
});

describe('OpenAPI description and docs', () => {
  it('lists the TomatoPlan paths with schemas derived from packages/schema, money in euros', async () => {
    const response = await call(api.app, 'GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties: Record<string, { type: unknown }> }> } };
    expect(document.openapi).toBe('3.1.0');
    for (const path of ['/missions', '/missions/{id}', '/missions/by-date/{date}', '/missions/generate', '/voyages/code/{code}', '/chauffeurs/disponibles/{date}', '/sst/tarifs/{id}', '/finance/stats/mensuel', '/stats/dashboard', '/sst/tarifs/all', '/stats/api', '/stats/users/{username}', '/server-info', '/ws/status']) {
      expect(document.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(document.paths['/missions/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    const mission = document.components.schemas['Mission']?.properties ?? {};
    expect(mission['heure_debut']).toMatchObject({ pattern: expect.any(String) as string });
    expect(mission['revenu']).toMatchObject({ type: 'number' });
    expect(mission).toHaveProperty('uuid');
  });

  it('serves Swagger UI from the server itself, without any CDN', async () => {
    const page = await call(api.app, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await call(api.app, 'GET', '/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await call(api.app, 'GET', '/docs/init.js')).status).toBe(200);
    expect((await call(api.app, 'GET', '/docs/swagger-ui.css')).status).toBe(200);
    const unknown = await call(api.app, 'GET', '/docs/package.json');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ detail: 'Route inconnue : GET /docs/package.json' });
  });
});
