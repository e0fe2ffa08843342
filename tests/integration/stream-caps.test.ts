import type { Mission } from '@relais/schema';
import { afterEach, describe, expect, it } from 'vitest';
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
