import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { isRole, permissionsOf, type PermissionMap, type Role } from '@relais/domain';
import type { ChangePasswordRequest, LoginRequest, MfaRequest, MfaRequiredResponse, SessionUser, TokenResponse } from '@relais/schema';
import type { Db } from '../db/client';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import { mfaMail, type Mailer } from './mailer';
import { defaultPasswordCost, hashPassword, passwordPolicyIssues, verifyPassword } from './password';
import { createAuthRepository, type RequestOrigin, type SessionRow, type UserRow } from './repository';
import { newRefreshToken, sha256, signAccessToken, verifyAccessToken } from './tokens';
import { normalizeUsername } from './username';

export const maxFailedAttempts = 5;
export const lockMinutes = 15;
export const mfaCodeMinutes = 5;
export const mfaMaxAttempts = 5;
/** `last_activity` is rewritten at most this often, not on every request. */
const activityResolutionMs = 60_000;
const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

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
}

export interface IssuedTokens {
  body: TokenResponse;
  refreshToken: string;
  sessionExpiresAt: Date;
}

export type LoginResult = { kind: 'tokens'; tokens: IssuedTokens } | { kind: 'mfa'; body: MfaRequiredResponse };

function unauthenticated(message: string): ApiError {
  return new ApiError('UNAUTHENTICATED', message);
}

function minutesLabel(minutes: number): string {
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

/** Sign-in, MFA, refresh, sign-out and password change; the admin service builds on it. */
export function createAuthService({ db, settings, logger, clock = systemClock, mailer: initialMailer }: AuthServiceDeps) {
  const repo = createAuthRepository(db);
  // Both change while the server runs when an administrator edits the SMTP or sign-in settings.
  let mailer = initialMailer;
  const cost = settings.passwordHashCost ?? defaultPasswordCost;
  const revokeListeners = new Set<(sessionIds: string[]) => void>();
  let dummyHash: Promise<string> | undefined;

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

  async function issueTokens(user: UserRow, session: SessionRow, refreshToken: string): Promise<IssuedTokens> {
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

  async function login(request: LoginRequest & { password: string }, origin: RequestOrigin): Promise<LoginResult> {
    const username = normalizeUsername(request.username);
    const user = repo.userByUsername(username);
    const now = clock.now();
    if (!user || user.password_hash === null) {
      dummyHash ??= hashNewPassword('Relais-factice-1');
      await verifyPassword(request.password, await dummyHash);
      repo.logEvent({ at: iso(now), actor: username, action: 'login_failed', target: username, origin, details: { reason: 'unknown_user' } });
      logger.warn({ username, ip: origin.ip, hostname: origin.hostname }, 'connexion refusée : utilisateur inconnu');
      throw new ApiError('INVALID_CREDENTIALS', 'Identifiant ou mot de passe incorrect.');
    }
    if (user.locked_until !== null && Date.parse(user.locked_until) > now) {
      const minutes = Math.ceil((Date.parse(user.locked_until) - now) / minuteMs);
      repo.logEvent({ at: iso(now), actor: username, action: 'login_locked', target: username, origin });
      throw new ApiError('ACCOUNT_LOCKED', `Compte verrouillé pour ${minutesLabel(minutes)} après ${maxFailedAttempts} échecs de connexion.`, { locked_until: user.locked_until, retry_after_minutes: minutes });
    }
    if (!(await verifyPassword(request.password, user.password_hash))) {
      const attempts = user.failed_attempts + 1;
      const locked = attempts >= maxFailedAttempts;
      const lockedUntil = locked ? iso(now + lockMinutes * minuteMs) : null;
      repo.updateUser(user.id, { failed_attempts: locked ? 0 : attempts, locked_until: lockedUntil });
      repo.logEvent({ at: iso(now), actor: username, action: 'login_failed', target: username, origin, details: { reason: 'bad_password', attempts } });
      logger.warn({ username, attempts, ip: origin.ip, hostname: origin.hostname }, 'connexion refusée : mot de passe incorrect');
      if (locked) {
        repo.logEvent({ at: iso(now), actor: username, action: 'account_locked', target: username, origin, details: { minutes: lockMinutes } });
        throw new ApiError('ACCOUNT_LOCKED', `Compte verrouillé pour ${minutesLabel(lockMinutes)} après ${maxFailedAttempts} échecs de connexion.`, { locked_until: lockedUntil, retry_after_minutes: lockMinutes });
      }
      const left = maxFailedAttempts - attempts;
      throw new ApiError('INVALID_CREDENTIALS', `Identifiant ou mot de passe incorrect (encore ${left} essai${left > 1 ? 's' : ''} avant verrouillage).`, { attempts_left: left });
    }
    if (!user.is_active) {
      repo.logEvent({ at: iso(now), actor: username, action: 'login_failed', target: username, origin, details: { reason: 'inactive' } });
      throw new ApiError('ACCOUNT_DISABLED', 'Ce compte est désactivé : contactez votre administrateur.');
    }
    if (mfaRequired(user)) {
      repo.updateUser(user.id, { failed_attempts: 0, locked_until: null });
      return { kind: 'mfa', body: await sendChallenge(user, origin) };
    }
    return { kind: 'tokens', tokens: await openSession(user, origin, 'login') };
  }

  /**
   * Windows sign-in without a password (opt-in, see `windows.ts` for who may use it): only for an
   * existing, active user, always logged, and still with the e-mailed code when the user needs one.
   */
  async function loginWithoutPassword(rawUsername: string, origin: RequestOrigin, method: WindowsSignIn): Promise<LoginResult> {
    const username = normalizeUsername(rawUsername);
    const user = repo.userByUsername(username);
    const now = clock.now();
    if (!user || !user.is_active) {
      repo.logEvent({ at: iso(now), actor: username, action: 'login_failed', target: username, origin, details: { reason: user ? 'inactive' : 'unknown_user', method } });
      logger.warn({ username, ip: origin.ip, method }, 'connexion Windows refusée : utilisateur inconnu ou désactivé');
      throw new ApiError('INVALID_CREDENTIALS', 'Utilisateur Windows inconnu ou désactivé dans Relais.');
    }
    if (user.locked_until !== null && Date.parse(user.locked_until) > now) {
      throw new ApiError('ACCOUNT_LOCKED', 'Compte verrouillé après des échecs de connexion : réessayez plus tard.', { locked_until: user.locked_until });
    }
    logger.warn({ username, ip: origin.ip, hostname: origin.hostname, method }, 'connexion Windows sans mot de passe');
    if (mfaRequired(user)) {
      return { kind: 'mfa', body: await sendChallenge(user, origin) };
    }
    return { kind: 'tokens', tokens: await openSession(user, origin, method === 'legacy_windows' ? 'login_legacy_windows' : 'login_trusted_proxy') };
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

  async function authenticateBearer(token: string): Promise<Authenticated> {
    const verified = await verifyAccessToken(settings.jwtSecret, token, clock.now());
    if (!verified.ok) {
      throw unauthenticated(verified.reason === 'expired' ? 'Jeton expiré : renouvelez-le ou reconnectez-vous.' : 'Jeton invalide : reconnectez-vous.');
    }
    const auth = liveSession(repo.sessionById(verified.claims.sid));
    if (String(auth.user.id) !== verified.claims.sub) {
      throw unauthenticated('Jeton invalide : reconnectez-vous.');
    }
    return auth;
  }

  function authenticateRefreshToken(token: string): Authenticated {
    return liveSession(repo.sessionByRefreshHash(sha256(token)));
  }

  /** A new access token and a new refresh token (the old one stops working); the session is extended. */
  async function refresh(token: string, origin: RequestOrigin): Promise<IssuedTokens> {
    const auth = authenticateRefreshToken(token);
    const refreshToken = newRefreshToken();
    const at = clock.now();
    const session: SessionRow = { ...auth.session, refresh_token_hash: sha256(refreshToken), last_activity: iso(at), expires_at: iso(at + settings.sessionDays * dayMs), ip: origin.ip ?? auth.session.ip };
    repo.updateSession(session.id, { refresh_token_hash: session.refresh_token_hash, last_activity: session.last_activity, expires_at: session.expires_at, ip: session.ip });
    return issueTokens(auth.user, session, refreshToken);
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
    },
    iso,
    roleOf,
    hashNewPassword,
    revoke,
    login,
    loginWithoutPassword,
    completeMfa,
    refresh,
    logout,
    changePassword,
    authenticateBearer,
    authenticateRefreshToken,
    /** Called with the ids of revoked sessions (kick, logout, deactivation…); returns the unsubscribe. */
    onSessionsRevoked(listener: (sessionIds: string[]) => void): () => void {
      revokeListeners.add(listener);
      return () => revokeListeners.delete(listener);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
