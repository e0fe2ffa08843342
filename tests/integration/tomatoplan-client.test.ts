import { createDocument } from '@relais/replica';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, signIn, startRealServer } from './support/harness';
import { TomatoPlanClient, ensurePythonClient, pyDate, tomatoPlanClientAbsent } from './support/tomatoplan-client';

type Server = Awaited<ReturnType<typeof startRealServer>>;
type Row = Record<string, unknown>;

const password = 'Relais-2026';
let server: Server;
const running: TomatoPlanClient[] = [];

function client(): TomatoPlanClient {
  const started = TomatoPlanClient.start(server.url);
  running.push(started);
  return started;
}

if (tomatoPlanClientAbsent) {
  describe("TomatoPlan's desktop client (api_client.py) against Relais", () => {
    it.skip(`ignoré : ${tomatoPlanClientAbsent}`, () => undefined);
  });
} else {
  describe("TomatoPlan's desktop client (api_client.py) against Relais", () => {
    beforeAll(async () => {
      ensurePythonClient();
      server = await startRealServer();
    }, 300_000);

    afterAll(async () => {
      await Promise.all(running.splice(0).map((started) => started.stop()));
      await server.dispose();
    });

    it('every method of the client returns what the desktop app expects', async () => {
      const admin = await signIn(server, 'admin');
      const desk = client();
      expect(await desk.call('api_client.check_server')).toMatchObject({ status: 'ok' });
      expect(await desk.call('connection_monitor.force_check')).toBe(true);
      // A wrong password is a 401, which the client raises as TomatoPlan's server made it do.
      await expect(desk.call('api_client.login', [admin.username, 'mauvais'])).rejects.toThrow(/PermissionError/);
      expect(await desk.call('api_client.login', [admin.username, password])).toBe(true);
      expect(await desk.call('get_current_user')).toBe(admin.username);
      expect(await desk.call<Row>('api_client.get_permissions')).toMatchObject({ view_planning: true, edit_planning: true, view_finance: true });

      // Voyages
      const voyage = await desk.call<Row>('api_client.create_voyage', [{ code: 'PAR1', nom: 'Paris matin', destination: 'Paris' }]);
      expect(voyage).toMatchObject({ code: 'PAR1', is_active: true });
      expect(await desk.call<Row>('api_client.update_voyage', [voyage['id'], { nom: 'Paris aube' }])).toMatchObject({ id: voyage['id'], nom: 'Paris aube' });
      expect((await desk.call<Row[]>('api_client.get_voyages', [false])).map((row) => row['code'])).toEqual(['PAR1']);

      // Chauffeurs and their absences
      const chauffeur = await desk.call<Row>('api_client.create_chauffeur', [{ code: 'DUP', nom: 'Dupont', prenom: 'Jean' }]);
      expect(await desk.call<Row>('api_client.update_chauffeur', [chauffeur['id'], { telephone: '0600000000' }])).toMatchObject({ telephone: '0600000000' });
      expect((await desk.call<Row[]>('api_client.get_chauffeurs', [true])).map((row) => row['code'])).toEqual(['DUP']);
      const absence = await desk.call<Row>('api_client.create_disponibilite', [{ chauffeur_id: chauffeur['id'], date_debut: '2030-01-08', date_fin: '2030-01-09', type_absence: 'conges' }]);
      expect(absence).toMatchObject({ chauffeur_id: chauffeur['id'], date_debut: '2030-01-08' });
      expect(await desk.call<Row[]>('api_client.get_chauffeur_disponibilites', [chauffeur['id']])).toHaveLength(1);
      expect(await desk.call<Row>('api_client.get_chauffeurs_disponibles', [pyDate('2030-01-08')])).toMatchObject({ disponibles: [], indisponibles: [{ id: chauffeur['id'] }] });
      expect(await desk.call('api_client.delete_disponibilite', [absence['id']])).toBe(true);
      expect(await desk.call<Row>('api_client.get_chauffeurs_disponibles', [pyDate('2030-01-08')])).toMatchObject({ disponibles: [{ id: chauffeur['id'] }], indisponibles: [] });

      // Missions
      const body = { date_mission: '2030-01-07', destination: 'Paris', voyage_id: voyage['id'], chauffeur_id: chauffeur['id'], heure_debut: '06:00', statut: 'planifie', nb_palettes: 10 };
      const mission = await desk.call<Row>('api_client.create_mission', [body]);
      expect(mission).toMatchObject({ ...body, created_by: admin.username });
      expect((await desk.call<Row[]>('api_client.get_missions_by_date', [pyDate('2030-01-07')])).map((row) => row['id'])).toEqual([mission['id']]);
      expect(await desk.call<Row[]>('api_client.get_missions', [pyDate('2030-01-01'), pyDate('2030-01-31')], { statut: 'planifie' })).toHaveLength(1);
      expect(await desk.call<Row[]>('api_client.get_missions', ['2030-01-01', '2030-01-31'], { statut: 'termine' })).toEqual([]);
      expect(await desk.call<Row>('api_client.update_mission', [mission['id'], { heure_debut: '07:00' }])).toMatchObject({ id: mission['id'], heure_debut: '07:00' });
      expect(await desk.call('api_get_planning_for_date', [pyDate('2030-01-07')])).toHaveLength(1);

      // Subcontractors, their tariffs, revenue per pallet, finance
      const sst = await desk.call<Row>('api_client.create_sst', [{ code: 'TRANS', nom: 'Trans SA' }]);
      expect(await desk.call<Row>('api_client.update_sst', [sst['id'], { nom: 'Trans SAS' }])).toMatchObject({ nom: 'Trans SAS' });
      expect((await desk.call<Row[]>('api_client.get_sst_list', [false])).map((row) => row['code'])).toEqual(['TRANS']);
      const tarif = await fetch(`${server.url}/sst/tarifs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sst_id: sst['id'], destination: 'Paris', prix: 350 }),
      });
      expect(tarif.status).toBe(201);
      expect(await desk.call('api_client.get_sst_tarifs', [sst['id']])).toMatchObject([{ destination: 'Paris', prix: 350 }]);
      expect(await desk.call('api_client.get_sst_tarifs')).toMatchObject([{ destination: 'Paris', prix: 350, sst_code: 'TRANS' }]);
      // The client tests "sst.json" before "tarifs_sst.json" in the name: it answers the subcontractor codes.
      expect(await desk.call('api_load_json', ['tarifs_sst.json'])).toEqual(['TRANS']);
      expect(await desk.call<Row>('api_client.create_revenu_palette', [{ destination: 'Lille', revenu_par_palette: 12.5 }])).toMatchObject({ destination: 'Lille', revenu_par_palette: 12.5 });
      expect(await desk.call('api_client.get_revenus_palettes')).toMatchObject([{ destination: 'Lille', revenu_par_palette: 12.5 }]);
      expect(await desk.call('api_load_json', ['revenus_palettes.json'])).toEqual({ Lille: 12.5 });
      expect(await desk.call<Row>('api_client.get_finance_stats', [pyDate('2030-01-01'), pyDate('2030-01-31')])).toMatchObject({
        periode: { debut: '2030-01-01', fin: '2030-01-31' },
        total_missions: 1,
        total_palettes: 10,
      });

      // Stats and users
      expect(await desk.call<Row>('api_client.get_dashboard_stats')).toHaveProperty('missions_aujourdhui');
      expect((await desk.call<Row[]>('api_client.get_recent_activity', [10])).length).toBeGreaterThan(0);
      expect(await desk.call('api_client.get_recent_activity', [10, admin.username])).toEqual(expect.any(Array) as unknown);
      const roles = await desk.call<Row[]>('api_client.get_roles');
      expect(roles.map((role) => role['name'])).toEqual(expect.arrayContaining(['viewer', 'planner', 'admin']));
      const created = await desk.call<Row>('api_client.create_user', [{ username: 'MARTIN', display_name: 'Paul Martin', role_name: 'planner' }]);
      expect(created).toMatchObject({ username: 'MARTIN', role: 'planner', is_active: true });
      expect(typeof created['temp_password']).toBe('string');
      const martin = (await desk.call<Row[]>('api_client.get_users')).find((user) => user['username'] === 'MARTIN');
      expect(martin).toMatchObject({ display_name: 'Paul Martin', role_name: 'planner' });
      expect(await desk.call<Row>('api_client.update_user', [martin?.['id'], { display_name: 'Paul Martin-Durand' }])).toMatchObject({ display_name: 'Paul Martin-Durand' });
      expect(await desk.call('api_load_json', ['users_rights.json'])).toMatchObject({ users: { MARTIN: ['planner'] } });
      expect(await desk.call('api_load_json', ['voyages.json'])).toMatchObject([{ code: 'PAR1', actif: true }]);
      expect(await desk.call('api_load_json', ['chauffeurs.json'])).toMatchObject([{ code: 'DUP', nom: 'Dupont' }]);
      expect(await desk.call('api_load_json', ['sst.json'])).toEqual(['TRANS']);

      expect(await desk.call('api_client.delete_mission', [mission['id']])).toBe(true);
      expect(await desk.call('api_client.get_missions_by_date', [pyDate('2030-01-07')])).toEqual([]);

      // A planner changes their password with the client, then signs out.
      const planner = await signIn(server, 'planner');
      const other = client();
      expect(await other.call('api_client.login', [planner.username, password])).toBe(true);
      expect(await other.call('api_client.change_password', [password, 'Nouveau-Mot-2026!'])).toBe(true);
      await other.call('api_client.logout');
      expect(await other.call('api_client.login', [planner.username, 'Nouveau-Mot-2026!'])).toBe(true);
      // A planner is refused the administration: the client raises PermissionError with the detail.
      await expect(other.call('api_client.get_users')).rejects.toThrow(/PermissionError: Acces refuse: .+/);
    });

    it('its live listener gets welcome, then data_changed within 1 s of a PWA push, and user_connected', async () => {
      const planner = await signIn(server, 'planner');
      const desk = client();
      expect(await desk.call('api_client.login', [planner.username, password])).toBe(true);
      await desk.call('live_start');
      const welcome = await desk.nextEvent((event) => event.event === 'message' && (event['message'] as Row)['type'] === 'welcome');
      expect((welcome['message'] as Row)['connected_users']).toEqual([expect.objectContaining({ username: planner.username }) as unknown]);
      expect(await desk.call('live_state')).toMatchObject({ is_connected: true, count: 1 });

      const pwaUser = await signIn(server, 'planner');
      const pwa = await TestClient.open(server.url, { token: pwaUser.token, role: 'planner' });
      try {
        await pwa.sync.awaitInSync();
        const from = desk.events.length;
        const started = performance.now();
        const created = await createDocument(pwa.db.missions, { date_mission: '2030-02-04', heure_debut: '06:00', type_mission: 'livraison', destination: 'Lyon', statut: 'planifie' });
        const changed = await desk.nextEvent((event) => event.event === 'data_changed' && (event['data'] as Row)['entity_id'] === created.id, 1000, from);
        expect(desk.eventArrivals[desk.events.indexOf(changed)]! - started).toBeLessThan(1000);
        expect(changed).toMatchObject({ entity: 'missions', action: 'created', data: { changed_by: pwaUser.username, details: { destination: 'Lyon' } } });
      } finally {
        await pwa.dispose();
      }

      const from = desk.events.length;
      const colleague = await signIn(server, 'viewer');
      expect(await desk.nextEvent((event) => event.event === 'user_event' && event['username'] === colleague.username, 5000, from)).toMatchObject({ kind: 'connected' });
    });
  });
}
