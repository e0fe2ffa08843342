import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePasswordApi, createUserApi, signInApi } from '../support/auth';
import { pullFeed, type ServerDocument } from '../support/replication';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The built server, killed with SIGKILL while several planners push bursts of new missions, then
 * restarted on the same database: what it acknowledged is there exactly once, what it had not yet
 * acknowledged is there whole or not at all.
 */

const pusherCount = 4;
const burstSize = 25;
const runs = 3;

type Mission = Record<string, unknown> & { id: string; commentaire: string };

interface Burst {
  pusher: number;
  missions: Mission[];
}

interface RunOutcome {
  acknowledged: Burst[];
  /** Sent but not acknowledged: the burst in flight when the server died, or refused by the dead server. */
  unacknowledged: Burst[];
  /** Why each pusher stopped (the network error it saw). */
  stops: string[];
}

const password = 'Relais-durabilite-2031';
let server: TestServer;
let umask: number;
let adminToken: string;
const pusherTokens: string[] = [];

beforeAll(async () => {
  // The usual umask (new files 0644 unless Relais says otherwise); the server inherits it.
  umask = process.umask(0o022);
  server = await startTestServer({ logLevel: 'warn' });
  const first = await signInApi(server.url, server.adminUsername, server.adminPassword);
  await changePasswordApi(server.url, first.access_token, server.adminPassword, password);
  adminToken = (await signInApi(server.url, server.adminUsername, password)).access_token;
  for (let pusher = 0; pusher < pusherCount; pusher += 1) {
    const user = await createUserApi(server.url, adminToken, { username: `RAFALE.${pusher}`, display_name: `Planificateur ${pusher}`, role_name: 'planner' });
    const oneTime = await signInApi(server.url, user.username, user.temp_password);
    await changePasswordApi(server.url, oneTime.access_token, user.temp_password, password);
    pusherTokens.push((await signInApi(server.url, user.username, password)).access_token);
  }
});

afterAll(async () => {
  process.umask(umask);
  await server?.stop();
});

function mission(run: number, pusher: number, index: number): Mission {
  const marker = `rafale ${run} poste ${pusher} n° ${index}`;
  return {
    id: randomUUID(),
    rev: 1,
    updated_at: new Date().toISOString(),
    _deleted: false,
    // Far ahead: a planner may plan those days.
    date_mission: `2031-03-${String(10 + (index % 15)).padStart(2, '0')}`,
    heure_debut: `${String(5 + (index % 12)).padStart(2, '0')}:00`,
    type_mission: 'livraison',
    destination: 'Rungis (94)',
    statut: 'planifie',
    nb_palettes: 1 + (index % 33),
    numero: `R${run}-P${pusher}-${index}`,
    commentaire: marker,
  };
}

/** Pushes bursts of new missions as one planner until the server stops answering; records each outcome. */
async function pushUntilDown(run: number, pusher: number, outcome: RunOutcome): Promise<void> {
  const token = pusherTokens[pusher] ?? '';
  for (let index = 0; ; index += burstSize) {
    const burst: Burst = { pusher, missions: Array.from({ length: burstSize }, (_, offset) => mission(run, pusher, index + offset)) };
    let status: number;
    let answer: { conflicts?: unknown[]; refusals?: unknown[] };
    try {
      const response = await fetch(`${server.url}/api/replication/missions/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(burst.missions.map((newDocumentState) => ({ newDocumentState }))),
        signal: AbortSignal.timeout(15_000),
      });
      status = response.status;
      answer = (await response.json()) as typeof answer;
    } catch (error) {
      outcome.unacknowledged.push(burst);
      const cause = error instanceof Error && error.cause instanceof Error && 'code' in error.cause ? String(error.cause.code) : String(error);
      outcome.stops.push(cause);
      return;
    }
    if (status !== 200 || (answer.conflicts?.length ?? 0) > 0 || (answer.refusals?.length ?? 0) > 0) {
      throw new Error(`push refusé (HTTP ${status}) : ${JSON.stringify(answer).slice(0, 400)}`);
    }
    outcome.acknowledged.push(burst);
  }
}

/** Starts every pusher, kills the server once `killAfter` missions of this run are acknowledged, waits for them all. */
async function burstsThenKill(run: number, killAfter: number): Promise<RunOutcome> {
  const outcome: RunOutcome = { acknowledged: [], unacknowledged: [], stops: [] };
  const pushing = Array.from({ length: pusherCount }, (_, pusher) => pushUntilDown(run, pusher, outcome));
  const failed = Promise.all(pushing).then(
    () => new Error('les postes se sont arrêtés avant que le serveur ne soit tué'),
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const deadline = Date.now() + 30_000;
  while (outcome.acknowledged.length * burstSize < killAfter) {
    if (Date.now() > deadline) {
      throw new Error(`seulement ${outcome.acknowledged.length * burstSize} missions acquittées en 30 s`);
    }
    const early = await Promise.race([failed, new Promise<undefined>((resolve) => setTimeout(resolve, 5))]);
    if (early) {
      throw early;
    }
  }
  // Every pusher is still in its loop: bursts are in flight or about to be sent.
  expect(outcome.stops).toEqual([]);
  await server.kill();
  await Promise.all(pushing);
  return outcome;
}

function differences(sent: Mission, stored: ServerDocument | undefined): string | undefined {
  if (stored === undefined) {
    return `${sent.commentaire} : absente`;
  }
  const changed = Object.entries(sent).filter(([key, value]) => key !== '_deleted' && stored[key] !== value);
  return changed.length > 0 || stored._deleted ? `${sent.commentaire} : ${changed.map(([key]) => key).join(', ')} différent(s)` : undefined;
}

describe('acknowledged writes survive the server being killed (kill -9) during push bursts', () => {
  it('keeps the database, its WAL and index, the signing key and the log file private (0600)', () => {
    for (const file of ['relais.db', 'relais.db-wal', 'relais.db-shm', 'jwt-secret', 'server.log']) {
      expect({ file, mode: (statSync(`${server.dataDir}/${file}`).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
    }
  });

  it(`holds every acknowledged mission exactly once after ${runs} kills and restarts`, async () => {
    const acknowledged = new Map<string, Mission>();
    const unacknowledged: Burst[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const outcome = await burstsThenKill(run, 150 + run * 100);
      for (const burst of outcome.acknowledged) {
        for (const sent of burst.missions) {
          acknowledged.set(sent.id, sent);
        }
      }
      unacknowledged.push(...outcome.unacknowledged);
      expect(outcome.stops, 'chaque poste s’arrête sur une erreur réseau').toHaveLength(pusherCount);
      // Reset rather than refused: the server died with requests in flight, not between bursts.
      expect(outcome.stops.filter((code) => code !== 'ECONNREFUSED').length).toBeGreaterThan(0);

      await server.restart();
      // Sessions and the signing key are in the data folder: the tokens from before the crash still work.
      const feed = (await pullFeed(server.url, 'missions', adminToken)).filter((doc) => typeof doc['commentaire'] === 'string' && String(doc['commentaire']).startsWith('rafale '));
      const byId = new Map(feed.map((doc) => [doc.id, doc]));
      expect(byId.size, 'aucun identifiant servi deux fois').toBe(feed.length);
      const byMarker = new Set(feed.map((doc) => doc['commentaire']));
      expect(byMarker.size, 'aucun contenu enregistré deux fois').toBe(feed.length);

      // Every acknowledged mission is there, whole.
      const missing = [...acknowledged.values()].map((sent) => differences(sent, byId.get(sent.id))).filter((problem) => problem !== undefined);
      expect(missing, `rafale ${run} : missions acquittées perdues ou altérées`).toEqual([]);

      // An unacknowledged burst is all there or not at all (one transaction), never in part.
      const partial = unacknowledged
        .map((burst) => ({ burst, present: burst.missions.filter((sent) => byId.has(sent.id)) }))
        .filter(({ burst, present }) => present.length !== 0 && present.length !== burst.missions.length)
        .map(({ burst, present }) => `poste ${burst.pusher} : ${present.length}/${burst.missions.length}`);
      expect(partial, 'rafales non acquittées enregistrées en partie').toEqual([]);
      const incomplete = unacknowledged
        .flatMap((burst) => burst.missions)
        .filter((sent) => byId.has(sent.id))
        .map((sent) => differences(sent, byId.get(sent.id)))
        .filter((problem) => problem !== undefined);
      expect(incomplete).toEqual([]);

      // Nothing but what was sent.
      const sentIds = new Set([...acknowledged.keys(), ...unacknowledged.flatMap((burst) => burst.missions.map((sent) => sent.id))]);
      expect(feed.filter((doc) => !sentIds.has(doc.id)).map((doc) => doc['commentaire'])).toEqual([]);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(runs * 250);
  });
});
