import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, authTestApp, signIn, type AuthTestApp } from '../test-support/auth';
import { mib } from './body-limits';

let bench: AuthTestApp;
let token: string;

beforeAll(async () => {
  bench = authTestApp();
  await addUser(bench.auth, { username: 'ADMIN', role: 'admin', is_system_admin: true });
  token = (await signIn(bench.app, 'ADMIN')).token;
});

/** A JSON object of about `bytes` bytes (one long unknown field, which every route ignores or refuses). */
function bodyOf(bytes: number, wrap: (text: string) => string = (text) => `{"bourrage":"${text}"}`): string {
  return wrap('x'.repeat(bytes));
}

/** Posts a body with its Content-Length, or as a chunked stream without one. */
async function post(path: string, body: string, chunked: boolean): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (chunked) {
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 256 * 1024) {
          controller.enqueue(bytes.subarray(offset, offset + 256 * 1024));
        }
        controller.close();
      },
    });
    return bench.app.request(path, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  return bench.app.request(path, { method: 'POST', headers, body });
}

async function expectTooLarge(response: Response, maxBytes: number): Promise<string> {
  expect(response.status).toBe(413);
  const body = (await response.json()) as { error: { code: string; details: { max_bytes: number } }; detail: string };
  expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(body.error.details.max_bytes).toBe(maxBytes);
  return body.detail;
}

describe('request body limits', () => {
  it.each([false, true])('refuses a body over the 1 MiB default with 413 and a French detail (chunked: %s)', async (chunked) => {
    expect(await expectTooLarge(await post('/missions', bodyOf(mib + 10), chunked), mib)).toBe('Requête trop volumineuse : 1 Mo au plus.');
    // Just under: read, then refused for what it says, not for its size.
    expect((await post('/missions', bodyOf(mib - 100), chunked)).status).toBe(422);
  });

  it.each([false, true])('reads at most 16 KiB on the sign-in routes (chunked: %s)', async (chunked) => {
    const login = (text: string) => `{"username":"ADMIN","password":"${text}"}`;
    expect(await expectTooLarge(await post('/auth/login', bodyOf(20 * 1024, login), chunked), 16 * 1024)).toContain('connexion');
    expect((await post('/auth/mfa', bodyOf(20 * 1024), chunked)).status).toBe(413);
    expect((await post('/auth/login', '{"username":"ADMIN","password":"Relais-2026"}', chunked)).status).toBe(200);
  });

  it.each([false, true])('gives a route its own larger limit: push 32 MiB, import 50 MiB, bulk 4 MiB (chunked: %s)', async (chunked) => {
    const list = (text: string) => `[{"bourrage":"${text}"}]`;
    // Over the default, under their own limit: read and refused for their content.
    expect((await post('/api/replication/missions/push', bodyOf(5 * mib, list), chunked)).status).toBe(400);
    expect((await post('/admin/import/ptt', bodyOf(5 * mib), chunked)).status).toBe(400);
    expect((await post('/missions/bulk', bodyOf(3 * mib, list), chunked)).status).toBe(422);
    // The trailing-slash form FastAPI's clients use has the same limit.
    expect((await post('/missions/bulk/', bodyOf(3 * mib, list), chunked)).status).toBe(422);
    expect(await expectTooLarge(await post('/missions/bulk', bodyOf(5 * mib, list), chunked), 4 * mib)).toContain('4 Mo');
    expect(await expectTooLarge(await post('/api/replication/missions/push', bodyOf(33 * mib, list), chunked), 32 * mib)).toBe('Lot trop volumineux (32 Mo au plus)');
  });

  it('refuses before authenticating: no session needed to be told 413', async () => {
    const response = await bench.app.request('/admin/import/ptt', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(51 * mib) }, body: bodyOf(51 * mib) });
    expect(await expectTooLarge(response, 50 * mib)).toContain('relais import ptt');
  });
});
