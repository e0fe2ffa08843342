/**
 * Shared by the benches: the demo dataset's drivers and lines, a mission generator that the planning
 * rules accept, timing helpers and a user signed in over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import type { Role } from '@relais/domain';
import type { Mission } from '@relais/schema';
import type { AuthService } from '../src/auth/service';
import { buildDemoDataset } from '../src/cli/demo-data';

export type PushBody = { newDocumentState: Mission & { _deleted: boolean } }[];

const destinations = ['Rungis (94)', 'Vitrolles (13)', 'Saint-Égrève (38)', 'Vilvorde (BE)', 'Lesquin (59)', 'Longvic (21)', 'Port d’Anvers (BE)', 'Villefranche-sur-Saône (69)'];
const statuts = ['planifie', 'en_cours', 'termine', 'annule'] as const;
const types = ['livraison', 'ramasse', 'transfert', 'autre'] as const;
export const dataset = buildDemoDataset();
const driverIds = dataset.chauffeurs.map((chauffeur) => chauffeur.id);
const voyageIds = dataset.voyages.map((voyage) => voyage.id);

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A mission as the planning produces them, every optional field filled (the worst case on the wire). */
export function benchMission(index: number): Mission {
  const day = new Date(Date.UTC(2024, 0, 1) + (index % 730) * 86_400_000).toISOString().slice(0, 10);
  // One mission a day for each driver, at the same time, the others unassigned: a plan the
  // planning rules accept, so pushes made as a user are written, not refused.
  const rank = Math.floor(index / 730);
  const chauffeur = rank < driverIds.length ? driverIds[rank] : undefined;
  const start = chauffeur === undefined ? 4 * 60 + ((index * 15) % (16 * 60)) : 6 * 60;
  const palettes = 1 + (index % 33);
  return {
    id: randomUUID(),
    rev: 1 + (index % 3),
    updated_at: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString(),
    date_mission: day,
    heure_debut: `${pad(Math.floor(start / 60))}:${pad(start % 60)}`,
    heure_fin: `${pad(Math.floor(start / 60) + 3)}:${pad(start % 60)}`,
    // A driver's daily run has no line: the lines require skills not every driver has.
    ...(chauffeur === undefined ? { voyage_id: voyageIds[index % voyageIds.length] } : { chauffeur_id: chauffeur }),
    duree_conduite_min: 120,
    type_mission: types[index % types.length] as Mission['type_mission'],
    depart: 'Corbas (69)',
    destination: destinations[index % destinations.length] as string,
    pays: index % 5 === 0 ? 'Belgique' : 'France',
    nb_palettes: palettes,
    poids_kg: palettes * 410,
    tracteur: `GD-${String(100 + (index % 900))}-JK`,
    remorque: `SR-${String(100 + (index % 40))}`,
    statut: statuts[index % statuts.length] as Mission['statut'],
    ...(index % 4 === 0 ? { commentaire: 'Prévenir le quai 30 min avant, hayon obligatoire' } : {}),
  };
}

export function batchOf(start: number, size: number): PushBody {
  const rows: PushBody = [];
  for (let index = start; index < start + size; index += 1) {
    rows.push({ newDocumentState: { ...benchMission(index), _deleted: false } });
  }
  return rows;
}

export function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const benchPassword = 'Relais-2026';

/** Adds the bench's user (`BENCH`, no password change pending) straight into the database. */
export async function addBenchUser(auth: AuthService, role: Role): Promise<{ username: string; password: string }> {
  const at = auth.iso();
  auth.repo.insertUser({ username: 'BENCH', display_name: 'Bench', role, created_at: at, updated_at: at, password_hash: await auth.hashNewPassword(benchPassword) });
  return { username: 'BENCH', password: benchPassword };
}

/** Signs in over HTTP and returns the `authorization` header of the session. */
export async function signInOverHttp(baseUrl: string, user: { username: string; password: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) {
    throw new Error(`connexion impossible : ${JSON.stringify(body)}`);
  }
  return `Bearer ${body.access_token}`;
}

/** A planner signed in over HTTP, as a PWA would be: every request pays the real auth checks. */
export async function signedInAs(auth: AuthService, baseUrl: string): Promise<string> {
  // Its missions span 2024–2025: changing past days is `planner_advanced`'s right.
  return signInOverHttp(baseUrl, await addBenchUser(auth, 'planner_advanced'));
}

/** Serves `fetch` on a free port of 127.0.0.1 in this process. */
export async function listenLocally(fetch: (request: Request) => Response | Promise<Response>): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = await new Promise<ServerType>((resolve) => {
    const running = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(running));
  });
  const address = server.address();
  return {
    baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
