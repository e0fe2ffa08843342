import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { isHttpsRequest, type TrustedProxy } from './proxy';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/**
 * The Content-Security-Policy of every answer. What it must allow, and why:
 * - scripts, styles, fonts, the manifest and the service worker from the server itself only (the Vite
 *   bundle and swagger-ui are files; `/docs` starts swagger-ui from `/docs/init.js`, no inline script),
 *   with inline styles on `/docs` only, for swagger-ui;
 * - `data:` images: company logos are kept as data URLs, swagger-ui's icons are data URLs in its CSS;
 * - `blob:` frames and images: the invoice PDF is rendered in the browser and previewed in an iframe;
 * - `connect-src 'self'`: replication, its event stream and the REST API are on this origin.
 * Style properties set from script (dnd-kit, React `style`) are not inline styles in CSP's sense.
 */
export const contentSecurityPolicy: NonNullable<SecureHeadersOptions['contentSecurityPolicy']> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // swagger-ui writes a style element of its own; inline styles are allowed on `/docs` only (never scripts).
  styleSrc: ["'self'", (c) => (c.req.path === '/docs' || c.req.path.startsWith('/docs/') ? "'unsafe-inline'" : '')],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  frameSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};

const common: SecureHeadersOptions = {
  contentSecurityPolicy,
  referrerPolicy: 'same-origin',
  xFrameOptions: 'SAMEORIGIN',
  // The PWA opens no cross-origin windows; kept from the defaults: nosniff, no Flash/PDF cross-domain policies.
};

/**
 * Hono's `secureHeaders` on every answer (API, PWA, `/docs`, errors included). Strict-Transport-Security
 * only when the request came over TLS (directly or through the trusted proxy): sent over plain HTTP it
 * means nothing, and a browser must not remember it for a server that speaks HTTP on the LAN.
 */
export function appSecureHeaders(fromTrustedProxy: TrustedProxy): MiddlewareHandler {
  const overHttp = secureHeaders({ ...common, strictTransportSecurity: false });
  const overTls = secureHeaders({ ...common, strictTransportSecurity: 'max-age=31536000' });
  return async (c, next) => (isHttpsRequest(c, fromTrustedProxy) ? overTls(c, next) : overHttp(c, next));
}

/** `Cache-Control: no-store`: tokens, sessions and account data are never kept by a browser or proxy cache. */
export function noStore(): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
}
