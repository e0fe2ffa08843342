import { chauffeurSchema, missionSchema, type Chauffeur, type Mission } from '@relais/schema';
import type { JsonClient } from '../ui/json-client';

/**
 * A document of TomatoPlan's REST answers as the collection holds it: `null` for an empty field
 * becomes no field, euros become cents, extra fields (`uuid`, audit) are dropped. Undefined when the
 * answer lacks a field of `required`. Not validated further: it is shown read-only until the
 * replica's own copy arrives.
 */
function documentFromServer<T>(
  body: unknown,
  fields: readonly string[],
  required: readonly string[],
  money: ReadonlySet<string> = new Set(),
): Readonly<T> | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const source = body as Record<string, unknown>;
  if (!required.every((field) => source[field] !== null && source[field] !== undefined)) {
    return undefined;
  }
  const document: Record<string, unknown> = {};
  for (const field of fields) {
    const value = source[field];
    if (value === null || value === undefined) {
      continue;
    }
    document[field] = money.has(field) && typeof value === 'number' ? Math.round(value * 100) : value;
  }
  return document as Readonly<T>;
}

/** The mission fields of the collection: the REST answer adds `uuid` and audit fields the board does not use. */
const missionFields = Object.keys(missionSchema.shape);
/** Cents in the collection, euros with 2 decimals in TomatoPlan's REST answers. */
const moneyFields = new Set<string>(['cout_sst', 'revenu'] satisfies (keyof Mission)[]);
/** What a block needs to be laid out; an answer without them is not shown. */
const missionRequired = ['id', 'date_mission', 'heure_debut', 'destination', 'statut', 'type_mission'] satisfies (keyof Mission)[];

/** A mission of `GET /missions` as the collection holds it; undefined when the board could not lay it out. */
export function missionFromServer(body: unknown): Readonly<Mission> | undefined {
  return documentFromServer<Mission>(body, missionFields, missionRequired, moneyFields);
}

const chauffeurFields = Object.keys(chauffeurSchema.shape);
/** What a row and the planning rules read of a chauffeur. */
const chauffeurRequired = ['id', 'nom', 'prenom', 'is_active', 'adr', 'fimo'] satisfies (keyof Chauffeur)[];

/** A chauffeur of `GET /chauffeurs` as the collection holds it; undefined when a row could not be drawn for it. */
export function chauffeurFromServer(body: unknown): Readonly<Chauffeur> | undefined {
  return documentFromServer<Chauffeur>(body, chauffeurFields, chauffeurRequired);
}

/** The chauffeurs as the server holds them now (TomatoPlan's `GET /chauffeurs`): the board's rows before the replica has them. */
export async function fetchServerChauffeurs(client: JsonClient, signal?: AbortSignal): Promise<Readonly<Chauffeur>[]> {
  const body = await client.read('GET', '/chauffeurs', { priority: 'high', ...(signal ? { signal } : {}) });
  return Array.isArray(body) ? body.flatMap((item) => chauffeurFromServer(item) ?? []) : [];
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
