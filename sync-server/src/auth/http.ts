import { toFieldIssues } from '@relais/sync-protocol';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { z } from 'zod';
import { ApiError } from '../http/errors';
import { clientAddress, isHttpsRequest, peerAddress, type TrustedProxy } from '../http/proxy';
import type { RequestOrigin } from './repository';
import type { IssuedTokens } from './service';

/** The httpOnly cookie carrying the refresh token (and the session of EventSource requests). */
export const refreshCookieName = 'relais_refresh';

/** The peer address; absent when the app is called without a socket (tests' `app.request`). */
export function clientIp(c: Context): string | null {
  return peerAddress(c);
}

/**
 * Who is asking, for sessions, the activity log and the sign-in limits: behind a trusted proxy, the
 * address it forwarded (else every sign-in would share the proxy's address and its limits).
 */
export function requestOrigin(c: Context, fromTrustedProxy: TrustedProxy, hostname?: string | null): RequestOrigin {
  return { hostname: hostname ?? null, ip: clientAddress(c, fromTrustedProxy), userAgent: c.req.header('user-agent')?.slice(0, 500) ?? null };
}

export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function refreshCookie(c: Context): string | undefined {
  return getCookie(c, refreshCookieName) || undefined;
}

/**
 * Secure whenever the browser spoke HTTPS, directly or to the trusted proxy; not over plain HTTP, where
 * the PWA on localhost must still get it. Nothing to set when a refresh renewed the access token only.
 */
export function setRefreshCookie(c: Context, tokens: IssuedTokens, nowMs: number, fromTrustedProxy: TrustedProxy): void {
  if (tokens.refreshToken === undefined) {
    return;
  }
  setCookie(c, refreshCookieName, tokens.refreshToken, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttpsRequest(c, fromTrustedProxy),
    maxAge: Math.max(0, Math.floor((tokens.sessionExpiresAt.getTime() - nowMs) / 1000)),
  });
}

export function clearRefreshCookie(c: Context, fromTrustedProxy: TrustedProxy): void {
  deleteCookie(c, refreshCookieName, { path: '/', secure: isHttpsRequest(c, fromTrustedProxy), httpOnly: true, sameSite: 'Strict' });
}

/** The JSON body validated by a zod schema; refuses with 400 and the field issues otherwise. */
export async function parseBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError('BAD_REQUEST', 'Corps de requête JSON invalide');
  }
  return parseValue(schema, body, 'Requête invalide');
}

/** The query string validated by a zod schema. */
export function parseQuery<Schema extends z.ZodType>(c: Context, schema: Schema): z.output<Schema> {
  return parseValue(schema, c.req.query(), 'Paramètres invalides');
}

function parseValue<Schema extends z.ZodType>(schema: Schema, value: unknown, message: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error.issues);
    const first = issues[0];
    throw new ApiError('VALIDATION_FAILED', first ? `${message} : ${first.path.join('.') || 'corps'} — ${first.message}` : message, { issues });
  }
  return parsed.data;
}
