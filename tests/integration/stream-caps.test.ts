import type { Socket } from 'node:net';
import type { Mission } from '@relais/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { openSse } from '../support/sse';
import { TestClient, signIn, sleep, startRealServer, waitFor } from './support/harness';

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await server?.dispose();
  server = undefined;
});

function mission(destination: string): Mission & { _deleted: boolean } {
  return {
    id: crypto.randomUUID(),
    rev: 1,
    updated_at: new Date().toISOString(),
    date_mission: '2030-01-07',
    heure_debut: '06:00',
    type_mission: 'livraison',
    destination,
    statut: 'planifie',
    _deleted: false,
  };
}

describe('a replica refused a live stream (429 TOO_MANY_REQUESTS)', () => {
  it('opens it again later, each time later, and goes live once a slot is free', async () => {
    server = await startRealServer({ RELAIS_STREAMS_PER_SESSION: '1' });
    const running = server;
    // Two tabs of one browser: one session, which may hold one stream here.
    const { token } = await signIn(running, 'planner');
    const first = await TestClient.open(running.url, { token, role: 'planner' });
    clients.push(first);
    await first.sync.awaitInSync();
    await waitFor('le flux du premier onglet', () => running.events.listenerCount('missions') === 1);

    const second = await TestClient.open(running.url, { token, role: 'planner' });
    clients.push(second);
    await second.sync.awaitInSync();
    // retryTime is 300 ms: tries at 0, ~0.3 s, ~0.9 s, ~2.1 s… Refused each time, it neither gives up nor spins.
    await sleep(1500);
    expect(second.streams.length).toBeGreaterThanOrEqual(2);
    expect(second.streams.length).toBeLessThanOrEqual(4);
    expect(running.events.listenerCount('missions')).toBe(1);

    // The first tab closes: the second gets the slot at its next try and hears of the writes after it.
    await first.dispose();
    clients.splice(clients.indexOf(first), 1);
    const written = mission('Besançon');
    running.store.push('missions', [{ newDocumentState: written }], { actor: null, source: 'rest' });
    await waitFor('la mission chez le second onglet', async () => (await second.db.missions.findOne(written.id).exec()) !== null, 15_000);
    expect(running.events.listenerCount('missions')).toBe(1);
  });
});

describe('a live stream whose client stopped reading', () => {
  it('is closed by the real server after the stall delay, which frees its socket and its slot', async () => {
    server = await startRealServer({ RELAIS_STREAM_STALL_SECONDS: '5', RELAIS_STREAMS_PER_SESSION: '1' });
    const running = server;
    const { token } = await signIn(running, 'planner');
    const sockets: Socket[] = [];
    running.server.on('connection', (socket: Socket) => sockets.push(socket));
    const stalled = await openSse(`${running.url}/api/replication/pull-stream?collections=missions`, { authorization: `Bearer ${token}` });
    await stalled.waitFor('le RESYNC d’ouverture', (events) => events.length === 1);
    stalled.pause();
    const serverSide = sockets.at(-1)!;
    // About 7 MB: more than the kernel's socket buffers take, so the server's writes wait for the client.
    for (let batch = 0; batch < 30; batch += 1) {
      const rows = Array.from({ length: 100 }, () => ({ newDocumentState: { ...mission('Strasbourg'), commentaire: 'x'.repeat(2000) } }));
      expect(running.store.push('missions', rows, { actor: null, source: 'rest' }).ok).toBe(true);
      await sleep(10);
    }
    expect(running.events.listenerCount('missions')).toBe(1);
    // Checked every quarter of the delay: closed between 5 and 6.25 s after its last write began.
    await waitFor('le flux bloqué fermé', () => running.events.listenerCount('missions') === 0, 10_000);
    // Its socket is gone at once, with what it held, though the client still reads nothing.
    await waitFor('sa connexion fermée par le serveur', () => serverSide.destroyed, 1000);
    stalled.resume();
    await waitFor('la fin du flux chez le client', () => stalled.ended(), 5000);
    const next = await openSse(`${running.url}/api/replication/pull-stream?collections=missions`, { authorization: `Bearer ${token}` });
    expect(next.status).toBe(200);
    next.close();
  });
});
