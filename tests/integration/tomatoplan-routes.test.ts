import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { permissionsOf, roleNames, type Role } from '@relais/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLiveSocket } from '../support/live-socket';
import { signIn, startRealServer } from './support/harness';
import { routeTable, type RouteRow } from './support/tomatoplan-route-table';

type Server = Awaited<ReturnType<typeof startRealServer>>;
type Json = Record<string, unknown>;

let server: Server;
let webDist: string;
const fixtures: Record<string, string> = { password: 'Relais-2026' };
const tokens = new Map<Role, string>();

async function call(token: string | undefined, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function json<T = Json>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await call(token, method, path, body);
  if (!response.ok) {
    throw new Error(`${method} ${path} : ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** A signed-in user of this role; signed in again when a row closed its session (logout, kick, restore). */
async function tokenFor(role: Role): Promise<string> {
  const cached = tokens.get(role);
  if (cached !== undefined && (await call(cached, 'GET', '/auth/me')).status === 200) {
    return cached;
  }
  const token = (await signIn(server, role, { systemAdmin: role === 'admin' })).token;
  tokens.set(role, token);
  return token;
}

function fill<T>(value: T): T {
  const text = JSON.stringify(value).replace(/\{([a-z_]+)\}/g, (whole, name: string) => fixtures[name] ?? whole);
  return JSON.parse(text) as T;
}

function rolesWith(row: RouteRow): { allowed: Role; refused: Role | undefined } {
  if (row.access === 'public' || row.access === 'signed-in') {
    return { allowed: 'viewer', refused: undefined };
  }
  const permission = row.access;
  const allowed = roleNames.find((role) => permissionsOf(role)[permission]);
  if (!allowed) {
    throw new Error(`aucun rôle n'a ${permission}`);
  }
  return { allowed, refused: roleNames.find((role) => !permissionsOf(role)[permission]) };
}

async function seed(): Promise<void> {
  const admin = await tokenFor('admin');
  const make = async (key: string, path: string, body: Json): Promise<void> => {
    fixtures[key] = String((await json(admin, 'POST', path, body))['id']);
  };
  await make('voyage', '/voyages', { code: 'PAR1', nom: 'Paris matin', destination: 'Paris' });
  await make('voyage_del', '/voyages', { code: 'DEL1', nom: 'À désactiver', destination: 'Nulle part' });
  await make('chauffeur', '/chauffeurs', { code: 'DUP', nom: 'Dupont', prenom: 'Jean' });
  await make('chauffeur_del', '/chauffeurs', { code: 'DEL', nom: 'Parti', prenom: 'Jean' });
  await make('dispo', '/chauffeurs/disponibilites', { chauffeur_id: fixtures['chauffeur'], date_debut: '2030-03-01', date_fin: '2030-03-02', type_absence: 'conges' });
  await make('dispo_del', '/chauffeurs/disponibilites', { chauffeur_id: fixtures['chauffeur'], date_debut: '2030-04-01', date_fin: '2030-04-02', type_absence: 'conges' });
  await make('sst', '/sst', { code: 'TRANS', nom: 'Trans SA' });
  await make('sst_del', '/sst', { code: 'DELS', nom: 'Fermé SA' });
  await make('tarif', '/sst/tarifs', { sst_id: fixtures['sst'], destination: 'Paris', prix: 350 });
  await make('tarif_del', '/sst/tarifs', { sst_id: fixtures['sst'], destination: 'Brest', prix: 900 });
  await make('email', '/sst/emails', { sst_id: fixtures['sst'], email: 'planning@trans.example' });
  await make('email_del', '/sst/emails', { sst_id: fixtures['sst'], email: 'ancien@trans.example' });
  await make('revenu', '/finance/revenus', { destination: 'Paris', revenu_par_palette: 15 });
  await make('revenu_del', '/finance/revenus', { destination: 'Brest', revenu_par_palette: 30 });
  const mission = { date_mission: '2030-01-07', destination: 'Paris', heure_debut: '06:00', statut: 'planifie', voyage_id: fixtures['voyage'], nb_palettes: 12, pays: 'France', revenu: 180, cout_sst: 120 };
  await make('mission', '/missions', mission);
  await make('mission_del', '/missions', { ...mission, heure_debut: '14:00', voyage_id: null });
  await make('user', '/admin/users', { username: 'MARTIN', display_name: 'Paul Martin', role_name: 'planner' });
  await make('user_del', '/admin/users', { username: 'PARTANT', display_name: 'Jean Partant', role_name: 'viewer' });
  const me = await json<{ username: string }>(admin, 'GET', '/auth/me');
  fixtures['admin_name'] = me.username;
  const loginUser = await signIn(server, 'viewer');
  fixtures['login_user'] = loginUser.username;
  const kicked = await signIn(server, 'viewer');
  fixtures['kick_name'] = kicked.username;
  const kickedSession = await signIn(server, 'viewer');
  fixtures['kick_session'] = (JSON.parse(Buffer.from(kickedSession.token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;
  // Last: a restore returns to this state.
  fixtures['backup_del'] = String((await json(admin, 'POST', '/admin/backups'))['backup_file']);
  fixtures['backup'] = String((await json(admin, 'POST', '/admin/backups'))['backup_file']);
}

beforeAll(async () => {
  webDist = mkdtempSync(join(tmpdir(), 'relais-web-'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><html lang="fr"><title>Relais</title></html>');
  server = await startRealServer({ RELAIS_WEB_DIST: webDist });
  await seed();
}, 120_000);

afterAll(async () => {
  await server.dispose();
  rmSync(webDist, { recursive: true, force: true });
});

async function checkSocket(row: RouteRow): Promise<void> {
  expect((await openLiveSocket(server.url, undefined).closed).code).toBe(4001);
  const socket = openLiveSocket(server.url, await tokenFor('viewer'));
  try {
    const welcome = await socket.next((message) => message.type === 'welcome');
    expect(row.schema.safeParse(welcome).error).toBeUndefined();
  } finally {
    socket.close();
  }
}

describe("TomatoPlan's route table against Relais", () => {
  it('holds the 87 routes of TomatoPlan, each once', () => {
    expect(routeTable).toHaveLength(87);
    expect(new Set(routeTable.map((row) => `${row.method} ${row.path.split('?')[0] ?? ''}`)).size).toBe(87);
  });

  // In table order: the DELETE, restore and session rows use fixtures of their own.
  for (const row of routeTable) {
    it(`${row.method} ${row.path} (${row.access}) → ${row.status}`, async () => {
      if (row.method === 'WS') {
        await checkSocket(row);
        return;
      }
      const path = fill(row.path);
      const body = row.body === undefined ? undefined : fill(row.body);
      const { allowed, refused } = rolesWith(row);
      if (row.access !== 'public') {
        const anonymous = await call(undefined, row.method, path, body);
        expect(anonymous.status).toBe(401);
        expect(typeof ((await anonymous.json()) as Json)['detail']).toBe('string');
      }
      if (refused !== undefined) {
        const forbidden = await call(await tokenFor(refused), row.method, path, body);
        expect(forbidden.status).toBe(403);
        expect(typeof ((await forbidden.json()) as Json)['detail']).toBe('string');
      }
      // `signed-in` rows run as a user of their own: logout and password change close its session.
      const token = row.access === 'public' ? undefined : row.access === 'signed-in' ? (await signIn(server, allowed)).token : await tokenFor(allowed);
      if (row.missing !== undefined) {
        const missing = await call(token, row.method, row.missing, body);
        expect(missing.status).toBe(404);
        expect(typeof ((await missing.json()) as Json)['detail']).toBe('string');
      }
      const response = await call(token, row.method, path, body);
      const text = await response.text();
      expect(response.status, text.slice(0, 500)).toBe(row.status);
      if (row.location !== undefined) {
        expect(response.headers.get('location')).toBe(row.location);
        return;
      }
      const parsed = row.schema.safeParse(response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text);
      expect(parsed.error?.issues, text.slice(0, 500)).toBeUndefined();
    });
  }
});
