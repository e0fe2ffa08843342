import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePasswordApi, createUserApi, signInApi } from '../support/auth';
import { dataChanged, openLiveSocket, type LiveSocket } from '../support/live-socket';
import { pullFeed } from '../support/replication';
import { processMemory, startTestServer, type TestServer } from '../support/server';

/**
 * TomatoPlan's /ws under load: 200 desktop sockets (150 administrators, 50 viewers) while 20
 * writers push. The built server runs as its own process, so its resident memory is its own.
 */

const mib = 1024 * 1024;
const adminSockets = 150;
const viewerSockets = 50;
const writers = 20;
const missionsPerWriter = 25;
const revenusPerWriter = 5;

let server: TestServer;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'warn' });
});

afterAll(async () => {
  for (const socket of sockets) {
    socket.close();
  }
  await server?.stop();
});

async function push(token: string, collection: string, doc: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${server.url}/api/replication/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify([{ newDocumentState: { rev: 1, updated_at: new Date().toISOString(), _deleted: false, ...doc } }]),
  });
  expect(response.status, await response.text()).toBe(200);
}

const idsOf = (socket: LiveSocket, entity: string): string[] => socket.messages.filter(dataChanged(entity)).map((message) => String(message.data?.['entity_id']));

describe("TomatoPlan's /ws under load", () => {
  it('200 sockets while 20 writers push: each hears every event it may see, in commit order, and the RSS stays bounded', async () => {
    const first = await signInApi(server.url, server.adminUsername, server.adminPassword);
    const password = 'Relais-Socket-2026';
    await changePasswordApi(server.url, first.access_token, server.adminPassword, password);
    const admin = (await signInApi(server.url, server.adminUsername, password)).access_token;
    const viewerUser = await createUserApi(server.url, admin, { username: 'LECTEUR', display_name: 'Lecteur', role_name: 'viewer' });
    const viewerFirst = await signInApi(server.url, 'LECTEUR', viewerUser.temp_password);
    await changePasswordApi(server.url, viewerFirst.access_token, viewerUser.temp_password, password);
    const viewer = (await signInApi(server.url, 'LECTEUR', password)).access_token;

    // Desktop clients each sign in: a session holds at most 8 live sockets, so 8 sockets share one here.
    const socketsPerSession = 8;
    const tokens = new Map<string, string>([
      ['admin:0', admin],
      ['viewer:0', viewer],
    ]);
    const tokenFor = async (index: number): Promise<string> => {
      const isAdmin = index < adminSockets;
      const key = `${isAdmin ? 'admin' : 'viewer'}:${Math.floor((isAdmin ? index : index - adminSockets) / socketsPerSession)}`;
      let token = tokens.get(key);
      if (token === undefined) {
        token = (await signInApi(server.url, isAdmin ? server.adminUsername : 'LECTEUR', password)).access_token;
        tokens.set(key, token);
      }
      return token;
    };

    const idle = processMemory(server.pid);
    for (let index = 0; index < adminSockets + viewerSockets; index += 1) {
      const socket = openLiveSocket(server.url, await tokenFor(index));
      sockets.push(socket);
      await socket.next((message) => message.type === 'welcome', 10_000);
    }
    const connected = processMemory(server.pid);

    const started = Date.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let index = 0; index < missionsPerWriter; index += 1) {
          await push(admin, 'missions', { id: randomUUID(), date_mission: '2030-01-07', heure_debut: '06:00', type_mission: 'livraison', destination: `Quai ${writer}-${index}`, statut: 'planifie', revenu: 12_000, cout_sst: 9_000 });
          if (index % (missionsPerWriter / revenusPerWriter) === 0) {
            await push(admin, 'revenus_palettes', { id: randomUUID(), destination: `Ville ${writer}-${index}`, revenu_par_palette: 1500 });
          }
        }
      }),
    );
    const writeMs = Date.now() - started;

    // The commit order is the server's sequence order, as its pull feed serves it.
    const missions = (await pullFeed(server.url, 'missions', admin)).map((doc) => doc.id);
    const revenus = (await pullFeed(server.url, 'revenus_palettes', admin)).map((doc) => doc.id);
    expect(missions).toHaveLength(writers * missionsPerWriter);
    expect(revenus).toHaveLength(writers * revenusPerWriter);
    const last = missions.at(-1);
    for (const socket of sockets) {
      await socket.next(dataChanged('missions', last), 20_000);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = processMemory(server.pid);

    sockets.forEach((socket, index) => {
      expect(idsOf(socket, 'missions')).toEqual(missions);
      if (index < adminSockets) {
        expect(idsOf(socket, 'revenus_palettes')).toEqual(revenus);
      } else {
        // A viewer hears of no finance collection, and sees no finance field.
        expect(idsOf(socket, 'revenus_palettes')).toEqual([]);
        expect(JSON.stringify(socket.messages)).not.toMatch(/cout_sst|revenu/);
      }
    });
    console.info(
      `/ws : ${sockets.length} sockets, ${writers} écrivains, ${missions.length + revenus.length} écritures en ${writeMs} ms ; ` +
        `RSS du serveur ${(idle.rss / mib).toFixed(1)} Mo au repos → ${(connected.rss / mib).toFixed(1)} Mo connectés → ${(after.rss / mib).toFixed(1)} Mo après, pic ${(after.peakRss / mib).toFixed(1)} Mo`,
    );
    expect(after.peakRss - idle.peakRss).toBeLessThan(150 * mib);
  });
});
