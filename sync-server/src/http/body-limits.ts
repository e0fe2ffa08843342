import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sendError } from './errors';

export const kib = 1024;
export const mib = 1024 * kib;

/** The largest body a route reads, and the French sentence answering a larger one. */
export interface BodyLimit {
  maxSize: number;
  message: string;
}

/** A body limit for the request paths matching `path` (the path the app routes, after its mount point). */
export interface PathBodyLimit extends BodyLimit {
  path: RegExp;
}

/** Every route not listed reads at most this: its JSON bodies are a few kilobytes. */
export const defaultBodyLimit: BodyLimit = { maxSize: 1 * mib, message: 'Requête trop volumineuse : 1 Mo au plus.' };

/**
 * One app-wide size check for every request body, before any route reads one: the first limit
 * whose path matches applies, else the default. A route's larger limit lives here, not on the
 * route: a route-level `bodyLimit` runs after an app-wide one and could never raise it. The size is
 * checked from Content-Length, and counted while reading for chunked bodies that have none, so no
 * body larger than its limit is ever held in memory. Answers 413 `PAYLOAD_TOO_LARGE` with `detail`.
 */
export function bodyLimits(limits: readonly PathBodyLimit[], fallback: BodyLimit = defaultBodyLimit): MiddlewareHandler {
  const middleware = ({ maxSize, message }: BodyLimit): MiddlewareHandler =>
    bodyLimit({ maxSize, onError: (c) => sendError(c, 'PAYLOAD_TOO_LARGE', message, { max_bytes: maxSize }) });
  const byPath = limits.map((limit) => ({ path: limit.path, check: middleware(limit) }));
  const otherwise = middleware(fallback);
  return async (c, next) => {
    // No body to check, and asking the Node adapter for one builds a whole web Request per request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      return next();
    }
    const check = byPath.find((limit) => limit.path.test(c.req.path))?.check ?? otherwise;
    return check(c, next);
  };
}
