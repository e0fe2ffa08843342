import { collections, sstContactSchema, sstTarifSchema, type CollectionName } from '@relais/schema';
import { errorBodySchema } from '@relais/sync-protocol';
import { z } from 'zod';
import { version } from '../version';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

const euros = { type: 'number', description: 'Montant en euros (2 décimales)' };

/** Fields shown in euros (the schemas hold cents). */
const moneyFields: Record<string, readonly string[]> = {
  missions: ['cout_sst', 'revenu'],
  revenus_palettes: ['revenu_par_palette'],
  tarif: ['prix'],
};

function fromZod(schema: z.ZodType, money: readonly string[] = []): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json['$schema'];
  for (const field of money) {
    if (json.properties?.[field]) {
      json.properties[field] = euros;
    }
  }
  return json;
}

const audit = {
  uuid: { type: 'string', format: 'uuid', description: 'Alias de `id` (clients TomatoPlan)' },
  created_at: { type: ['string', 'null'] },
  created_by: { type: ['string', 'null'] },
  updated_at: { type: 'string' },
  updated_by: { type: ['string', 'null'] },
};

/** A document as the API answers it: the collection schema, money in euros, `uuid` and the audit fields. */
function responseSchema(collection: CollectionName): JsonSchema {
  const json = fromZod(collections[collection].schema, moneyFields[collection]);
  if (collection === 'sst' && json.properties) {
    json.properties['tarifs'] = { type: 'array', items: { $ref: '#/components/schemas/SstTarif' } };
  }
  return { ...json, properties: { ...json.properties, ...audit } };
}

/** What a client sends: the same fields, without the ones the server manages; `id`/`uuid` optional. */
function requestSchema(collection: CollectionName): JsonSchema {
  const json = fromZod(collections[collection].schema, moneyFields[collection]);
  const properties = { ...json.properties };
  delete properties['rev'];
  delete properties['updated_at'];
  return { ...json, properties: { ...properties, uuid: audit.uuid }, required: (json.required ?? []).filter((field) => !['id', 'rev', 'updated_at'].includes(field)), additionalProperties: true };
}

const components = {
  Mission: responseSchema('missions'),
  MissionIn: requestSchema('missions'),
  Voyage: responseSchema('voyages'),
  VoyageIn: requestSchema('voyages'),
  Chauffeur: responseSchema('chauffeurs'),
  ChauffeurIn: requestSchema('chauffeurs'),
  Disponibilite: responseSchema('disponibilites'),
  DisponibiliteIn: requestSchema('disponibilites'),
  Sst: responseSchema('sst'),
  SstIn: requestSchema('sst'),
  SstTarif: { ...fromZod(sstTarifSchema, moneyFields['tarif']), additionalProperties: true },
  SstContact: { ...fromZod(sstContactSchema), additionalProperties: true },
  RevenuPalette: responseSchema('revenus_palettes'),
  RevenuPaletteIn: requestSchema('revenus_palettes'),
  Error: fromZod(errorBodySchema),
};

type Method = 'get' | 'post' | 'put' | 'delete';

/** [method, path, tag, summary, request schema, response schema, list?] */
type Route = [Method, string, string, string, string | null, string | null, boolean?];

const routes: Route[] = [
  ['get', '/missions', 'missions', 'Missions (filtres date_debut, date_fin, chauffeur_id, voyage_id, statut, skip, limit)', null, 'Mission', true],
  ['post', '/missions', 'missions', 'Créer une mission', 'MissionIn', 'Mission'],
  ['post', '/missions/bulk', 'missions', 'Créer plusieurs missions', 'MissionIn', 'Mission', true],
  ['post', '/missions/generate', 'missions', 'Générer les missions des voyages (droit generate_planning)', null, null],
  ['get', '/missions/by-date/{date}', 'missions', "Missions d'une date", null, 'Mission', true],
  ['get', '/missions/uuid/{uuid}', 'missions', 'Une mission par uuid', null, 'Mission'],
  ['get', '/missions/{id}', 'missions', 'Une mission', null, 'Mission'],
  ['put', '/missions/{id}', 'missions', 'Modifier une mission', 'MissionIn', 'Mission'],
  ['delete', '/missions/{id}', 'missions', 'Supprimer une mission', null, null],
  ['get', '/voyages', 'voyages', 'Voyages (active_only)', null, 'Voyage', true],
  ['post', '/voyages', 'voyages', 'Créer un voyage', 'VoyageIn', 'Voyage'],
  ['get', '/voyages/code/{code}', 'voyages', 'Un voyage par code', null, 'Voyage'],
  ['get', '/voyages/{id}', 'voyages', 'Un voyage', null, 'Voyage'],
  ['put', '/voyages/{id}', 'voyages', 'Modifier un voyage', 'VoyageIn', 'Voyage'],
  ['delete', '/voyages/{id}', 'voyages', 'Désactiver un voyage (TomatoPlan : il reste dans l’historique)', null, null],
  ['get', '/chauffeurs', 'chauffeurs', 'Chauffeurs (active_only)', null, 'Chauffeur', true],
  ['post', '/chauffeurs', 'chauffeurs', 'Créer un chauffeur', 'ChauffeurIn', 'Chauffeur'],
  ['get', '/chauffeurs/code/{code}', 'chauffeurs', 'Un chauffeur par code', null, 'Chauffeur'],
  ['get', '/chauffeurs/disponibles/{date}', 'chauffeurs', 'Chauffeurs disponibles et indisponibles un jour', null, null],
  ['post', '/chauffeurs/disponibilites', 'chauffeurs', 'Déclarer une indisponibilité', 'DisponibiliteIn', 'Disponibilite'],
  ['delete', '/chauffeurs/disponibilites/{id}', 'chauffeurs', 'Supprimer une indisponibilité', null, null],
  ['get', '/chauffeurs/{id}', 'chauffeurs', 'Un chauffeur', null, 'Chauffeur'],
  ['put', '/chauffeurs/{id}', 'chauffeurs', 'Modifier un chauffeur', 'ChauffeurIn', 'Chauffeur'],
  ['delete', '/chauffeurs/{id}', 'chauffeurs', 'Supprimer un chauffeur', null, null],
  ['get', '/chauffeurs/{id}/disponibilites', 'chauffeurs', "Indisponibilités d'un chauffeur", null, 'Disponibilite', true],
  ['get', '/sst', 'sst', 'Sous-traitants (active_only)', null, 'Sst', true],
  ['post', '/sst', 'sst', 'Créer un sous-traitant', 'SstIn', 'Sst'],
  ['get', '/sst/code/{code}', 'sst', 'Un sous-traitant par code', null, 'Sst'],
  ['get', '/sst/tarifs/all', 'sst', 'Tous les tarifs (sst_code, destination, active_only)', null, 'SstTarif', true],
  ['post', '/sst/tarifs', 'sst', 'Ajouter un tarif (sst_id dans le corps)', 'SstTarif', 'SstTarif'],
  ['put', '/sst/tarifs/{id}', 'sst', 'Modifier un tarif', 'SstTarif', 'SstTarif'],
  ['delete', '/sst/tarifs/{id}', 'sst', 'Supprimer un tarif', null, null],
  ['post', '/sst/emails', 'sst', 'Ajouter un e-mail (sst_id dans le corps)', 'SstContact', 'SstContact'],
  ['delete', '/sst/emails/{id}', 'sst', 'Supprimer un e-mail', null, null],
  ['get', '/sst/{id}', 'sst', 'Un sous-traitant', null, 'Sst'],
  ['put', '/sst/{id}', 'sst', 'Modifier un sous-traitant', 'SstIn', 'Sst'],
  ['delete', '/sst/{id}', 'sst', 'Supprimer un sous-traitant', null, null],
  ['get', '/sst/{id}/tarifs', 'sst', "Tarifs d'un sous-traitant", null, 'SstTarif', true],
  ['get', '/sst/{id}/emails', 'sst', "E-mails d'un sous-traitant", null, 'SstContact', true],
  ['get', '/finance/revenus', 'finance', 'Revenus par palette', null, 'RevenuPalette', true],
  ['post', '/finance/revenus', 'finance', 'Créer un revenu par palette', 'RevenuPaletteIn', 'RevenuPalette'],
  ['get', '/finance/revenus/destination/{destination}', 'finance', "Revenus d'une destination", null, 'RevenuPalette', true],
  ['get', '/finance/revenus/{id}', 'finance', 'Un revenu par palette', null, 'RevenuPalette'],
  ['put', '/finance/revenus/{id}', 'finance', 'Modifier un revenu par palette', 'RevenuPaletteIn', 'RevenuPalette'],
  ['delete', '/finance/revenus/{id}', 'finance', 'Supprimer un revenu par palette', null, null],
  ['get', '/finance/stats', 'finance', 'Chiffre, coût et marge (date_debut, date_fin)', null, null],
  ['get', '/finance/stats/mensuel', 'finance', 'Statistiques d’un mois, jour par jour (annee, mois)', null, null],
  ['get', '/finance/stats/annuel', 'finance', 'Statistiques d’une année, mois par mois (annee)', null, null],
  ['get', '/stats/dashboard', 'stats', 'Tableau de bord', null, null],
  ['get', '/stats/tables', 'stats', 'Nombre de lignes par table', null, null],
  ['get', '/stats/activity/users', 'stats', 'Actions par utilisateur', null, null],
  ['get', '/stats/activity/recent', 'stats', 'Activité récente (limit, username, action_type)', null, null],
  ['get', '/stats/api', 'stats', 'Requêtes servies par route et par statut, temps moyen (days)', null, null],
  ['get', '/stats/users/{username}', 'stats', 'Activité d’un utilisateur', null, null],
  ['get', '/server-info', 'serveur', 'Nom, version, démarrage et durée de fonctionnement du serveur (public)', null, null],
  ['get', '/ws/status', 'serveur', 'Sockets /ws ouverts et utilisateurs connectés', null, null],
];

function reference(name: string, list: boolean | undefined): Record<string, unknown> {
  const ref = { $ref: `#/components/schemas/${name}` };
  return list ? { type: 'array', items: ref } : ref;
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** The OpenAPI 3.1 description of the TomatoPlan-compatible API, generated from the shared zod schemas. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [method, path, tag, summary, request, response, list] of routes) {
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
    const created = method === 'post' ? '201' : '200';
    (paths[path] ??= {})[method] = {
      tags: [tag],
      summary,
      parameters,
      ...(request ? { requestBody: { required: true, content: { 'application/json': { schema: reference(request, path.endsWith('/bulk')) } } } } : {}),
      responses: {
        [created]: { description: 'OK', ...(response ? { content: { 'application/json': { schema: reference(response, list) } } } : {}) },
        '401': errorResponse('Authentification requise'),
        '403': errorResponse('Droit manquant'),
        '404': errorResponse('Introuvable'),
        '409': errorResponse('Conflit (doublon, conflit de planning, modification concurrente)'),
        '422': errorResponse('Données invalides'),
      },
      security: [{ bearer: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Relais — API compatible TomatoPlan',
      version,
      description:
        'Jetons via POST /auth/login ; montants en euros. Canal temps réel : WebSocket ws://serveur/ws?token=<jeton> (welcome, data_changed, user_connected, user_disconnected, refresh_required ; ping → pong, get_users → connected_users).',
    },
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
}
