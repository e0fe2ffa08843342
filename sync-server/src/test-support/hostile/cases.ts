import { collectionNames, type CollectionName } from '@relais/schema';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { bodyTemplate, type Pools } from './templates';
import { hostileString, hostileValue, objectWith, pathSegment, rawBodies, RawJson, toJsonText, type BodyValue } from './values';

/** One route of the app as it was registered (`app.routes`), e.g. `PUT /missions/:id`. */
export interface RouteSpec {
  method: string;
  path: string;
  params: string[];
}

/**
 * Every handler route of the real app: `ALL` entries are middlewares and the JSON 404 catch-alls,
 * which the fuzzer reaches anyway through hostile paths.
 */
export function appRoutes(app: Hono): RouteSpec[] {
  const seen = new Map<string, RouteSpec>();
  for (const route of app.routes) {
    if (route.method === 'ALL') {
      continue;
    }
    const key = `${route.method} ${route.path}`;
    if (!seen.has(key)) {
      const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
      seen.set(key, { method: route.method, path: route.path, params });
    }
  }
  return [...seen.values()];
}

export interface HostileBody {
  text: string;
  contentType: string;
  /** Sent as a stream without Content-Length, as a chunked upload arrives. */
  chunked: boolean;
}

/** One request the fuzzer sends, and how. */
export interface HostileCase {
  /** The route it was generated from (`PUT /missions/:id`), for the report. */
  route: string;
  method: string;
  /** Path and query, percent-encoded as on the wire. */
  url: string;
  body?: HostileBody | undefined;
  /** Without a session: every route must refuse cleanly too. */
  anonymous: boolean;
  /** Sent twice at once (a double click, a retry racing the first try). */
  twice: boolean;
}

/** Picks from lists with numbers fast-check generated, so a seed replays the same case. */
export class Picker {
  private index = 0;

  constructor(private readonly numbers: readonly number[]) {}

  next(): number {
    const value = this.numbers[this.index % this.numbers.length] ?? 0;
    this.index += 1;
    return value;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.next() % items.length];
    if (item === undefined) {
      throw new Error('liste vide');
    }
    return item;
  }
}

const queryKeys = [
  'date',
  'date_debut',
  'date_fin',
  'du',
  'au',
  'skip',
  'limit',
  'offset',
  'checkpoint',
  'collections',
  'active_only',
  'entreprise_id',
  'separateur',
  'annee',
  'user',
  'collection',
  'action',
  'from',
  'to',
  'dry_run',
  'chauffeur_id',
  'voyage_id',
  'statut',
  '__proto__',
  'constructor',
];

function plausibleQueryValues(pools: Pools): string[] {
  return [
    ...pools.dates,
    '0',
    '1',
    '5000',
    '10000',
    '1e300',
    '-1',
    '99999999999999999999',
    'true',
    'false',
    ';',
    '{"sequence":0,"id":""}',
    '{"sequence":1e309}',
    collectionNames.join(','),
    'missions',
    ...pools.ids.slice(0, 5),
  ];
}

/** Real values for a path parameter, so the fuzzer reaches the code behind the lookups too. */
function realParamValues(route: RouteSpec, param: string, pools: Pools): string[] {
  switch (param) {
    case 'collection':
      return [...collectionNames, 'users', 'sessions'];
    case 'date':
      return pools.dates;
    case 'code':
      return pools.codes;
    case 'destination':
      return pools.destinations;
    case 'username':
      return pools.usernames;
    case 'file':
      return ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', '..%2fpackage.json', '.'];
    default:
      return idsFor(route.path, pools);
  }
}

const prefixCollections: [RegExp, CollectionName[]][] = [
  [/^\/missions/, ['missions']],
  [/^\/voyages/, ['voyages']],
  [/^\/chauffeurs\/disponibilites/, ['disponibilites']],
  [/^\/chauffeurs/, ['chauffeurs']],
  [/^\/sst/, ['sst']],
  [/^\/finance/, ['revenus_palettes']],
  [/^\/api\/invoicing\/devis/, ['devis']],
  [/^\/api\/invoicing\/factures/, ['factures']],
];

function idsFor(path: string, pools: Pools): string[] {
  if (path.startsWith('/admin/users')) {
    return pools.userIds;
  }
  if (path.startsWith('/sst/tarifs')) {
    return pools.tarifIds;
  }
  if (path.startsWith('/sst/emails')) {
    return pools.contactIds;
  }
  const collections = prefixCollections.find(([pattern]) => pattern.test(path))?.[1];
  const ids = collections?.flatMap((collection) => pools.byCollection[collection]) ?? [];
  return ids.length > 0 ? ids : pools.ids;
}

/** Mostly real values (a hostile collection name only meets the 404 of the route's first line). */
const paramValue = (route: RouteSpec, param: string, pools: Pools) =>
  fc.oneof(
    { weight: param === 'collection' ? 8 : 3, arbitrary: fc.constantFrom(...realParamValues(route, param, pools)) },
    { weight: 2, arbitrary: hostileString },
    // Lookups in plain objects find these on the prototype.
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty') },
  );

function queryArbitrary(pools: Pools): fc.Arbitrary<string> {
  const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...plausibleQueryValues(pools)) }, { weight: 2, arbitrary: hostileString });
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...queryKeys) }, { weight: 1, arbitrary: hostileString });
  return fc
    .array(fc.tuple(key, value), { maxLength: 4 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([name, content]) => `${pathSegment(name)}=${pathSegment(content)}`).join('&')}`));
}

/** One change to a valid body: a field set to a hostile value, or removed. */
interface Mutation {
  /** Where in the body (resolved modulo the containers found). */
  target: number;
  key: string;
  value: BodyValue | undefined;
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  key: fc.oneof({ weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'id', 'uuid', 'rev', '_deleted') }, { weight: 1, arbitrary: hostileString }),
  value: fc.oneof({ weight: 6, arbitrary: hostileValue }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) }),
});

/** The objects and arrays inside a body, outermost first. */
function containers(value: BodyValue, out: (BodyValue[] | { [key: string]: BodyValue })[] = [], depth = 0): (BodyValue[] | { [key: string]: BodyValue })[] {
  if (value !== null && typeof value === 'object' && !(value instanceof RawJson) && depth < 4) {
    out.push(value);
    for (const child of Object.values(value)) {
      containers(child, out, depth + 1);
    }
  }
  return out;
}

/** Applies mutations to a deep copy of a valid body; keys of the template are preferred targets. */
function mutate(template: BodyValue, mutations: readonly Mutation[], picker: Picker): BodyValue {
  const body = structuredClone(template);
  const targets = containers(body);
  for (const mutation of mutations) {
    const target = targets[mutation.target % Math.max(1, targets.length)];
    if (!target) {
      return mutation.value ?? null;
    }
    if (Array.isArray(target)) {
      const index = target.length === 0 ? 0 : picker.next() % (target.length + 1);
      if (mutation.value === undefined) {
        target.splice(index, 1);
      } else {
        target[index] = mutation.value;
      }
      continue;
    }
    const keys = Object.keys(target);
    const key = keys.length > 0 && picker.next() % 4 !== 0 ? picker.pick(keys) : mutation.key;
    if (mutation.value === undefined) {
      Reflect.deleteProperty(target, key);
    } else {
      Object.defineProperty(target, key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return body;
}

/** A valid body with one of its texts replaced: the type is right, the characters are not ordinary. */
function withOddText(template: BodyValue, text: string, picker: Picker): BodyValue {
  const body = structuredClone(template);
  const slots = containers(body).flatMap((container) =>
    Object.keys(container)
      .filter((key) => typeof (container as Record<string, BodyValue>)[key] === 'string')
      .map((key) => [container, key] as const),
  );
  if (slots.length > 0) {
    const [container, key] = picker.pick(slots);
    (container as Record<string, BodyValue>)[key] = text;
  }
  return body;
}

/** `null` in every list entry (`where` = 'lists') or as every field (`where` = 'fields'), however deep. */
function nullified(template: BodyValue, where: 'lists' | 'fields'): BodyValue {
  const body = structuredClone(template);
  for (const container of containers(body)) {
    if (Array.isArray(container) === (where === 'lists')) {
      for (const key of Object.keys(container)) {
        (container as Record<string, BodyValue>)[key] = null;
      }
    }
  }
  return where === 'lists' && Array.isArray(body) ? [null] : body;
}

const overLimit = (bytes: number): string => `{"a":"${'x'.repeat(bytes)}"}`;

function bodyArbitrary(route: RouteSpec, params: Record<string, string>, pools: Pools): fc.Arbitrary<HostileBody | undefined> {
  const json = (text: string): HostileBody => ({ text, contentType: 'application/json', chunked: false });
  const valid = fc.array(fc.nat(), { minLength: 6, maxLength: 6 }).map((numbers) => bodyTemplate(route, params, pools, new Picker(numbers)));
  const mutated = fc
    .tuple(fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }))
    .map(([numbers, mutations]) => {
      const picker = new Picker(numbers);
      return mutate(bodyTemplate(route, params, pools, picker), mutations, picker);
    });
  if (route.method === 'GET' || route.method === 'HEAD') {
    // A fetch Request cannot carry one; the Node server ignores it anyway.
    return fc.constant(undefined);
  }
  const readsBody = route.method !== 'DELETE';
  const oddText = fc
    .tuple(fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), hostileString)
    .map(([numbers, text]) => {
      const picker = new Picker(numbers);
      return withOddText(bodyTemplate(route, params, pools, picker), text, picker);
    });
  const options: fc.WeightedArbitrary<HostileBody | undefined>[] = [
    { weight: readsBody ? 1 : 6, arbitrary: fc.constant(undefined) },
    { weight: readsBody ? 3 : 1, arbitrary: valid.map((body) => json(toJsonText(body))) },
    { weight: readsBody ? 8 : 1, arbitrary: mutated.map((body) => json(toJsonText(body))) },
    { weight: readsBody ? 4 : 0, arbitrary: oddText.map((body) => json(toJsonText(body))) },
    { weight: readsBody ? 2 : 0, arbitrary: fc.constantFrom<'lists' | 'fields'>('lists', 'fields').chain((where) => valid.map((body) => json(toJsonText(nullified(body, where))))) },
    { weight: 1, arbitrary: hostileValue.map((body) => json(toJsonText(body))) },
    { weight: 1, arbitrary: fc.constantFrom(...rawBodies).map(json) },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '').map((contentType) => ({ text: '{"a":1}', contentType, chunked: false })) },
    {
      weight: 1,
      arbitrary: fc
        .record({ bytes: fc.constantFrom(17 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024), chunked: fc.boolean() })
        .map(({ bytes, chunked }) => ({ text: overLimit(bytes), contentType: 'application/json', chunked })),
    },
    { weight: 1, arbitrary: fc.constant(json(toJsonText(objectWith([['__proto__', { isAdmin: true }], ['constructor', { prototype: { isAdmin: true } }]])))) },
  ];
  return fc.oneof(...options);
}

/** A hostile request for one route: its path parameters, query string, body, session and repetition. */
export function caseArbitrary(route: RouteSpec, pools: Pools): fc.Arbitrary<HostileCase> {
  const params = route.params.length > 0 ? fc.tuple(...route.params.map((param) => paramValue(route, param, pools))) : fc.constant([] as string[]);
  return params.chain((values) => {
    const named = Object.fromEntries(route.params.map((param, index) => [param, values[index] ?? '']));
    return fc
      .record({
        query: queryArbitrary(pools),
        body: bodyArbitrary(route, named, pools),
        anonymous: fc.nat({ max: 7 }).map((value) => value === 0),
        twice: fc.nat({ max: 3 }).map((value) => value === 0 && route.method !== 'GET'),
        trailingSlash: fc.nat({ max: 19 }).map((value) => value === 0),
      })
      .map(({ query, body, anonymous, twice, trailingSlash }) => {
        let index = 0;
        const path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, () => pathSegment(values[index++] ?? ''));
        return { route: `${route.method} ${route.path}`, method: route.method, url: `${path}${trailingSlash ? '/' : ''}${query}`, body, anonymous, twice };
      });
  });
}

/** Cases over every route, the routes taken in turn so each gets its share. */
export function hostileCases(routes: readonly RouteSpec[], pools: Pools, count: number, seed: number): HostileCase[] {
  const perRoute = Math.max(1, Math.ceil(count / routes.length));
  const all = routes.flatMap((route, index) => fc.sample(caseArbitrary(route, pools), { seed: seed + index, numRuns: perRoute }));
  // Interleaved, so a case that changes the data (a deletion) is followed by other routes' cases.
  const shuffled = fc.sample(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), { seed, numRuns: 1 })[0] ?? all;
  return shuffled.slice(0, count);
}
