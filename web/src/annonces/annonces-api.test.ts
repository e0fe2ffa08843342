import { describe, expect, it } from 'vitest';
import { createAnnoncesApi } from './annonces-api';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

interface Seen {
  url: string;
  method: string | undefined;
  authorization: string | null;
  body: unknown;
}

function recording(answer: Response): { seen: Seen[]; fetch: typeof fetch } {
  const seen: Seen[] = [];
  return {
    seen,
    fetch: (input, init) => {
      seen.push({
        url: input instanceof Request ? input.url : input.toString(),
        method: init?.method,
        authorization: new Headers(init?.headers).get('authorization'),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      return Promise.resolve(answer);
    },
  };
}

describe('createAnnoncesApi', () => {
  it('reads the preview of a day with the bearer token', async () => {
    const preview = { date: '2026-11-28', date_label: '28/11/2026', items: [], skipped: [] };
    const { seen, fetch } = recording(jsonResponse(200, preview));
    const api = createAnnoncesApi({ fetch, authHeaders: () => ({ authorization: 'Bearer jeton' }) });
    await expect(api.preview('2026-11-28')).resolves.toEqual(preview);
    expect(seen).toEqual([{ url: '/annonces/preview?date=2026-11-28', method: 'GET', authorization: 'Bearer jeton', body: undefined }]);
  });

  it('posts the chosen subcontractors to /annonces/send', async () => {
    const { seen, fetch } = recording(jsonResponse(200, { date: '2026-11-28', results: [], skipped: [] }));
    const api = createAnnoncesApi({ fetch, authHeaders: () => ({ authorization: 'Bearer jeton' }) });
    await api.send('2026-11-28', ['sst-1']);
    expect(seen).toEqual([{ url: '/annonces/send', method: 'POST', authorization: 'Bearer jeton', body: { date: '2026-11-28', sst_ids: ['sst-1'] } }]);
  });

  it('turns a refusal into its code and French detail, an unreachable server into NETWORK', async () => {
    const refused = createAnnoncesApi({
      authHeaders: () => ({}),
      fetch: recording(jsonResponse(403, { error: { code: 'FORBIDDEN', message: 'Accès refusé' }, detail: 'Accès refusé' })).fetch,
    });
    await expect(refused.history(20, 0)).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'Accès refusé' });
    const offline = createAnnoncesApi({ authHeaders: () => ({}), fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(offline.config()).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });

  it('refuses an answer of the wrong shape', async () => {
    const api = createAnnoncesApi({ authHeaders: () => ({}), fetch: recording(jsonResponse(200, { nope: true })).fetch });
    await expect(api.preview('2026-11-28')).rejects.toMatchObject({ code: 'HTTP_ERROR' });
  });
});
