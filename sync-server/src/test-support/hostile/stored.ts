import { isCollectionName, type CollectionName } from '@relais/schema';
import type { HostileCase } from './cases';
import type { HostileTarget } from './target';

type Json = Record<string, unknown>;

/** JSON with sorted keys: two documents are equal when their wire forms are. */
function canonical(value: unknown): string {
  return String(
    JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
    ),
  );
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every row a push acknowledged (neither a conflict nor a refusal) is stored exactly as pushed. */
function pushDiffers(target: HostileTarget, collection: CollectionName, sent: unknown, ack: unknown): string | undefined {
  if (!Array.isArray(sent) || !isObject(ack)) {
    return undefined;
  }
  const ids = (list: unknown) => new Set((Array.isArray(list) ? list : []).map((item) => (isObject(item) ? item['id'] : undefined)));
  const conflicts = ids(ack['conflicts']);
  const refused = ids(ack['refusals']);
  const problems: string[] = [];
  for (const row of sent) {
    const doc = isObject(row) ? row['newDocumentState'] : undefined;
    if (!isObject(doc) || typeof doc['id'] !== 'string' || conflicts.has(doc['id']) || refused.has(doc['id'])) {
      continue;
    }
    const stored = target.bench.store.get(collection, doc['id']);
    if (canonical(stored) !== canonical(doc)) {
      problems.push(`${collection}/${doc['id']} : poussé ${canonical(doc).slice(0, 300)} — stocké ${canonical(stored).slice(0, 300)}`);
    }
  }
  return problems.join(' | ');
}

const restCollections: [RegExp, CollectionName][] = [
  [/^\/missions(\/bulk)?(\/[^/?]+)?\/?(\?|$)/, 'missions'],
  [/^\/voyages(\/[^/?]+)?\/?(\?|$)/, 'voyages'],
  [/^\/chauffeurs\/disponibilites\/?(\?|$)/, 'disponibilites'],
  [/^\/chauffeurs(\/[^/?]+)?\/?(\?|$)/, 'chauffeurs'],
  [/^\/sst(\/(?!tarifs|emails)[^/?]+)?\/?(\?|$)/, 'sst'],
  [/^\/finance\/revenus(\/[^/?]+)?\/?(\?|$)/, 'revenus_palettes'],
];

/** Fields the server sets whatever a REST body says. */
const managedFields = new Set(['id', 'uuid', 'rev', 'updated_at', '_deleted']);

/** The text a REST write sent is the text stored: each string (or list of strings) field, as sent. */
function restDiffers(target: HostileTarget, collection: CollectionName, sent: unknown, ack: unknown): string | undefined {
  const pairs: [Json, Json][] = [];
  if (Array.isArray(sent) && Array.isArray(ack)) {
    const byId = new Map(ack.filter(isObject).map((item) => [String(item['id']), item]));
    for (const item of sent.filter(isObject)) {
      const id = typeof item['uuid'] === 'string' ? item['uuid'].toLowerCase() : undefined;
      const acknowledged = id === undefined ? undefined : byId.get(id);
      if (acknowledged) {
        pairs.push([item, acknowledged]);
      }
    }
  } else if (isObject(sent) && isObject(ack) && typeof ack['id'] === 'string') {
    pairs.push([sent, ack]);
  }
  if (pairs.length === 0) {
    return undefined;
  }
  const problems: string[] = [];
  for (const [body, acknowledged] of pairs) {
    const stored = target.bench.store.get(collection, String(acknowledged['id']));
    if (!stored) {
      problems.push(`${collection}/${String(acknowledged['id'])} acquitté mais absent`);
      continue;
    }
    for (const [field, value] of Object.entries(body)) {
      const text = typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
      if (text && Object.hasOwn(stored, field) && !managedFields.has(field) && canonical(stored[field]) !== canonical(value)) {
        problems.push(`${collection}.${field} : envoyé ${canonical(value).slice(0, 200)} — stocké ${canonical(stored[field]).slice(0, 200)}`);
      }
    }
  }
  return problems.join(' | ');
}

/**
 * Compares what an accepted write stored with what it acknowledged: `undefined` when the route has
 * nothing to compare, `''` when they agree, else the difference.
 */
export async function storedDiffers(target: HostileTarget, testCase: HostileCase, ackText: string): Promise<string | undefined> {
  const sent = parse(testCase.body?.text ?? '');
  const ack = parse(ackText);
  const path = testCase.url;
  const push = /^\/api\/replication\/([^/?]+)\/push\/?(\?|$)/.exec(path);
  if (testCase.method === 'POST' && push) {
    const collection = decodeURIComponent(push[1] ?? '');
    return isCollectionName(collection) ? pushDiffers(target, collection, sent, ack) : undefined;
  }
  if (testCase.method === 'PUT' && /^\/annonces\/config\/?(\?|$)/.test(path) && isObject(sent)) {
    const stored = (await (await target.bench.app.request('/annonces/config', { headers: { authorization: `Bearer ${target.token()}` } })).json()) as Json;
    const differs = ['subject_template', 'body_template'].filter((field) => typeof sent[field] === 'string' && sent[field].trim() !== stored[field]);
    return differs.map((field) => `${field} : envoyé ${canonical(sent[field])} — stocké ${canonical(stored[field])}`).join(' | ');
  }
  if ((testCase.method === 'POST' || testCase.method === 'PUT') && /^\/admin\/users/.test(path) && isObject(sent) && isObject(ack) && typeof ack['id'] === 'number') {
    const stored = target.bench.auth.repo.userById(ack['id']);
    const name = sent['display_name'];
    return typeof name === 'string' && stored?.display_name !== name.trim() ? `display_name : envoyé ${canonical(name)} — stocké ${canonical(stored?.display_name)}` : '';
  }
  if (testCase.method === 'POST' || testCase.method === 'PUT') {
    const collection = restCollections.find(([pattern]) => pattern.test(path))?.[1];
    return collection ? restDiffers(target, collection, sent, ack) : undefined;
  }
  return undefined;
}
