import { beforeEach, describe, expect, it } from 'vitest';
import { apiTest, type ApiTest } from './test-api';

let api: ApiTest;

beforeEach(async () => {
  api = await apiTest();
});

describe('TomatoPlan voyages API', () => {
  it('creates with defaults, lists (active_only), reads by id and code, updates', async () => {
    const created = await api.ok('planner', 'POST', '/voyages', { code: 'LYO', nom: 'Lyon nuit' }, 201);
    expect(created).toMatchObject({ code: 'LYO', jours_operation: [], is_active: true, description: null, created_by: 'PLANNER' });
    expect(created['uuid']).toBe(created['id']);
    await api.ok('planner', 'POST', '/voyages', { code: 'OLD', nom: 'Ancienne ligne', is_active: false }, 201);
    expect(await api.ok('viewer', 'GET', '/voyages')).toHaveLength(2);
    expect((await api.ok('viewer', 'GET', '/voyages?active_only=true')).map((voyage) => voyage['code'])).toEqual(['LYO']);
    expect(await api.ok('viewer', 'GET', `/voyages/${String(created['id'])}`)).toMatchObject({ code: 'LYO' });
    expect(await api.ok('viewer', 'GET', '/voyages/code/LYO')).toMatchObject({ id: created['id'] });
    const updated = await api.ok('planner', 'PUT', `/voyages/${String(created['id'])}`, { jours_operation: ['lundi'], heure_depart_defaut: '22:00' });
    expect(updated).toMatchObject({ code: 'LYO', jours_operation: ['lundi'], heure_depart_defaut: '22:00', updated_by: 'PLANNER' });
  });

  it('answers 404, 409 on a duplicate code, 422 on an invalid body, 403 to a viewer', async () => {
    await api.ok('planner', 'POST', '/voyages', { code: 'LYO', nom: 'Lyon' }, 201);
    expect((await api.as('viewer', 'GET', '/voyages/code/NOPE')).body['detail']).toBe('Voyage introuvable');
    expect((await api.as('viewer', 'GET', '/voyages/1')).status).toBe(404);
    const duplicate = await api.as('planner', 'POST', '/voyages', { code: 'LYO', nom: 'Lyon bis' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body['detail']).toMatch(/déjà utilisé/);
    expect((await api.as('planner', 'POST', '/voyages', { nom: 'sans code' })).status).toBe(422);
    const refused = await api.as('viewer', 'POST', '/voyages', { code: 'X', nom: 'X' });
    expect(refused.status).toBe(403);
    expect(refused.body['detail']).toBe('Accès refusé : il vous faut le droit « manage_voyages ».');
  });
});

describe('TomatoPlan chauffeurs API', () => {
  it('creates with defaults, lists, reads by id and code, updates and deletes', async () => {
    const created = await api.ok('driver_admin', 'POST', '/chauffeurs', { code: 'MAR', nom: 'Martin', prenom: 'Paul' }, 201);
    expect(created).toMatchObject({ code: 'MAR', adr: false, fimo: false, competences: [], is_active: true, nom_complet: 'Paul Martin' });
    await api.ok('driver_admin', 'POST', '/chauffeurs', { code: 'ANC', nom: 'Ancien', prenom: 'Luc', is_active: false }, 201);
    expect(await api.ok('viewer', 'GET', '/chauffeurs')).toHaveLength(2);
    expect(await api.ok('viewer', 'GET', '/chauffeurs?active_only=1')).toHaveLength(1);
    const path = `/chauffeurs/${String(created['id'])}`;
    expect(await api.ok('viewer', 'GET', path)).toMatchObject({ code: 'MAR' });
    expect(await api.ok('viewer', 'GET', '/chauffeurs/code/MAR')).toMatchObject({ id: created['id'] });
    expect(await api.ok('driver_admin', 'PUT', path, { adr: true, telephone: '0600000000' })).toMatchObject({ adr: true, telephone: '0600000000' });
    await api.ok('driver_admin', 'DELETE', path);
    const gone = await api.as('viewer', 'GET', path);
    expect(gone.status).toBe(404);
    expect(gone.body['detail']).toBe('Chauffeur introuvable');
    const refused = await api.as('planner', 'POST', '/chauffeurs', { code: 'X', nom: 'X', prenom: 'Y' });
    expect(refused.status).toBe(403);
    expect(refused.body['detail']).toBe('Accès refusé : il vous faut le droit « manage_drivers ».');
  });

  it('records absences and answers who is free on a day in the disponibles shape', async () => {
    const paul = await api.ok('driver_admin', 'POST', '/chauffeurs', { code: 'MAR', nom: 'Martin', prenom: 'Paul' }, 201);
    const jean = await api.ok('driver_admin', 'POST', '/chauffeurs', { code: 'DUP', nom: 'Dupont', prenom: 'Jean' }, 201);
    await api.ok('driver_admin', 'POST', '/chauffeurs', { code: 'OFF', nom: 'Inactif', prenom: 'Max', is_active: false }, 201);
    const absence = await api.ok(
      'driver_admin',
      'POST',
      '/chauffeurs/disponibilites',
      { chauffeur_id: paul['id'], date_debut: '2030-01-06', date_fin: '2030-01-08', type_absence: 'conges', motif: 'Vacances' },
      201,
    );
    expect(absence).toMatchObject({ chauffeur_id: paul['id'], type_absence: 'conges', uuid: absence['id'] });
    expect(await api.ok('viewer', 'GET', `/chauffeurs/${String(paul['id'])}/disponibilites`)).toMatchObject([{ id: absence['id'], motif: 'Vacances' }]);
    expect(await api.ok('viewer', 'GET', '/chauffeurs/disponibles/2030-01-07')).toEqual({
      date: '2030-01-07',
      disponibles: [{ id: jean['id'], code: 'DUP', nom_complet: 'Jean Dupont' }],
      indisponibles: [{ id: paul['id'], code: 'MAR', nom_complet: 'Paul Martin', type_absence: 'conges', motif: 'Vacances' }],
    });
    expect((await api.ok('viewer', 'GET', '/chauffeurs/disponibles/2030-01-09'))['disponibles']).toHaveLength(2);
    expect((await api.as('driver_admin', 'POST', '/chauffeurs/disponibilites', { chauffeur_id: paul['id'], date_debut: '2030-01-06' })).status).toBe(422);
    expect((await api.as('viewer', 'POST', '/chauffeurs/disponibilites', { chauffeur_id: paul['id'], date_debut: '2030-01-06', date_fin: '2030-01-06' })).status).toBe(403);
    await api.ok('driver_admin', 'DELETE', `/chauffeurs/disponibilites/${String(absence['id'])}`);
    expect(await api.ok('viewer', 'GET', `/chauffeurs/${String(paul['id'])}/disponibilites`)).toEqual([]);
    expect((await api.as('driver_admin', 'DELETE', `/chauffeurs/disponibilites/${String(absence['id'])}`)).body['detail']).toBe('Indisponibilité introuvable');
    expect((await api.as('viewer', 'GET', '/chauffeurs/disponibles/demain')).status).toBe(422);
  });
});
