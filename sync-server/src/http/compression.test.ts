import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { answerCompression } from './compression';

const rows = Array.from({ length: 200 }, (_, index) => ({ id: index, destination: 'Rungis (94)', statut: 'planifie' }));

function app(): Hono {
  const hono = new Hono();
  hono.use('*', answerCompression());
  hono.get('/json', (c) => c.json(rows));
  hono.get('/small', (c) => c.json({ ok: true }));
  hono.get('/sized', (c) => c.body(JSON.stringify(rows), 200, { 'content-type': 'application/json', 'content-length': String(JSON.stringify(rows).length) }));
  hono.get('/unchanged', (c) => c.body(null, 304, { 'content-type': 'application/json', etag: '"v1"' }));
  hono.get('/precompressed', (c) => c.body(new Uint8Array([1, 2, 3]), 200, { 'content-type': 'text/javascript', 'content-encoding': 'br' }));
  hono.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: 'batch', data: JSON.stringify(rows) });
    }),
  );
  return hono;
}

const gzip = { 'accept-encoding': 'gzip, deflate' };

describe('answer compression', () => {
  it('gzips JSON answers for a client that accepts it, and only then', async () => {
    const packed = await app().request('/json', { headers: gzip });
    expect(packed.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await packed.arrayBuffer())).toString('utf8'))).toEqual(rows);
    const sized = await app().request('/sized', { headers: gzip });
    const sizedBody = Buffer.from(await sized.arrayBuffer());
    expect(sized.headers.get('content-length')).toBe(String(sizedBody.length));
    expect(JSON.parse(gunzipSync(sizedBody).toString('utf8'))).toEqual(rows);
    const plain = await app().request('/json');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual(rows);
  });

  it('prefers brotli when the client weighs it as much as gzip, and follows its weights otherwise', async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['gzip;q=0.2, br;q=0.8', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['deflate', null],
    ] as const) {
      const response = await app().request('/json', { headers: { 'accept-encoding': accept } });
      expect(response.headers.get('content-encoding'), accept).toBe(encoding);
      const body = Buffer.from(await response.arrayBuffer());
      const json = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
      expect(JSON.parse(json.toString('utf8')), accept).toEqual(rows);
    }
  });

  it('leaves small answers, precompressed files, event streams and bodiless answers as they are', async () => {
    expect((await app().request('/small', { headers: gzip })).headers.get('content-encoding')).toBeNull();
    const file = await app().request('/precompressed', { headers: gzip });
    expect(file.headers.get('content-encoding')).toBe('br');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2, 3]);
    const events = await app().request('/events', { headers: gzip });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.headers.get('content-encoding')).toBeNull();
    expect(await events.text()).toContain('event: batch');
    const unchanged = await app().request('/unchanged', { headers: gzip });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('content-encoding')).toBeNull();
    expect(unchanged.headers.get('etag')).toBe('"v1"');
    expect(unchanged.body).toBeNull();
  });
});
