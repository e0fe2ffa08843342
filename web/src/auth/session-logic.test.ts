import type { TokenResponse } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import {
  isTokenUsable,
  maxRefreshMarginMs,
  minRefreshDelayMs,
  refreshDelayMs,
  refreshFailureKind,
  startPlan,
  tokenFrom,
  tokenSkewMs,
} from './session-logic';
import { RequestError } from '../ui/json-client';

const user = { id: 1, username: 'ADMIN', display_name: 'Administrateur', role: 'admin', permissions: { view_planning: true } };

function tokenResponse(expiresIn: number): TokenResponse {
  // expires_at on the server's clock, 3 hours off: the client goes by expires_in only.
  return { access_token: 'jeton', token_type: 'bearer', expires_at: '2000-01-01T00:00:00.000Z', expires_in: expiresIn, must_change_password: false, user };
}

describe('session decisions', () => {
  it('dates the token on this device’s clock', () => {
    const token = tokenFrom(tokenResponse(3600), 1_000_000);
    expect(token).toEqual({ value: 'jeton', expiresAtMs: 1_000_000 + 3_600_000, lifetimeMs: 3_600_000 });
  });

  it('stops sending a token shortly before it expires', () => {
    const token = tokenFrom(tokenResponse(60), 0);
    expect(isTokenUsable(token, 0)).toBe(true);
    expect(isTokenUsable(token, 60_000 - tokenSkewMs - 1)).toBe(true);
    expect(isTokenUsable(token, 60_000 - tokenSkewMs)).toBe(false);
    expect(isTokenUsable(token, 120_000)).toBe(false);
    expect(isTokenUsable(null, 0)).toBe(false);
  });

  it('renews an hour-long token five minutes before it ends', () => {
    const token = tokenFrom(tokenResponse(3600), 0);
    expect(refreshDelayMs(token, 0)).toBe(3_600_000 - maxRefreshMarginMs);
    expect(refreshDelayMs(token, 1_000_000)).toBe(3_600_000 - maxRefreshMarginMs - 1_000_000);
  });

  it('renews a short token a fifth of its life before it ends', () => {
    const token = tokenFrom(tokenResponse(60), 0);
    expect(refreshDelayMs(token, 0)).toBe(48_000);
  });

  it('renews an expired token soon, never in a tight loop', () => {
    const token = tokenFrom(tokenResponse(60), 0);
    expect(refreshDelayMs(token, 10 * 60_000)).toBe(minRefreshDelayMs);
    expect(refreshDelayMs(tokenFrom(tokenResponse(0), 0), 0)).toBe(minRefreshDelayMs);
  });

  it('signs out only when the server says the session is over', () => {
    expect(refreshFailureKind(new RequestError('UNAUTHENTICATED', 401, 'session fermée'))).toBe('signed-out');
    expect(refreshFailureKind(new RequestError('ACCOUNT_DISABLED', 403, 'compte désactivé'))).toBe('signed-out');
    expect(refreshFailureKind(new RequestError('NETWORK', 0, 'Failed to fetch'))).toBe('unreachable');
    expect(refreshFailureKind(new RequestError('INTERNAL', 500, 'erreur'))).toBe('unreachable');
    expect(refreshFailureKind(new TypeError('Failed to fetch'))).toBe('unreachable');
  });

  it('opens at once on the remembered user, unless signed out or a sign-out is still to be told', () => {
    expect(startPlan({ user, signedIn: true }, false)).toEqual({ kind: 'resume', user });
    expect(startPlan({ user, signedIn: false }, false)).toEqual({ kind: 'refresh' });
    expect(startPlan(null, false)).toEqual({ kind: 'refresh' });
    expect(startPlan({ user, signedIn: true }, true)).toEqual({ kind: 'finish-logout' });
  });
});
