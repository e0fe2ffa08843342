import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { isRole, permissionsOf, type PermissionMap, type Role } from '@relais/domain';
import type { ChangePasswordRequest, LoginRequest, MfaRequest, MfaRequiredResponse, SessionUser, TokenResponse } from '@relais/schema';
import type { Db } from '../db/client';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import { mfaMail, type Mailer } from './mailer';
import { addressMatcher } from './addresses';
import { defaultPasswordCost, hashPassword, passwordPolicyIssues, verifyPassword } from './password';
import { createAuthRepository, type RequestOrigin, type SessionRow, type UserRow } from './repository';
import { createSessionCache } from './session-cache';
import { createSignIn } from './sign-in';
import type { SignInLimits } from './sign-in-limits';
import { newRefreshToken, sha256, signAccessToken, verifyAccessToken } from './tokens';

export { lockMinutes, maxFailedAttempts } from './sign-in';
export const mfaCodeMinutes = 5;
export const mfaMaxAttempts = 5;
/** `last_activity` is rewritten at most this often, not on every request. */
const activityResolutionMs = 60_000;
const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;
/**
 * How long the refresh token a session just rotated away from still renews it (without rotating
 * again): two requests sent with the same cookie at the same moment must not look like a theft.
 */
export const defaultRefreshGraceSeconds = 10;

/** Time, injectable so tests can move it (lockout expiry, token and code expiry). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface AuthSettings {
  jwtSecret: Uint8Array;
  accessTokenMinutes: number;
  sessionDays: number;
  /** Users of these roles always confirm their sign-in by e-mail, whatever their own `mfa_enabled`. */
  mfaRequiredRoles: readonly Role[];
  defaultAdminUsername: string;
  /** log2 of scrypt's N for new password hashes (tests lower it). */
  passwordHashCost?: number;
  /** Windows sign-in through a trusted reverse proxy: the header naming the user and the proxy addresses. */
  trustedProxyHeader?: string | undefined;
  trustedProxyAddresses?: readonly string[];
  /** Legacy TomatoPlan sign-in without a password, from these subnets only. */
  legacyWindowsSubnets?: readonly string[];
  /** Failed sign-ins tolerated per client address and per username before 429 (`defaultSignInLimits`). */
  signInLimits?: SignInLimits;
  /** Seconds the previous refresh token still works after a rotation (`defaultRefreshGraceSeconds`). */
  refreshGraceSeconds?: number;
}

/** How a user signed in without a password. */
export type WindowsSignIn = 'trusted_proxy' | 'legacy_windows';

export interface AuthServiceDeps {
  db: Db;
  settings: AuthSettings;
  logger: Logger;
  clock?: Clock;
  /** Absent when no SMTP server is configured: sign-ins that need a code are then refused. */
  mailer?: Mailer | undefined;
}

/** The signed-in user of a request, as the middleware puts it on the context. */
export interface Authenticated {
  user: UserRow;
  role: Role;
  permissions: PermissionMap;
  session: SessionRow;
  /** With a Bearer token: when it expires (ms since the epoch; a live socket is closed then). */
  tokenExpiresAtMs?: number;
}

export interface IssuedTokens {
  body: TokenResponse;
  /** Absent when a refresh inside the grace window renews the access token only (the cookie stays as it is). */
  refreshToken: string | undefined;
  sessionExpiresAt: Date;
}

export type LoginResult = { kind: 'tokens'; tokens: IssuedTokens } | { kind: 'mfa'; body: MfaRequiredResponse };

function unauthenticated(message: string): ApiError {
  return new ApiError('UNAUTHENTICATED', message);
}

/** Sign-in, MFA, refresh, sign-out and password change; the admin service builds on it. */
export function createAuthService({ db, settings, logger, clock = systemClock, mailer: initialMailer }: AuthServiceDeps) {
  const repo = createAuthRepository(db);
  const sessionCache = createSessionCache(db.$client, () => repo.writes());
  // Both change while the server runs when an administrator edits the SMTP or sign-in settings.
  let mailer = initialMailer;
  const cost = settings.passwordHashCost ?? defaultPasswordCost;
  const revokeListeners = new Set<(sessionIds: string[]) => void>();
  const signInListeners = new Set<(username: string) => void>();
  // Rebuilt when an administrator edits the proxy addresses (updateSettings), read on every request.
  let trustedProxyMatcher = addressMatcher(settings.trustedProxyAddresses ?? []);
  const fromTrustedProxy = (ip: string | null): boolean => trustedProxyMatcher(ip);
  const refreshGraceMs = (settings.refreshGraceSeconds ?? defaultRefreshGraceSeconds) * 1000;

  const iso = (ms: number = clock.now()): string => new Date(ms).toISOString();

  function roleOf(user: UserRow): Role {
    return isRole(user.role) ? user.role : 'viewer';
  }

  function sessionUser(user: UserRow): SessionUser {
    return { id: user.id, username: user.username, display_name: user.display_name, role: roleOf(user), permissions: permissionsOf(roleOf(user), user.is_system_admin) };
  }

  function hashNewPassword(password: string): Promise<string> {
    return hashPassword(password, cost);
  }

  /** Revokes sessions and tells the listeners (open pull streams close on it). */
  function revoke(filter: Parameters<typeof repo.revokeSessions>[0], reason: string): string[] {
    const ids = repo.revokeSessions(filter, iso(), reason);
    if (ids.length > 0) {
      for (const listener of revokeListeners) {
        listener(ids);
      }
    }
    return ids;
  }

  async function issueTokens(user: UserRow, session: SessionRow, refreshToken: string | undefined): Promise<IssuedTokens> {
    const now = clock.now();
    const expiresAt = Math.min(now + settings.accessTokenMinutes * minuteMs, Date.parse(session.expires_at));
    const accessToken = await signAccessToken(settings.jwtSecret, { sub: String(user.id), username: user.username, role: roleOf(user), sid: session.id }, now, expiresAt);
    return {
      body: {
        access_token: accessToken,
        token_type: 'bearer',
        expires_at: iso(expiresAt),
        expires_in: Math.max(0, Math.floor((expiresAt - now) / 1000)),
        must_change_password: user.must_change_password,
        user: sessionUser(user),
      },
      refreshToken,
      sessionExpiresAt: new Date(session.expires_at),
    };
  }

  async function openSession(user: UserRow, origin: RequestOrigin, action: string): Promise<IssuedTokens> {
    const at = iso();
    const refreshToken = newRefreshToken();
    const session = repo.insertSession({
      id: randomUUID(),
      user_id: user.id,
      hostname: origin.hostname,
      ip: origin.ip,
      user_agent: origin.userAgent,
      created_at: at,
      last_activity: at,
      expires_at: iso(clock.now() + settings.sessionDays * dayMs),
      refresh_token_hash: sha256(refreshToken),
    });
    const updated = repo.updateUser(user.id, { last_login: at, failed_attempts: 0, locked_until: null }) ?? user;
    repo.logEvent({ at, actor: user.username, action, target: user.username, sessionId: session.id, origin });
    logger.info({ username: user.username, session: session.id, hostname: origin.hostname, ip: origin.ip }, 'connexion');
    for (const listener of signInListeners) {
      listener(user.username);
    }
    return issueTokens(updated, session, refreshToken);
  }

  function mfaRequired(user: UserRow): boolean {
    return user.mfa_enabled || settings.mfaRequiredRoles.includes(roleOf(user));
  }

  function codeHash(challengeId: string, code: string): Buffer {
    return createHmac('sha256', settings.jwtSecret).update(`${challengeId}:${code}`).digest();
  }

  async function sendChallenge(user: UserRow, origin: RequestOrigin): Promise<MfaRequiredResponse> {
    if (!mailer || !user.email) {
      logger.error({ username: user.username, smtp: Boolean(mailer), email: Boolean(user.email) }, 'code de connexion impossible à envoyer');
      throw new ApiError('MAIL_UNAVAILABLE', user.email ? "L'envoi d'e-mails n'est pas configuré sur le serveur : contactez l'administrateur." : "Aucune adresse e-mail n'est associée à ce compte pour recevoir le code : contactez l'administrateur.");
    }
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const at = clock.now();
    repo.insertChallenge({ id, user_id: user.id, code_hash: codeHash(id, code).toString('base64url'), created_at: iso(at), expires_at: iso(at + mfaCodeMinutes * minuteMs), hostname: origin.hostname, ip: origin.ip, user_agent: origin.userAgent });
    try {
      await mailer.send(mfaMail(user.email, user.display_name, code, mfaCodeMinutes));
    } catch (error) {
      repo.deleteChallenge(id);
      logger.error({ err: error, username: user.username }, "échec de l'envoi du code de connexion");
      throw new ApiError('MAIL_UNAVAILABLE', "Le code de connexion n'a pas pu être envoyé : réessayez ou contactez l'administrateur.");
    }
    repo.logEvent({ at: iso(), actor: user.username, action: 'mfa_sent', target: user.username, origin, details: { challenge_id: id } });
    return { mfa_required: true, challenge_id: id, message: `Un code de connexion a été envoyé à votre adresse e-mail ; il est valable ${mfaCodeMinutes} minutes.` };
  }

  /** After a good password or a trusted Windows identity: a deactivated account stops here, then the e-mailed code or the session. */
  async function admit(user: UserRow, origin: RequestOrigin, action: 'login' | 'login_legacy_windows' | 'login_trusted_proxy'): Promise<LoginResult> {
    if (!user.is_active) {
      repo.logEvent({ at: iso(), actor: user.username, action: 'login_failed', target: user.username, origin, details: { reason: 'inactive' } });
      throw new ApiError('ACCOUNT_DISABLED', 'Ce compte est désactivé : contactez votre administrateur.');
    }
    if (mfaRequired(user)) {
      return { kind: 'mfa', body: await sendChallenge(user, origin) };
    }
    return { kind: 'tokens', tokens: await openSession(user, origin, action) };
  }

  const signIn = createSignIn({ repo, settings, logger, clock, iso, hashNewPassword, admit });

  function login(request: LoginRequest & { password: string }, origin: RequestOrigin): Promise<LoginResult> {
    return signIn.login(request.username, request.password, origin);
  }

  async function completeMfa(request: MfaRequest, origin: RequestOrigin): Promise<IssuedTokens> {
    const challenge = repo.challengeById(request.challenge_id);
    const now = clock.now();
    if (!challenge || challenge.used_at !== null || challenge.attempts >= mfaMaxAttempts || Date.parse(challenge.expires_at) <= now) {
      throw new ApiError('MFA_EXPIRED', 'Code expiré ou déjà utilisé : reconnectez-vous pour recevoir un nouveau code.');
    }
    const user = repo.userById(challenge.user_id);
    const sessionOrigin: RequestOrigin = { hostname: challenge.hostname ?? origin.hostname, ip: origin.ip, userAgent: origin.userAgent ?? challenge.user_agent };
    const expected = Buffer.from(challenge.code_hash, 'base64url');
    const given = codeHash(challenge.id, request.code);
    if (!user || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      const attempts = challenge.attempts + 1;
      repo.updateChallenge(challenge.id, { attempts });
      repo.logEvent({ at: iso(now), actor: user?.username ?? null, action: 'mfa_failed', target: user?.username ?? null, origin: sessionOrigin, details: { challenge_id: challenge.id, attempts } });
      if (attempts >= mfaMaxAttempts) {
        throw new ApiError('MFA_EXPIRED', `${mfaMaxAttempts} codes erronés : ce code est annulé, reconnectez-vous pour en recevoir un nouveau.`);
      }
      const left = mfaMaxAttempts - attempts;
      throw new ApiError('MFA_INVALID', `Code incorrect (encore ${left} essai${left > 1 ? 's' : ''}).`, { attempts_left: left });
    }
    repo.updateChallenge(challenge.id, { used_at: iso(now) });
    if (!user.is_active) {
      throw new ApiError('ACCOUNT_DISABLED', 'Ce compte est désactivé : contactez votre administrateur.');
    }
    return openSession(user, sessionOrigin, 'login_mfa');
  }

  /** The session and user behind a session id, if both are still good. */
  function liveSession(session: SessionRow | undefined): Authenticated {
    const now = clock.now();
    if (!session) {
      throw unauthenticated('Session inconnue : reconnectez-vous.');
    }
    if (session.revoked_at !== null) {
      throw unauthenticated('Session fermée : reconnectez-vous.');
    }
    if (Date.parse(session.expires_at) <= now) {
      throw unauthenticated('Session expirée : reconnectez-vous.');
    }
    const user = repo.userById(session.user_id);
    if (!user || !user.is_active) {
      throw unauthenticated('Compte désactivé : reconnectez-vous.');
    }
    if (now - Date.parse(session.last_activity) >= activityResolutionMs) {
      session = { ...session, last_activity: iso(now) };
      repo.updateSession(session.id, { last_activity: session.last_activity });
    }
    const role = roleOf(user);
    return { user, role, permissions: permissionsOf(role, user.is_system_admin), session };
  }

  /** Checked once per token and epoch (see `session-cache.ts`): a revoked session is refused at once. */
  async function authenticateBearer(token: string): Promise<Authenticated> {
    const cached = sessionCache.get(token, clock.now());
    if (cached) {
      return cached;
    }
    const epoch = sessionCache.epoch();
    const verified = await verifyAccessToken(settings.jwtSecret, token, clock.now());
    if (!verified.ok) {
      throw unauthenticated(verified.reason === 'expired' ? 'Jeton expiré : renouvelez-le ou reconnectez-vous.' : 'Jeton invalide : reconnectez-vous.');
    }
    const auth = liveSession(repo.sessionById(verified.claims.sid));
    if (String(auth.user.id) !== verified.claims.sub) {
      throw unauthenticated('Jeton invalide : reconnectez-vous.');
    }
    const validUntil = Math.min(verified.expiresAtMs, Date.parse(auth.session.expires_at), Date.parse(auth.session.last_activity) + activityResolutionMs);
    const withExpiry = { ...auth, tokenExpiresAtMs: verified.expiresAtMs };
    sessionCache.set(token, withExpiry, validUntil, epoch);
    return withExpiry;
  }

  /**
   * The session of a refresh token. The token a session rotated away from last still works for
   * `refreshGraceSeconds` (`current` false); any other rotated token was copied: its session is closed,
   * its streams with it.
   */
  function sessionOfRefreshToken(token: string): { auth: Authenticated; current: boolean } {
    const hash = sha256(token);
    const session = repo.sessionByRefreshHash(hash);
    if (session) {
      return { auth: liveSession(session), current: true };
    }
    const rotated = repo.rotationByHash(hash);
    if (!rotated) {
      throw unauthenticated('Session inconnue : reconnectez-vous.');
    }
    const owner = repo.sessionById(rotated.session_id);
    const justRotated = repo.latestRotation(rotated.session_id)?.token_hash === hash && clock.now() - Date.parse(rotated.rotated_at) <= refreshGraceMs;
    if (owner && justRotated) {
      return { auth: liveSession(owner), current: false };
    }
    const closed = revoke({ sessionId: rotated.session_id }, 'refresh_token_reused');
    const username = owner ? (repo.userById(owner.user_id)?.username ?? null) : null;
    if (closed.length > 0) {
      repo.logEvent({ at: iso(), actor: username, action: 'refresh_token_reused', target: username, sessionId: rotated.session_id, details: { rotated_at: rotated.rotated_at } });
      logger.warn({ username, session: rotated.session_id }, 'jeton de renouvellement réutilisé : session fermée (vol possible)');
    }
    throw unauthenticated('Session fermée par sécurité : un ancien jeton de session a été réutilisé. Reconnectez-vous.');
  }

  function authenticateRefreshToken(token: string): Authenticated {
    return sessionOfRefreshToken(token).auth;
  }

  /**
   * A new access token and a new refresh token (the old one stops working); the session is extended.
   * Inside the grace window of the previous token: a new access token only, the refresh token stays.
   */
  async function refresh(token: string, origin: RequestOrigin): Promise<IssuedTokens> {
    const { auth, current } = sessionOfRefreshToken(token);
    if (!current) {
      return issueTokens(auth.user, auth.session, undefined);
    }
    const refreshToken = newRefreshToken();
    const at = clock.now();
    const patch = { refresh_token_hash: sha256(refreshToken), last_activity: iso(at), expires_at: iso(at + settings.sessionDays * dayMs), ip: origin.ip ?? auth.session.ip };
    repo.rotateRefreshToken(auth.session, patch, iso(at - settings.sessionDays * dayMs));
    return issueTokens(auth.user, { ...auth.session, ...patch }, refreshToken);
  }

  function logout(auth: Authenticated, origin: RequestOrigin): void {
    revoke({ sessionId: auth.session.id }, 'logout');
    repo.logEvent({ at: iso(), actor: auth.user.username, action: 'logout', target: auth.user.username, sessionId: auth.session.id, origin });
  }

  async function changePassword(auth: Authenticated, request: ChangePasswordRequest, origin: RequestOrigin): Promise<void> {
    const { user } = auth;
    if (user.password_hash === null || !(await verifyPassword(request.current_password, user.password_hash))) {
      repo.logEvent({ at: iso(), actor: user.username, action: 'password_change_failed', target: user.username, sessionId: auth.session.id, origin });
      throw new ApiError('INVALID_CREDENTIALS', 'Mot de passe actuel incorrect.');
    }
    const issues = passwordPolicyIssues(request.new_password);
    if (request.new_password === request.current_password) {
      issues.push("Le nouveau mot de passe doit être différent de l'actuel.");
    }
    if (issues.length > 0) {
      throw new ApiError('WEAK_PASSWORD', issues.join(' '), { issues });
    }
    repo.updateUser(user.id, { password_hash: await hashNewPassword(request.new_password), must_change_password: false, updated_at: iso() });
    // Whoever knew the old password loses the sessions it opened; this one stays.
    revoke({ userId: user.id, exceptSessionId: auth.session.id }, 'password_changed');
    repo.logEvent({ at: iso(), actor: user.username, action: 'password_changed', target: user.username, sessionId: auth.session.id, origin });
  }

  return {
    repo,
    settings,
    clock,
    logger,
    /** The SMTP mailer (RELAIS_SMTP_*), shared with the annonces SST; undefined when none is set. Read it when sending: it may be replaced. */
    get mailer(): Mailer | undefined {
      return mailer;
    },
    /** A new SMTP configuration, applied without restart. */
    setMailer(next: Mailer | undefined): void {
      mailer = next;
    },
    /** Runtime settings (MFA roles, Windows sign-in header), applied to the next requests. */
    updateSettings(patch: Partial<Pick<AuthSettings, 'mfaRequiredRoles' | 'trustedProxyHeader' | 'trustedProxyAddresses'>>): void {
      Object.assign(settings, patch);
      if (patch.trustedProxyAddresses !== undefined) {
        trustedProxyMatcher = addressMatcher(patch.trustedProxyAddresses);
      }
    },
    iso,
    roleOf,
    hashNewPassword,
    revoke,
    login,
    loginWithoutPassword: signIn.loginWithoutPassword,
    /** Is this peer one of `RELAIS_TRUSTED_PROXY_ADDRESSES` (whose X-Forwarded-* headers are believed)? */
    fromTrustedProxy,
    completeMfa,
    refresh,
    logout,
    changePassword,
    authenticateBearer,
    authenticateRefreshToken,
    /** A new access token for a signed-in session (TomatoPlan's clients renew with their Bearer token only). */
    renewAccess: (authenticated: Authenticated): Promise<IssuedTokens> => issueTokens(authenticated.user, authenticated.session, undefined),
    /** Called with the ids of revoked sessions (kick, logout, deactivation…); returns the unsubscribe. */
    onSessionsRevoked(listener: (sessionIds: string[]) => void): () => void {
      revokeListeners.add(listener);
      return () => revokeListeners.delete(listener);
    },
    /** Called with the user name of each new session (TomatoPlan's live socket announces it). */
    onSignIn(listener: (username: string) => void): () => void {
      signInListeners.add(listener);
      return () => signInListeners.delete(listener);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
