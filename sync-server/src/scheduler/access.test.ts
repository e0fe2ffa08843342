import { permissionsOf, roleNames } from '@relais/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiTest, type ApiTest } from '../planning/test-api';
import { call } from '../test-support/auth';

/**
 * Every administration route of the jobs, the configuration and the server log; all need `admin_access`.
 * The users, roles, sessions and activity log are in `auth/admin-routes.test.ts`, the backups in `backup/routes.test.ts`.
 */
const routes: [string, string, unknown][] = [
  ['GET', '/admin/jobs', undefined],
  ['GET', '/admin/jobs/housekeeping/runs?limit=5', undefined],
  ['GET', '/admin/jobs/runs/1', undefined],
  ['POST', '/admin/jobs/housekeeping/run', undefined],
  ['PUT', '/admin/jobs/housekeeping/schedule', { schedule: null }],
  ['GET', '/admin/config', undefined],
  ['PUT', '/admin/config', {}],
  ['DELETE', '/admin/config/log_level', undefined],
];

/** The live streams of the console (EventSource): the jobs' runs and the server's log. */
const streams = ['/admin/jobs/events', '/admin/logs/stream'];

let api: ApiTest;

beforeAll(async () => {
  api = await apiTest();
});

describe('jobs and configuration routes × roles', () => {
  for (const role of roleNames) {
    const allowed = permissionsOf(role).admin_access;
    for (const [method, path, body] of routes) {
      it(`${role} ${method} ${path}: ${allowed ? 'allowed' : '403'}`, async () => {
        const response = await api.as(role, method, path, body);
        if (allowed) {
          expect(response.status, JSON.stringify(response.body)).not.toBe(403);
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
        } else {
          expect(response.status).toBe(403);
          expect(response.body).toMatchObject({ error: { code: 'FORBIDDEN' }, detail: 'Accès refusé : il vous faut le droit « admin_access ».' });
        }
      });
    }

    for (const stream of streams) {
    it(`${role} GET ${stream}: ${allowed ? 'allowed' : '403'}`, async () => {
      const response = await call(api.app, 'GET', stream, { token: api.tokens[role] });
      if (allowed) {
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/event-stream');
        await response.body?.cancel();
      } else {
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' }, detail: 'Accès refusé : il vous faut le droit « admin_access ».' });
      }
    });
    }
  }

  it('refuses the routes without a session', async () => {
    for (const [method, path] of [...routes, ...streams.map((stream) => ['GET', stream])]) {
      expect((await call(api.app, String(method), String(path))).status, `${String(method)} ${String(path)}`).toBe(401);
    }
  });
});
