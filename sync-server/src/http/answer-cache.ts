import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { acceptsGzip } from './compression';
import { mib } from './body-limits';

interface Answer {
  json: Uint8Array<ArrayBuffer>;
  /** The entity tag of the JSON, quoted; the gzip form's ends in `-gzip` (another representation). */
  etag: string;
  gzip?: Uint8Array<ArrayBuffer>;
}

const encoder = new TextEncoder();

function gzip(body: Uint8Array): Uint8Array<ArrayBuffer> {
  const packed = gzipSync(body);
  return new Uint8Array(packed.buffer, packed.byteOffset, packed.length);
}

/** Does an `If-None-Match` header name `etag`? Weak comparison, as RFC 9110 asks for GET. */
function holds(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) {
    return false;
  }
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export interface AnswerCacheOptions {
  /** What the cached answers may hold in all (bodies and their gzip forms); the oldest go first. */
  maxBytes?: number;
}

/**
 * JSON answers of read routes, encoded (and gzipped) once and sent again while the data they were
 * built from is unchanged. `version` says which state of the data an answer shows (for the replicated
 * collections: the database identity and its last sequence number, which every write bumps, from this
 * process or another); a new version forgets every answer. Keys must name everything else an answer
 * depends on (route, parameters, the reader's hidden fields).
 */
export function createAnswerCache(version: () => string, options: AnswerCacheOptions = {}) {
  const maxBytes = options.maxBytes ?? 32 * mib;
  const answers = new Map<string, Answer>();
  let bytes = 0;
  let currentVersion = '';

  function sizeOf(answer: Answer): number {
    return answer.json.length + (answer.gzip?.length ?? 0);
  }

  function make(room: number): void {
    for (const [key, answer] of answers) {
      if (bytes + room <= maxBytes) {
        return;
      }
      answers.delete(key);
      bytes -= sizeOf(answer);
    }
  }

  function lookup(key: string, build: () => unknown): Answer {
    const now = version();
    if (now !== currentVersion) {
      answers.clear();
      bytes = 0;
      currentVersion = now;
    }
    const found = answers.get(key);
    if (found) {
      // Most recently used last: eviction takes the first ones.
      answers.delete(key);
      answers.set(key, found);
      return found;
    }
    const json = encoder.encode(JSON.stringify(build()));
    const answer: Answer = { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
    if (answer.json.length <= maxBytes) {
      make(answer.json.length);
      answers.set(key, answer);
      bytes += answer.json.length;
    }
    return answer;
  }

  return {
    /**
     * The JSON answer of `key` (built by `build` when absent), gzipped once for the clients that take
     * it, with its entity tag: a client that already holds it (`If-None-Match`) gets a bodiless 304.
     */
    json(c: Context, key: string, build: () => unknown): Response {
      const answer = lookup(key, build);
      const zipped = answer.json.length >= 1024 && acceptsGzip(c);
      const etag = zipped ? `${answer.etag.slice(0, -1)}-gzip"` : answer.etag;
      const headers: Record<string, string> = { 'content-type': 'application/json', vary: 'Accept-Encoding', etag };
      if (holds(c.req.header('if-none-match'), etag)) {
        return c.body(null, 304, headers);
      }
      if (zipped) {
        if (!answer.gzip) {
          answer.gzip = gzip(answer.json);
          if (answers.get(key) === answer) {
            bytes += answer.gzip.length;
            make(0);
          }
        }
        return c.body(answer.gzip, 200, { ...headers, 'content-encoding': 'gzip' });
      }
      return c.body(answer.json, 200, headers);
    },
  };
}

export type AnswerCache = ReturnType<typeof createAnswerCache>;
