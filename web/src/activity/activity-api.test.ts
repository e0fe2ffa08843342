import { describe, expect, it } from 'vitest';
import { createActivityApi, securityReportOf } from './activity-api';
import { noFilters } from './activity-query';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('createActivityApi', () => {
  it('reads /admin/logs with the filters and the bearer token', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const api = createActivityApi({
      authHeaders: () => ({ authorization: 'Bearer jeton' }),
      fetch: (input, init) => {
        seen.push({ url: input instanceof Request ? input.url : input.toString(), authorization: new Headers(init?.headers).get('authorization') });
        return Promise.resolve(jsonResponse(200, { entries: [], total: 0 }));
      },
    });
    await expect(api.list({ ...noFilters, collection: 'missions' }, 50)).resolves.toEqual({ entries: [], total: 0 });
    expect(seen).toEqual([{ url: '/admin/logs?collection=missions&limit=50&offset=50', authorization: 'Bearer jeton' }]);
  });

  it('turns a refusal into its error code', async () => {
    const api = createActivityApi({
      authHeaders: () => ({}),
      fetch: () => Promise.resolve(jsonResponse(403, { error: { code: 'FORBIDDEN', message: 'Permission requise' }, detail: 'Permission requise' })),
    });
    await expect(api.list(noFilters, 0)).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  it('reports an unreachable server as NETWORK', async () => {
    const api = createActivityApi({ authHeaders: () => ({}), fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(api.security()).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });
});

describe('securityReportOf', () => {
  it('keeps the risks of a well-formed report', () => {
    expect(securityReportOf({ legacy_windows_login: { enabled: true, subnets: ['10.0.0.0/8'] }, risks: ['Connexion sans mot de passe'] })).toEqual({
      risks: ['Connexion sans mot de passe'],
    });
  });

  it('refuses anything else', () => {
    expect(securityReportOf({ risks: [1] })).toBeUndefined();
    expect(securityReportOf(null)).toBeUndefined();
    expect(securityReportOf({})).toBeUndefined();
  });
});
