import { promisify } from 'node:util';
import { constants, gzip as gzipCallback } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';

const gzip = promisify(gzipCallback);

/** Answers that never carry a body. */
const noBodyStatuses = new Set([101, 204, 205, 304]);

/** Below this, gzip saves too little to pay for itself (and a tiny answer may even grow). */
const thresholdBytes = 1024;

/** Whole answers worth compressing; never `text/event-stream`, which must leave as it is written. */
const compressible = /^\s*(application\/(json|javascript|xml)|[^;\s]+\+json|text\/(html|plain|csv|css|javascript|xml)|image\/svg\+xml)(\s*;|\s*$)/i;

/** Level 1: answers are built per request; most of the size gain for a fraction of level 6's time. */
function gzipAnswer(body: Uint8Array): ReturnType<typeof gzip> {
  return gzip(body, { level: constants.Z_BEST_SPEED });
}

/**
 * A route's JSON bytes as it should send them: gzipped (on libuv's thread pool) for a client that
 * takes gzip when it is worth it, with the headers that say so. For a route answering a large body it
 * holds as bytes (a pull page): the middleware would first copy the answer back out of its Response.
 */
export async function encodedJson(c: Context, body: Uint8Array<ArrayBuffer>): Promise<{ body: Uint8Array<ArrayBuffer>; headers: Record<string, string> }> {
  const headers = { 'content-type': 'application/json', vary: 'Accept-Encoding' };
  if (body.length < thresholdBytes || !acceptsGzip(c)) {
    return { body, headers: { ...headers, 'content-length': String(body.length) } };
  }
  const packed = await gzipAnswer(body);
  return {
    body: new Uint8Array(packed.buffer, packed.byteOffset, packed.length),
    headers: { ...headers, 'content-encoding': 'gzip', 'content-length': String(packed.length) },
  };
}

/** Does the client take gzip (`Accept-Encoding`, with its q-values)? */
export function acceptsGzip(c: Context): boolean {
  return accepts(c, { header: 'Accept-Encoding', supports: ['gzip', 'identity'], default: 'identity' }) === 'gzip';
}

/**
 * JSON (and other text) answers of at least 1 KiB, gzipped for the clients that accept it, on
 * libuv's thread pool rather than the event loop. Left as they are: answers that already carry a
 * `Content-Encoding` (the PWA's files, sent precompressed at build; cached answers compressed once),
 * `Cache-Control: no-transform`, partial content, and event streams (replication, jobs, logs), which
 * a compressor would hold back until its buffer fills.
 */
export function answerCompression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('content-type');
    // `res.body` is not read before the answer is known to be compressed: on @hono/node-server, reading
    // it turns a prepared answer (bytes or text, written to the socket as they are) into a web stream
    // that copies them first, on every request.
    if (
      c.req.method === 'HEAD' ||
      noBodyStatuses.has(res.status) ||
      res.status === 206 ||
      type === null ||
      !compressible.test(type) ||
      res.headers.has('content-encoding') ||
      res.headers.has('transfer-encoding') ||
      /no-transform/i.test(res.headers.get('cache-control') ?? '')
    ) {
      return;
    }
    const declared = res.headers.get('content-length');
    if (declared !== null && Number(declared) < thresholdBytes) {
      return;
    }
    if (!/accept-encoding/i.test(res.headers.get('vary') ?? '')) {
      res.headers.append('vary', 'Accept-Encoding');
    }
    if (!acceptsGzip(c) || res.body === null) {
      return;
    }
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.length < thresholdBytes) {
      c.res = new Response(body, res);
      return;
    }
    const packed = await gzipAnswer(body);
    // Hono copies the previous answer's headers onto the new one: the encoding headers are set after.
    c.res = new Response(new Uint8Array(packed.buffer, packed.byteOffset, packed.length), res);
    c.res.headers.set('content-encoding', 'gzip');
    c.res.headers.set('content-length', String(packed.length));
    const etag = c.res.headers.get('etag');
    if (etag !== null && !etag.startsWith('W/')) {
      c.res.headers.set('etag', `W/${etag}`);
    }
  };
}
