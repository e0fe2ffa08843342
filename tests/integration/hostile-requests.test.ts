import { request } from 'node:http';
import type { RunningServer } from '@relais/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn, startRealServer } from './support/harness';

let server: (RunningServer & { dispose(): Promise<void> }) | undefined;

afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

interface Streamed {
  status: number;
  body: { error?: { code: string }; detail?: string };
  /** What the client had sent when the answer came. */
  sentBytes: number;
}

/**
 * Streams a chunked body (no Content-Length) of up to `maxBytes` as fast as the socket takes it,
 * and stops as soon as the server answers, as a client whose upload is refused would.
 */
function streamBody(url: string, path: string, maxBytes: number): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) as Streamed['body'], sentBytes });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (!answered) {
        reject(error);
      }
    });
    const pump = (): void => {
      while (!answered && sentBytes < maxBytes) {
        sentBytes += chunk.length;
        if (!req.write(sentBytes === chunk.length ? Buffer.concat([Buffer.from('{"username":"'), chunk]) : chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) {
        req.end();
      }
    };
    pump();
  });
}

describe('the real server under hostile requests', () => {
  it('cuts six parallel chunked sign-in bodies of 450 MB at 16 KiB: 413 with detail, long before the end', async () => {
    server = await startRealServer();
    const url = server.url;
    const rssBefore = process.memoryUsage().rss;
    const answers = await Promise.all(Array.from({ length: 6 }, () => streamBody(url, '/auth/login', 450 * 1024 * 1024)));
    for (const answer of answers) {
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' }, detail: 'Requête de connexion trop volumineuse : 16 Ko au plus.' });
      // Refused while the client was still sending: a few socket buffers, not 450 MB.
      expect(answer.sentBytes).toBeLessThan(32 * 1024 * 1024);
    }
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('refuses a generation from 2027 to 9999 at once, while /health keeps answering', async () => {
    server = await startRealServer();
    const { token } = await signIn(server, 'admin');
    const generate = fetch(`${server.url}/missions/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ date_debut: '2027-01-01', date_fin: '9999-12-31' }),
    });
    const health = fetch(`${server.url}/health`, { signal: AbortSignal.timeout(5_000) });
    const [refused, healthy] = await Promise.all([generate, health]);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { detail: string }).detail).toContain('92 jours au plus');
    expect(healthy.status).toBe(200);
  });
});
