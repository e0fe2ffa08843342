import { describe, expect, it } from 'vitest';
import { createJsonClient, RequestError } from './json-client';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function recording(answer: () => Response | Promise<Response>): { calls: Call[]; fetch: typeof fetch } {
  const calls: Call[] = [];
  const fetch = ((url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(answer());
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('createJsonClient', () => {
  it('sends JSON with the session headers under the base URL and returns the answer', async () => {
    const { calls, fetch } = recording(() => new Response(JSON.stringify({ id: 7 }), { status: 201 }));
    const client = createJsonClient({ fetch, authHeaders: () => ({ authorization: 'Bearer jeton' }), baseUrl: '/api/x' });
    await expect(client.json('POST', '/items', { nom: 'Dupont' })).resolves.toEqual({ id: 7 });
    const headers = new Headers(calls[0]?.init?.headers);
    expect(calls[0]?.url).toBe('/api/x/items');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(headers.get('authorization')).toBe('Bearer jeton');
    expect(headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(calls[0]?.init?.body as string)).toEqual({ nom: 'Dupont' });
  });

  it('sends no body nor content type for a read, and answers null for an empty body', async () => {
    const { calls, fetch } = recording(() => new Response(null, { status: 200 }));
    await expect(createJsonClient({ fetch }).json('GET', '/vide')).resolves.toBeNull();
    expect(calls[0]?.init?.body).toBeUndefined();
    expect(new Headers(calls[0]?.init?.headers).has('content-type')).toBe(false);
  });

  it("carries the server's code, status, French message and details in one RequestError", async () => {
    const body = { error: { code: 'TOO_MANY_REQUESTS', message: 'Too many', details: { retry_after_seconds: 42 } }, detail: 'Trop de tentatives' };
    const { fetch } = recording(() => new Response(JSON.stringify(body), { status: 429 }));
    const failure = await createJsonClient({ fetch })
      .json('POST', '/auth/login', {})
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestError);
    expect(failure).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429, message: 'Trop de tentatives', details: { retry_after_seconds: 42 } });
  });

  it('names an answer that is not the error body HTTP_ERROR, and an unreached server NETWORK', async () => {
    const proxy = recording(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(createJsonClient({ fetch: proxy.fetch }).send('GET', '/x')).rejects.toMatchObject({ code: 'HTTP_ERROR', status: 502 });
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(createJsonClient({ fetch: offline }).send('GET', '/x')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });

  it("rethrows the caller's own abort as is", async () => {
    const controller = new AbortController();
    const aborting = ((_url: string, init?: RequestInit) => {
      controller.abort(new Error('page quittée'));
      return Promise.reject(init?.signal?.reason instanceof Error ? init.signal.reason : new Error('?'));
    }) as typeof fetch;
    const failure = await createJsonClient({ fetch: aborting })
      .read('GET', '/x', { signal: controller.signal })
      .catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(RequestError);
    expect(failure).toMatchObject({ message: 'page quittée' });
  });
});
