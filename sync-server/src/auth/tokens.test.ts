import { randomBytes } from 'node:crypto';
import { UnsecuredJWT, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from './tokens';

const secret = randomBytes(64);
const now = Date.parse('2026-11-27T08:00:00Z');
const claims = { sub: '7', username: 'JEAN.DUPONT', role: 'viewer', sid: 'session-1' };

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access tokens (jose, HS256)', () => {
  it('round-trips the claims until expiry', async () => {
    const token = await signAccessToken(secret, claims, now, now + 3_600_000);
    expect(await verifyAccessToken(secret, token, now + 3_599_000)).toEqual({ ok: true, claims, expiresAtMs: now + 3_600_000 });
    expect(await verifyAccessToken(secret, token, now + 3_600_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses an altered payload', async () => {
    const token = await signAccessToken(secret, claims, now, now + 3_600_000);
    const [header, , signature] = token.split('.');
    const forged = [header, encode({ ...claims, role: 'admin', exp: Math.floor(now / 1000) + 3600 }), signature].join('.');
    expect(await verifyAccessToken(secret, forged, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a token signed with another key', async () => {
    const token = await signAccessToken(randomBytes(64), claims, now, now + 3_600_000);
    expect(await verifyAccessToken(secret, token, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses alg none and other algorithms, even with the right key', async () => {
    const unsigned = new UnsecuredJWT({ username: claims.username, role: 'admin', sid: claims.sid }).setSubject('7').setExpirationTime(Math.floor(now / 1000) + 3600).encode();
    expect(unsigned.split('.')[2]).toBe('');
    expect(await verifyAccessToken(secret, unsigned, now)).toEqual({ ok: false, reason: 'invalid' });
    const hs512 = await new SignJWT({ username: claims.username, role: claims.role, sid: claims.sid })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('7')
      .setExpirationTime(Math.floor(now / 1000) + 3600)
      .sign(secret);
    expect(await verifyAccessToken(secret, hs512, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyAccessToken(secret, 'pas-un-jeton', now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a token without its session claim', async () => {
    const token = await new SignJWT({ username: claims.username, role: claims.role }).setProtectedHeader({ alg: 'HS256' }).setSubject('7').setExpirationTime(Math.floor(now / 1000) + 3600).sign(secret);
    expect(await verifyAccessToken(secret, token, now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
