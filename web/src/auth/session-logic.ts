import type { SessionUser, TokenResponse } from '@relais/schema';
import { RequestError } from '../ui/json-client';

/** The access token in memory, with its expiry measured on this device's clock (immune to clock skew). */
export interface AccessToken {
  value: string;
  expiresAtMs: number;
  lifetimeMs: number;
}

/** A token this close to its expiry is no longer sent: the request would be refused on the way. */
export const tokenSkewMs = 10_000;
/** The latest a token is renewed before it expires. */
export const maxRefreshMarginMs = 5 * 60_000;
/** Never renew more often than this (a token already expired is renewed after this delay). */
export const minRefreshDelayMs = 1000;
/** After a renewal that could not reach the server, the next try. */
export const retryDelayMs = 30_000;

export function tokenFrom(response: TokenResponse, receivedAtMs: number): AccessToken {
  const lifetimeMs = Math.max(0, response.expires_in) * 1000;
  return { value: response.access_token, expiresAtMs: receivedAtMs + lifetimeMs, lifetimeMs };
}

export function isTokenUsable(token: AccessToken | null, nowMs: number): token is AccessToken {
  return token !== null && nowMs < token.expiresAtMs - tokenSkewMs;
}

/** When to renew: a fifth of the token's life before it ends, at most five minutes before. */
export function refreshDelayMs(token: AccessToken, nowMs: number): number {
  const margin = Math.min(maxRefreshMarginMs, token.lifetimeMs / 5);
  return Math.max(minRefreshDelayMs, Math.round(token.expiresAtMs - margin - nowMs));
}

/**
 * What a failed renewal means: the server ended the session (401, or a disabled account), so sign in
 * again; or it could not be asked (offline, server down), so keep working on local data.
 */
export function refreshFailureKind(error: unknown): 'signed-out' | 'unreachable' {
  if (error instanceof RequestError && (error.status === 401 || error.status === 403)) {
    return 'signed-out';
  }
  return 'unreachable';
}

/** The last signed-in user, kept on this device so the app opens offline on their local data. */
export interface RememberedSession {
  user: SessionUser;
  /** False once signed out, or while a one-time password still has to be changed. */
  signedIn: boolean;
}

export type StartPlan =
  /** A sign-out could not reach the server: tell it first, and show the sign-in page. */
  | { kind: 'finish-logout' }
  /** Open the app at once on the remembered user's data, and renew the token behind it. */
  | { kind: 'resume'; user: SessionUser }
  /** Nobody signed in on this device: a live refresh cookie may still open a session. */
  | { kind: 'refresh' };

export function startPlan(remembered: RememberedSession | null, logoutPending: boolean): StartPlan {
  if (logoutPending) {
    return { kind: 'finish-logout' };
  }
  return remembered?.signedIn ? { kind: 'resume', user: remembered.user } : { kind: 'refresh' };
}
