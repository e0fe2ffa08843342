import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient, signIn, startRealServer, waitFor } from './support/harness';

type Server = Awaited<ReturnType<typeof startRealServer>>;
type Json = Record<string, unknown>;

let server: Server;
const clients: TestClient[] = [];

beforeEach(async () => {
  server = await startRealServer();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await server.dispose();
});

/** What TomatoPlan's Python client does with `requests`: JSON in, JSON out, a Bearer header. */
async function send(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json & Json[] }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Json & Json[] };
}

describe("TomatoPlan's Windows client against Relais", () => {
  it("follows the README's flow over HTTP, and the mission reaches an open PWA live", async () => {
    const admin = (await signIn(server, 'admin')).token;
    const planner = await signIn(server, 'planner');
    const pwa = await TestClient.open(server.url, { token: planner.token, role: 'planner' });
    clients.push(pwa);
    await pwa.sync.awaitInSync();

    const voyage = await send(admin, 'POST', '/voyages', { code: 'PAR1', nom: 'Paris matin', destination: 'Paris' });
    const chauffeur = await send(admin, 'POST', '/chauffeurs', { code: 'DUP', nom: 'Dupont', prenom: 'Jean' });
    expect([voyage.status, chauffeur.status]).toEqual([201, 201]);

    const body = { date_mission: '2030-01-07', destination: 'Paris', chauffeur_id: chauffeur.json['id'], voyage_id: voyage.json['id'], heure_debut: '06:00', statut: 'planifie' };
    const created = await send(planner.token, 'POST', '/missions', body);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...body, uuid: created.json['id'], created_by: planner.username });

    const day = await send(planner.token, 'GET', '/missions/by-date/2030-01-07');
    expect(day.json.map((mission) => mission['id'])).toEqual([created.json['id']]);
    const dispo = await send(planner.token, 'GET', '/chauffeurs/disponibles/2030-01-07');
    expect(dispo.json).toMatchObject({ date: '2030-01-07', disponibles: [{ id: chauffeur.json['id'], code: 'DUP', nom_complet: 'Jean Dupont' }], indisponibles: [] });

    // The REST write went through the replication store: the open PWA receives it on its stream.
    await waitFor('la mission REST dans la PWA', async () => (await pwa.db.missions.findOne(String(created.json['id'])).exec()) !== null);

    // FastAPI's canonical paths end with a slash; a POST there must stay a POST.
    const slashed = await send(planner.token, 'POST', '/missions/', { ...body, chauffeur_id: null, heure_debut: '09:00' });
    expect(slashed.status).toBe(201);
    expect((await send(planner.token, 'GET', '/missions/?date_debut=2030-01-07')).json).toHaveLength(2);

    const missing = await send(planner.token, 'GET', '/missions/00000000-0000-4000-8000-000000000000');
    expect(missing).toMatchObject({ status: 404, json: { detail: 'Mission introuvable' } });
    const docs = await fetch(`${server.url}/docs`);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
  });
});
