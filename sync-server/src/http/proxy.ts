import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Is this peer one of the trusted reverse proxies (`RELAIS_TRUSTED_PROXY_ADDRESSES`)? */
export type TrustedProxy = (ip: string | null) => boolean;

/** The socket's peer address; absent when the app is called without a socket (tests' `app.request`). */
export function peerAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/**
 * Was the original request HTTPS? Yes when this server speaks TLS, or when a trusted proxy says so
 * in `X-Forwarded-Proto`; the header from anyone else is ignored (it would cost nothing to forge).
 */
export function isHttpsRequest(c: Context, fromTrustedProxy: TrustedProxy): boolean {
  if (new URL(c.req.url).protocol === 'https:') {
    return true;
  }
  const forwarded = c.req.header('x-forwarded-proto');
  if (forwarded === undefined || !fromTrustedProxy(peerAddress(c))) {
    return false;
  }
  // With several proxies in a row the first value is what the browser used.
  return forwarded.split(',')[0]?.trim().toLowerCase() === 'https';
}

/**
 * The client's address: behind a trusted proxy, the nearest address of `X-Forwarded-For` that is not
 * itself a trusted proxy (what the proxy saw; earlier entries are the client's own claims); else the peer.
 */
export function clientAddress(c: Context, fromTrustedProxy: TrustedProxy): string | null {
  const peer = peerAddress(c);
  const forwarded = c.req.header('x-forwarded-for');
  if (forwarded === undefined || !fromTrustedProxy(peer)) {
    return peer;
  }
  const hops = forwarded.split(',').map((hop) => hop.trim());
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) {
      return peer;
    }
    if (!fromTrustedProxy(hop)) {
      return hop;
    }
  }
  return peer;
}
