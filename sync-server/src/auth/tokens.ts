import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** What an access token says; the session row stays the authority (revocation, role, activity). */
export interface AccessClaims {
  /** The user id, as a string (JWT `sub`). */
  sub: string;
  username: string;
  role: string;
  /** The session id. */
  sid: string;
}

/** `expiresAtMs`: the token's `exp`, so a verdict can be kept exactly as long as the token lives. */
export type VerifyOutcome = { ok: true; claims: AccessClaims; expiresAtMs: number } | { ok: false; reason: 'expired' | 'invalid' };

const algorithm = 'HS256';

export async function signAccessToken(secret: Uint8Array, claims: AccessClaims, issuedAtMs: number, expiresAtMs: number): Promise<string> {
  return new SignJWT({ username: claims.username, role: claims.role, sid: claims.sid })
    .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(Math.floor(issuedAtMs / 1000))
    .setExpirationTime(Math.floor(expiresAtMs / 1000))
    .sign(secret);
}

/**
 * Checks signature, algorithm (HS256 only: `alg: none` and every other algorithm are refused) and
 * expiry against the given time.
 */
export async function verifyAccessToken(secret: Uint8Array, token: string, nowMs: number): Promise<VerifyOutcome> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: [algorithm],
      currentDate: new Date(nowMs),
      requiredClaims: ['sub', 'exp', 'sid'],
    });
    const { sub, username, role, sid, exp } = payload;
    if (typeof sub !== 'string' || typeof username !== 'string' || typeof role !== 'string' || typeof sid !== 'string' || typeof exp !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { sub, username, role, sid }, expiresAtMs: exp * 1000 };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}

/** An opaque refresh token; only its hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
