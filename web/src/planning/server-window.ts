import { missionSchema, type Mission } from '@relais/schema';
import type { JsonClient } from '../ui/json-client';

/** The mission fields of the collection: the REST answer adds `uuid` and audit fields the board does not use. */
const missionFields = Object.keys(missionSchema.shape) as (keyof Mission)[];
/** Cents in the collection, euros with 2 decimals in TomatoPlan's REST answers. */
const moneyFields = new Set<keyof Mission>(['cout_sst', 'revenu']);
/** What a block needs to be laid out; an answer without them is not shown. */
const requiredText = ['id', 'date_mission', 'heure_debut', 'destination', 'statut', 'type_mission'] as const;

/**
 * A mission of `GET /missions` as the collection holds it: `null` for an empty field becomes no
 * field, euros become cents, extra fields are dropped. Undefined when the answer lacks what the
 * board lays a block out with. Not validated further: it is shown read-only until the replica's
 * own copy arrives.
 */
export function missionFromServer(body: unknown): Readonly<Mission> | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const source = body as Record<string, unknown>;
  if (!requiredText.every((field) => typeof source[field] === 'string')) {
    return undefined;
  }
  const mission: Record<string, unknown> = {};
  for (const field of missionFields) {
    const value = source[field];
    if (value === null || value === undefined) {
      continue;
    }
    mission[field] = moneyFields.has(field) && typeof value === 'number' ? Math.round(value * 100) : value;
  }
  return mission as unknown as Readonly<Mission>;
}

/** The most missions one request asks for (the server's own cap). */
const windowLimit = 10_000;

/** The missions of the days `from`..`to` as the server holds them now (TomatoPlan's `GET /missions`). */
export async function fetchServerWindow(client: JsonClient, from: string, to: string, signal?: AbortSignal): Promise<Readonly<Mission>[]> {
  const query = new URLSearchParams({ date_debut: from, date_fin: to, limit: String(windowLimit) });
  // Ahead of the first sync's pages, queued to the same server (six connections at most).
  const body = await client.read('GET', `/missions?${query.toString()}`, { priority: 'high', ...(signal ? { signal } : {}) });
  return Array.isArray(body) ? body.flatMap((item) => missionFromServer(item) ?? []) : [];
}

function byStart(a: Readonly<Mission>, b: Readonly<Mission>): number {
  return a.date_mission.localeCompare(b.date_mission) || a.heure_debut.localeCompare(b.heure_debut);
}

/**
 * The local missions with the server's missions the replica does not hold yet, in board order: a
 * mission is never shown twice, and the replica's copy wins as soon as it is there. `preview` names
 * the missions shown from the server's answer (read-only until their local copy arrives).
 */
export function mergeServerWindow(
  local: readonly Readonly<Mission>[],
  server: readonly Readonly<Mission>[],
): { missions: readonly Readonly<Mission>[]; preview: ReadonlySet<string> } {
  if (server.length === 0) {
    return { missions: local, preview: new Set() };
  }
  const held = new Set(local.map((mission) => mission.id));
  const missing = server.filter((mission) => !held.has(mission.id));
  if (missing.length === 0) {
    return { missions: local, preview: new Set() };
  }
  return { missions: [...local, ...missing].sort(byStart), preview: new Set(missing.map((mission) => mission.id)) };
}
