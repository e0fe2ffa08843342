import { permissionsOf, roleNames, type Permission } from '@relais/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiTest, type ApiTest } from './test-api';

/** Every kind of TomatoPlan route with the right it needs; write bodies are empty, so an allowed call answers 422 or 404. */
const routes: [string, string, Permission][] = [
  ['GET', '/missions', 'view_planning'],
  ['GET', '/missions/by-date/2030-01-07', 'view_planning'],
  ['POST', '/missions', 'edit_planning'],
  ['POST', '/missions/bulk', 'edit_planning'],
  ['POST', '/missions/generate', 'generate_planning'],
  ['PUT', '/missions/x', 'edit_planning'],
  ['DELETE', '/missions/x', 'edit_planning'],
  ['GET', '/voyages', 'view_planning'],
  ['POST', '/voyages', 'manage_voyages'],
  ['PUT', '/voyages/x', 'manage_voyages'],
  ['GET', '/chauffeurs', 'view_drivers'],
  ['GET', '/chauffeurs/disponibles/2030-01-07', 'view_drivers'],
  ['POST', '/chauffeurs', 'manage_drivers'],
  ['DELETE', '/chauffeurs/x', 'manage_drivers'],
  ['POST', '/chauffeurs/disponibilites', 'edit_driver_planning'],
  ['DELETE', '/chauffeurs/disponibilites/x', 'edit_driver_planning'],
  ['GET', '/sst', 'view_finance'],
  ['GET', '/sst/x/tarifs', 'view_finance'],
  ['POST', '/sst', 'manage_sst'],
  ['POST', '/sst/tarifs', 'manage_sst'],
  ['PUT', '/sst/tarifs/x', 'manage_sst'],
  ['POST', '/sst/emails', 'manage_sst'],
  ['DELETE', '/sst/x', 'manage_sst'],
  ['GET', '/finance/revenus', 'view_finance'],
  ['POST', '/finance/revenus', 'manage_sst'],
  ['GET', '/finance/stats/mensuel', 'view_finance'],
  ['GET', '/finance/stats/annuel', 'view_finance'],
  ['GET', '/stats/dashboard', 'view_planning'],
  ['GET', '/stats/tables', 'admin_access'],
  ['GET', '/stats/activity/users', 'view_sauron'],
];

let api: ApiTest;

beforeAll(async () => {
  api = await apiTest();
});

describe('TomatoPlan routes × roles', () => {
  for (const role of roleNames) {
    for (const [method, path, permission] of routes) {
      const allowed = permissionsOf(role)[permission];
      it(`${role} ${method} ${path}: ${allowed ? 'allowed' : '403'}`, async () => {
        const response = await api.as(role, method, path, method === 'GET' ? undefined : {});
        if (allowed) {
          expect(response.status, JSON.stringify(response.body)).not.toBe(403);
        } else {
          expect(response.status).toBe(403);
          expect(response.body).toMatchObject({ error: { code: 'FORBIDDEN' }, detail: `Accès refusé : il vous faut le droit « ${permission} ».` });
        }
      });
    }
  }
});
