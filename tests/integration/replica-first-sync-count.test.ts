import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient, signIn, startRealServer, waitFor } from './support/harness';
import { seedMissions } from './support/server-missions';

type Server = Awaited<ReturnType<typeof startRealServer>>;

let server: Server;
const clients: TestClient[] = [];
const missionCount = 3000;

beforeEach(async () => {
  server = await startRealServer();
  seedMissions(server, missionCount);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await server.dispose();
});

describe('first sync counted at sign-in', () => {
  it('shows 0 / N from the count given before any request of the replica, asks no count itself, and none once the replica holds missions', async () => {
    const { token } = await signIn(server, 'planner');
    // The PWA asks the count at sign-in, before the local database exists: here, answered already.
    const counted = { missions: Promise.resolve(missionCount) };
    // Opened offline: the replica's own requests (its count, its pages) all fail until it is online.
    const c = await TestClient.open(server.url, { token, role: 'planner', collections: ['missions'], pullBatchSize: 1000, counted, offline: true });
    clients.push(c);
    await waitFor('la progression 0 / N sans aucune réponse du serveur', () => c.sync.status$.getValue().firstSync.missions !== undefined);
    expect(c.sync.status$.getValue().firstSync.missions).toEqual({ loaded: 0, total: missionCount });
    expect(c.calls).toHaveLength(0);

    const seen: number[] = [];
    const watching = c.sync.status$.subscribe((status) => {
      const loaded = status.firstSync.missions?.loaded;
      if (loaded !== undefined && seen.at(-1) !== loaded) {
        seen.push(loaded);
      }
    });
    c.goOnline();
    await waitFor('la réplique a toutes les missions', async () => (await c.db.missions.count().exec()) === missionCount, 120_000);
    await waitFor('la progression a disparu', () => c.sync.status$.getValue().firstSync.missions === undefined);
    watching.unsubscribe();
    // The page count went up from the count given, page after page; the replica never asked its own.
    // (a short first page, then pages of 1 000: the steps are the pages written).
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(missionCount);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.every((loaded, step) => step === 0 || loaded > (seen[step - 1] ?? 0))).toBe(true);
    expect(c.calls.filter((call) => call.url.includes('/missions/count'))).toHaveLength(0);

    // A replica that holds missions (the count was asked though): no first load, no progress left.
    await c.restart();
    await c.sync.states.missions?.awaitInitialReplication();
    expect(c.sync.status$.getValue().firstSync).toEqual({});
  }, 180_000);
});
