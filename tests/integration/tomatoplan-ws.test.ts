import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDocument } from '@relais/replica';
import { signAccessToken } from '@relais/sync-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataChanged, openLiveSocket, type LiveMessage, type LiveSocket } from '../support/live-socket';
import { TestClient, signIn, startRealServer } from './support/harness';

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server;
const clients: TestClient[] = [];
const sockets: LiveSocket[] = [];

beforeEach(async () => {
  server = await startRealServer();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) {
    socket.close();
  }
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await server.dispose();
});

function open(token: string | undefined): LiveSocket {
  const socket = openLiveSocket(server.url, token);
  sockets.push(socket);
  return socket;
}

async function send(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const mission = { date_mission: '2030-01-07', heure_debut: '06:00', destination: 'Lyon', statut: 'planifie' };

describe("TomatoPlan's /ws against Relais", () => {
  it('refuses a socket without a token, with a bad one or an expired one (4001/4002 and a reason)', async () => {
    const missing = await open(undefined).closed;
    expect([missing.code, missing.reason]).toEqual([4001, 'Jeton manquant : ws://serveur/ws?token=…']);
    const bad = await open('pas-un-jeton').closed;
    expect([bad.code, bad.reason]).toEqual([4002, 'Jeton invalide : reconnectez-vous.']);
    const planner = await signIn(server, 'planner');
    const claims = JSON.parse(Buffer.from(planner.token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string; username: string; role: string; sid: string };
    const past = Date.now() - 3_600_000;
    const expired = await signAccessToken(server.auth.settings.jwtSecret, claims, past, past + 60_000);
    expect(await open(expired).closed).toEqual({ code: 4001, reason: 'Token expiré' });
  });

  it('greets, answers ping and get_users, announces who connects and leaves, and GET /ws/status counts them', async () => {
    const planner = await signIn(server, 'planner');
    const first = open(planner.token);
    const welcome = await first.next((message) => message.type === 'welcome');
    expect(welcome).toMatchObject({ message: `Connecté en tant que ${planner.username}`, connected_users: [{ username: planner.username, connections: 1 }] });
    expect(typeof welcome['client_id']).toBe('string');
    expect(Date.parse(String((welcome['connected_users'] as { connected_at: string }[])[0]?.connected_at))).not.toBeNaN();
    first.send({ type: 'ping' });
    await first.next((message) => message.type === 'pong');

    // Another user signing in (REST) then opening the socket: the first hears both.
    const viewer = await signIn(server, 'viewer');
    await first.next((message) => message.type === 'user_connected' && message.data?.['username'] === viewer.username);
    const second = open(viewer.token);
    await second.next((message) => message.type === 'welcome');
    first.send({ type: 'get_users' });
    const users = await first.next((message) => message.type === 'connected_users' && Array.isArray(message['users']) && message['users'].length === 2);
    expect(users['users']).toEqual(expect.arrayContaining([expect.objectContaining({ username: viewer.username, connections: 1 })]));
    const status = (await send(planner.token, 'GET', '/ws/status')).json;
    expect(status).toMatchObject({ connected_clients: 2, connected_users: 2 });
    expect((status['users'] as { username: string }[]).map((user) => user.username).sort()).toEqual([planner.username, viewer.username].sort());
    expect((await fetch(`${server.url}/ws/status`)).status).toBe(401);

    second.close();
    await first.next((message) => message.type === 'user_disconnected' && message.data?.['username'] === viewer.username);
  });

  it('tells of a mission a PWA replica pushes within a second, after the commit, with who wrote it', async () => {
    const planner = await signIn(server, 'planner');
    const socket = open(planner.token);
    await socket.next((message) => message.type === 'welcome');
    const pwa = await TestClient.open(server.url, { token: planner.token, role: 'planner' });
    clients.push(pwa);
    await pwa.sync.awaitInSync();
    const started = performance.now();
    const created = await createDocument(pwa.db.missions, { ...mission, type_mission: 'livraison', statut: 'planifie' });
    const message = await socket.next(dataChanged('missions', created.id), 1000);
    const index = socket.messages.indexOf(message);
    expect((socket.arrivals[index] ?? Infinity) - started).toBeLessThan(1000);
    expect(message).toMatchObject({ data: { action: 'created', entity_id: created.id, changed_by: planner.username, details: { date: '2030-01-07', destination: 'Lyon' } } });
    expect(Date.parse(String(message.timestamp))).not.toBeNaN();
    // Sent after the commit: the server already holds it.
    expect(server.store.get('missions', created.id)).toBeDefined();
  });

  it('keeps finance away from roles without view_finance, and collections away from roles that may not read them', async () => {
    const admin = await signIn(server, 'admin');
    const planner = await signIn(server, 'planner');
    const viewer = await signIn(server, 'viewer');
    const [adminSocket, plannerSocket, viewerSocket] = [open(admin.token), open(planner.token), open(viewer.token)];
    await Promise.all([adminSocket, plannerSocket, viewerSocket].map((socket) => socket.next((message) => message.type === 'welcome')));

    const revenu = await send(admin.token, 'POST', '/finance/revenus', { destination: 'Lyon', revenu_par_palette: 42 });
    expect(revenu.status).toBe(201);
    const created = await send(admin.token, 'POST', '/missions', { ...mission, revenu: 500, cout_sst: 350 });
    const id = String(created.json['id']);
    await send(admin.token, 'PUT', `/missions/${id}`, { revenu: 600, cout_sst: 400, destination: 'Lyon Nord' });
    expect((await send(admin.token, 'DELETE', `/missions/${id}`)).json).toMatchObject({ success: true, message: `Mission ${id} supprimée` });

    const actions = async (socket: LiveSocket): Promise<LiveMessage[]> => {
      await socket.next((message) => dataChanged('missions', id)(message) && message.data?.['action'] === 'deleted');
      return socket.messages.filter(dataChanged('missions', id));
    };
    const seenByAdmin = await actions(adminSocket);
    expect(seenByAdmin.map((message) => message.data?.['action'])).toEqual(['created', 'updated', 'deleted']);
    expect(JSON.stringify(seenByAdmin[1])).toMatch(/"revenu":600/);
    expect((seenByAdmin[1]?.data?.['details'] as { changes: string[] }).changes.sort()).toEqual(['cout_sst', 'destination', 'revenu']);
    await adminSocket.next(dataChanged('revenus_palettes'));

    for (const socket of [plannerSocket, viewerSocket]) {
      const seen = await actions(socket);
      expect(seen.map((message) => message.data?.['action'])).toEqual(['created', 'updated', 'deleted']);
      expect(seen[1]?.data?.['details']).toMatchObject({ changes: ['destination'] });
      const text = JSON.stringify(socket.messages);
      expect(text).not.toMatch(/cout_sst|revenu/);
    }
  });

  it('closes a kicked session at once, and asks for a refresh after an import', async () => {
    const admin = await signIn(server, 'admin');
    const planner = await signIn(server, 'planner');
    const adminSocket = open(admin.token);
    const plannerSocket = open(planner.token);
    await Promise.all([adminSocket, plannerSocket].map((socket) => socket.next((message) => message.type === 'welcome')));

    // An import through the administration API: each document, then one refresh.
    const folder = fileURLToPath(new URL('../fixtures/ptt-data', import.meta.url));
    // Without the fixture's deliberately broken announcement_config.json.
    const files = Object.fromEntries(readdirSync(folder).filter((name) => name.endsWith('.json') && name !== 'announcement_config.json').map((name) => [name, JSON.parse(readFileSync(join(folder, name), 'utf8')) as unknown]));
    expect((await send(admin.token, 'POST', '/admin/import/ptt', files)).status).toBe(202); // The import-ptt job runs it, then tells the sockets.
    const refresh = await adminSocket.next((message) => message.type === 'refresh_required');
    expect(refresh).toMatchObject({ data: { entity: null, changed_by: admin.username } });
    const before = adminSocket.messages.indexOf(refresh);
    expect(adminSocket.messages.slice(0, before).some(dataChanged('chauffeurs'))).toBe(true);
    // A restore, or writes by another process (`relais demo`): a refresh, nobody named.
    server.events.resyncAll();
    expect(await adminSocket.next((message) => message.type === 'refresh_required', 5000, before + 1)).toMatchObject({ data: { entity: null, changed_by: null } });

    const { sid } = JSON.parse(Buffer.from(planner.token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string };
    expect((await send(admin.token, 'POST', `/admin/sessions/${sid}/kick`)).status).toBe(200);
    expect(await plannerSocket.closed).toMatchObject({ code: 4003 });
    await adminSocket.next((message) => message.type === 'user_disconnected' && message.data?.['username'] === planner.username);
  });
});
