import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { roleNames } from '@relais/domain';
import { collectionNames, isCollectionName, type CollectionName } from '@relais/schema';
import { pttFixture } from '../../planning/import/test-helpers';
import type { Picker, RouteSpec } from './cases';
import type { BodyValue } from './values';

export type Doc = Record<string, unknown> & { id: string };

/** What the seeded database holds, for path parameters and bodies that reach past the lookups. */
export interface Pools {
  docs: Record<CollectionName, Doc[]>;
  byCollection: Record<CollectionName, string[]>;
  ids: string[];
  codes: string[];
  destinations: string[];
  dates: string[];
  usernames: string[];
  userIds: string[];
  tarifIds: string[];
  contactIds: string[];
  /** The user whose sign-in the fuzzer attacks (never the administrator it works as). */
  victim: string;
  /** The PTT fixture folder as the browser uploads it (`{ file name: parsed content }`). */
  pttFiles: Record<string, unknown>;
}

function pttFiles(): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const name of readdirSync(pttFixture)) {
    if (name.endsWith('.json')) {
      try {
        files[name] = JSON.parse(readFileSync(join(pttFixture, name), 'utf8')) as unknown;
      } catch {
        // The fixture holds an unreadable file on purpose; the browser would skip it too.
      }
    }
  }
  return files;
}

export function buildPools(seeds: ReadonlyMap<CollectionName, Doc[]>, users: { id: number; username: string }[], victim: string): Pools {
  const docs = Object.fromEntries(collectionNames.map((name) => [name, seeds.get(name) ?? []])) as Record<CollectionName, Doc[]>;
  const byCollection = Object.fromEntries(collectionNames.map((name) => [name, docs[name].map((doc) => doc.id)])) as Record<CollectionName, string[]>;
  const all = collectionNames.flatMap((name) => docs[name]);
  const strings = (field: string) => [...new Set(all.map((doc) => doc[field]).filter((value): value is string => typeof value === 'string'))];
  const embedded = (key: string) =>
    docs.sst.flatMap((sst) => ((sst[key] as { id: string }[] | undefined) ?? []).map((item) => item.id));
  return {
    docs,
    byCollection,
    ids: all.map((doc) => doc.id),
    codes: strings('code'),
    destinations: strings('destination'),
    dates: [...new Set([...strings('date_mission'), '2026-11-27', '2026-12-31', '2027-01-01', '2027-12-31', '2030-06-30', '9999-12-31', '1900-01-01'])],
    usernames: users.map((user) => user.username),
    userIds: users.map((user) => String(user.id)),
    tarifIds: embedded('tarifs'),
    contactIds: embedded('contacts'),
    victim,
    pttFiles: pttFiles(),
  };
}

/** A UUID made of generated numbers: a seed replays the same ids. */
function uuidFrom(picker: Picker): string {
  const hex = Array.from({ length: 4 }, () => (picker.next() >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const at = '2026-11-27T08:00:00.000Z';

/** A new document of a collection: an existing one under a new id (and a new code where codes are unique). */
function newDocument(collection: CollectionName, pools: Pools, picker: Picker): Doc {
  const models = pools.docs[collection];
  const model = models.length > 0 ? structuredClone(picker.pick(models)) : {};
  const id = uuidFrom(picker);
  const doc: Doc = { ...model, id, rev: 1, updated_at: at };
  if (typeof doc['code'] === 'string') {
    doc['code'] = `F${id.slice(0, 8)}`;
  }
  // Invoicing numbers are the server's to give.
  delete doc['numero'];
  return doc;
}

function pushTemplate(params: Record<string, string>, pools: Pools, picker: Picker): BodyValue {
  const collection = isCollectionName(params['collection'] ?? '') ? (params['collection'] as CollectionName) : picker.pick(collectionNames);
  if (picker.next() % 3 === 0 && pools.docs[collection].length > 0) {
    const current = picker.pick(pools.docs[collection]);
    const next = { ...current, rev: Number(current['rev'] ?? 1) + 1, updated_at: at, _deleted: false };
    return [{ assumedMasterState: { ...current, _deleted: false }, newDocumentState: next }] as BodyValue;
  }
  return Array.from({ length: 1 + (picker.next() % 3) }, () => ({ newDocumentState: { ...newDocument(collection, pools, picker), _deleted: false } }));
}

function missionBody(pools: Pools, picker: Picker): BodyValue {
  const model = picker.pick(pools.docs.missions);
  return {
    uuid: uuidFrom(picker),
    date_mission: picker.pick(pools.dates.slice(0, 7)),
    heure_debut: '05:00',
    destination: typeof model['destination'] === 'string' ? model['destination'] : 'Lyon',
    type_mission: 'livraison',
    statut: 'planifie',
    commentaire: 'Créée par le fuzzer\nsur deux lignes',
    nb_palettes: 12,
    ...(typeof model['voyage_id'] === 'string' ? { voyage_id: model['voyage_id'] } : {}),
  };
}

/**
 * A valid body for a route, from the seeded data; the fuzzer then breaks it. Routes without a body
 * get `{}`, which they must ignore or refuse.
 */
export function bodyTemplate(route: RouteSpec, params: Record<string, string>, pools: Pools, picker: Picker): BodyValue {
  const code = `F${uuidFrom(picker).slice(0, 8)}`;
  switch (`${route.method} ${route.path}`) {
    case 'POST /auth/login':
      return { username: pools.victim, password: 'pas-le-bon', hostname: 'PC-FUZZ' };
    case 'POST /auth/mfa':
      return { challenge_id: uuidFrom(picker), code: '123456' };
    case 'POST /auth/refresh':
      return { refresh_token: 'jeton-inconnu' };
    case 'POST /auth/change-password':
      return { current_password: 'pas-le-bon', new_password: 'Nouveau-Mot-2026' };
    case 'POST /admin/users':
      return { username: `fuzz.${code.toLowerCase()}`, display_name: 'Compte du fuzzer', email: `${code.toLowerCase()}@example.fr`, role_name: picker.pick(roleNames) };
    case 'PUT /admin/users/:id':
      return { display_name: 'Nom modifié', email: 'modifie@example.fr' };
    case 'POST /admin/import/ptt':
      return structuredClone(pools.pttFiles) as BodyValue;
    case 'POST /api/replication/:collection/push':
      return pushTemplate(params, pools, picker);
    case 'PUT /annonces/config':
      return { subject_template: 'Missions du {date}', body_template: 'Bonjour {sst},\n\nVoici vos {nb_missions} missions.' };
    case 'POST /annonces/send':
      return { date: '2026-11-28', sst_ids: pools.byCollection.sst.slice(0, 2) };
    case 'POST /api/invoicing/devis/:id/envoyer':
    case 'POST /api/invoicing/factures/:id/envoyer':
      return { destinataires: ['compta@example.fr'], message: 'Bonjour,\nveuillez trouver le document joint.' };
    case 'POST /missions':
      return missionBody(pools, picker);
    case 'POST /missions/bulk':
      return [missionBody(pools, picker), missionBody(pools, picker)];
    case 'POST /missions/generate':
      return { date_debut: picker.pick(pools.dates), date_fin: picker.pick(pools.dates), assign_chauffeur_habituel: picker.next() % 2 === 0 };
    case 'PUT /missions/:id':
      return { commentaire: 'Modifiée par le fuzzer', nb_palettes: 3, revenu: 120.5 };
    case 'POST /voyages':
      return { uuid: uuidFrom(picker), code, nom: 'Ligne du fuzzer', destination: 'Lyon', jours_operation: ['lundi', 'jeudi'], heure_depart_defaut: '06:00', is_active: true };
    case 'PUT /voyages/:id':
      return { nom: 'Ligne renommée', jours_operation: ['mardi'] };
    case 'POST /chauffeurs':
      return { uuid: uuidFrom(picker), code, nom: 'Fuzz', prenom: 'Zoé', competences: ['ADR'], is_active: true, telephone: '0600000000' };
    case 'PUT /chauffeurs/:id':
      return { telephone: '0611111111', commentaire: 'Modifié' };
    case 'POST /chauffeurs/disponibilites':
      return { uuid: uuidFrom(picker), chauffeur_id: picker.pick(pools.byCollection.chauffeurs), date_debut: '2026-12-01', date_fin: '2026-12-03', type_absence: 'conges', motif: 'Congés' };
    case 'POST /sst':
      return {
        uuid: uuidFrom(picker),
        code,
        nom: 'Transports du fuzzer',
        contacts: [{ email: 'exploitation@example.fr', nom_contact: 'Exploitation', is_primary: true }],
        tarifs: [{ destination: 'Lyon', prix: 420.5, unite: 'voyage' }],
      };
    case 'PUT /sst/:id':
      return { nom: 'Transports renommés', telephone: '0400000000' };
    case 'POST /sst/tarifs':
      return { sst_id: picker.pick(pools.byCollection.sst), destination: 'Lille', prix: 310, unite: 'palette' };
    case 'PUT /sst/tarifs/:id':
      return { prix: 99.99 };
    case 'POST /sst/emails':
      return { sst_id: picker.pick(pools.byCollection.sst), email: 'planning@example.fr', nom_contact: 'Planning', is_primary: picker.next() % 2 === 0 };
    case 'POST /finance/revenus':
      return { uuid: uuidFrom(picker), destination: 'Lyon', revenu_par_palette: 12.5, pays: 'France' };
    case 'PUT /finance/revenus/:id':
      return { revenu_par_palette: 13.25 };
    default:
      return {};
  }
}
