import { ApiError, tooManyRequests } from '../http/errors';
import type { Logger } from '../logger';
import { verifyPassword } from './password';
import type { AuthRepository, RequestOrigin, UserRow } from './repository';
import type { AuthSettings, Clock, LoginResult, WindowsSignIn } from './service';
import { createPhantomLocks, createProgressiveDelays, createSignInLimiter, defaultSignInLimits, isThrottled, type Throttled } from './sign-in-limits';
import { normalizeUsername } from './username';

export const maxFailedAttempts = 5;
export const lockMinutes = 15;
const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

/** Refusals that count as a failed attempt for the rate limits. */
const failureCodes = new Set<string>(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'TOO_MANY_REQUESTS']);

export interface SignInDeps {
  repo: AuthRepository;
  settings: AuthSettings;
  logger: Logger;
  clock: Clock;
  iso: (ms?: number) => string;
  hashNewPassword: (password: string) => Promise<string>;
  /** What follows a good password (or a trusted Windows identity): the deactivation check, the e-mailed code or the session. */
  admit: (user: UserRow, origin: RequestOrigin, action: 'login' | 'login_legacy_windows' | 'login_trusted_proxy') => Promise<LoginResult>;
}

function minutesLabel(minutes: number): string {
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

function waitLabel(seconds: number): string {
  return seconds < 60 ? `${seconds} seconde${seconds > 1 ? 's' : ''}` : minutesLabel(Math.ceil(seconds / 60));
}

/** The same answer for a wrong password and an unknown user: nothing tells which accounts exist. */
function invalidCredentials(): ApiError {
  return new ApiError('INVALID_CREDENTIALS', 'Identifiant ou mot de passe incorrect.');
}

function accountLocked(remainingMs: number, lockedUntil: string): ApiError {
  const minutes = Math.max(1, Math.ceil(remainingMs / minuteMs));
  return new ApiError('ACCOUNT_LOCKED', `Compte verrouillé pour ${minutesLabel(minutes)} après ${maxFailedAttempts} échecs de connexion.`, {
    locked_until: lockedUntil,
    retry_after_minutes: minutes,
  });
}

/**
 * Password sign-in and its brakes:
 * - every attempt counts before its password is checked (one `UPDATE … RETURNING`), so parallel
 *   guesses cannot outrun the lock; 5 failures lock an account for 15 minutes, the right password
 *   included, and unknown usernames lock the same way in memory;
 * - failures per client address and per username are limited (429 with `Retry-After`);
 * - a system administrator is never locked: each address that fails on that account waits longer and
 *   longer, other addresses still sign in, and the per-username limit spares addresses he signed in from.
 */
export function createSignIn({ repo, settings, logger, clock, iso, hashNewPassword, admit }: SignInDeps) {
  const limiter = createSignInLimiter(settings.signInLimits ?? defaultSignInLimits, clock);
  const adminDelays = createProgressiveDelays(maxFailedAttempts, clock);
  const phantomLocks = createPhantomLocks(maxFailedAttempts, lockMinutes * minuteMs, clock);
  let dummyHash: Promise<string> | undefined;

  function logThrottled(throttled: Throttled, username: string, origin: RequestOrigin, scope: string): void {
    if (throttled.first) {
      repo.logEvent({ at: iso(), actor: username, action: 'login_throttled', target: username, origin, details: { scope, retry_after_seconds: throttled.retryAfterSeconds } });
      logger.warn({ username, ip: origin.ip, scope, retryAfterSeconds: throttled.retryAfterSeconds }, 'connexions retenues : trop d’échecs');
    }
  }

  /** Runs one attempt under the rate limits: refused with 429 before anything else when over them; a failure counts. */
  async function limited(username: string, user: UserRow | undefined, origin: RequestOrigin, run: () => Promise<LoginResult>): Promise<LoginResult> {
    const since = iso(clock.now() - settings.sessionDays * dayMs);
    const knownAdminAddress = user?.is_system_admin === true && origin.ip !== null && repo.hasSessionFrom(user.id, origin.ip, since);
    const attempt = limiter.begin(origin.ip ?? 'inconnue', username, knownAdminAddress);
    if (isThrottled(attempt)) {
      logThrottled(attempt, username, origin, 'limit');
      throw tooManyRequests(`Trop de tentatives de connexion : réessayez dans ${waitLabel(attempt.retryAfterSeconds)}.`, attempt.retryAfterSeconds);
    }
    let failed = false;
    try {
      return await run();
    } catch (error) {
      failed = error instanceof ApiError && failureCodes.has(error.code);
      throw error;
    } finally {
      attempt.end(failed);
    }
  }

  async function unknownUser(username: string, password: string, origin: RequestOrigin): Promise<never> {
    const lock = phantomLocks.attempt(username);
    if (lock.lockedUntil !== null && !lock.justLocked) {
      repo.logEvent({ at: iso(), actor: username, action: 'login_locked', target: username, origin, details: { reason: 'unknown_user' } });
      throw accountLocked(lock.lockedUntil - clock.now(), iso(lock.lockedUntil));
    }
    dummyHash ??= hashNewPassword('Relais-factice-1');
    await verifyPassword(password, await dummyHash);
    repo.logEvent({ at: iso(), actor: username, action: 'login_failed', target: username, origin, details: { reason: 'unknown_user' } });
    logger.warn({ username, ip: origin.ip, hostname: origin.hostname }, 'connexion refusée : utilisateur inconnu');
    throw lock.lockedUntil === null ? invalidCredentials() : accountLocked(lockMinutes * minuteMs, iso(lock.lockedUntil));
  }

  async function systemAdmin(user: UserRow, passwordHash: string, password: string, origin: RequestOrigin): Promise<LoginResult> {
    const key = `${user.id}|${origin.ip ?? 'inconnue'}`;
    const step = adminDelays.begin(key);
    if (isThrottled(step)) {
      logThrottled(step, user.username, origin, 'system_admin_address');
      throw tooManyRequests(`Trop d’échecs de connexion depuis cette adresse : réessayez dans ${waitLabel(step.retryAfterSeconds)}.`, step.retryAfterSeconds);
    }
    if (!(await verifyPassword(password, passwordHash))) {
      repo.logEvent({ at: iso(), actor: user.username, action: 'login_failed', target: user.username, origin, details: { reason: 'bad_password', attempts_from_address: step.failures } });
      logger.warn({ username: user.username, attempts: step.failures, ip: origin.ip, hostname: origin.hostname }, 'connexion refusée : mot de passe incorrect (administrateur système)');
      throw invalidCredentials();
    }
    adminDelays.succeeded(key);
    return admit(user, origin, 'login');
  }

  async function checkPassword(username: string, user: UserRow | undefined, password: string, origin: RequestOrigin): Promise<LoginResult> {
    if (!user || user.password_hash === null) {
      return unknownUser(username, password, origin);
    }
    if (user.is_system_admin) {
      return systemAdmin(user, user.password_hash, password, origin);
    }
    const now = clock.now();
    const counted = repo.countSignInAttempt(user.id, iso(now), maxFailedAttempts, iso(now + lockMinutes * minuteMs));
    if (!counted) {
      const lockedUntil = repo.userById(user.id)?.locked_until ?? iso(now);
      repo.logEvent({ at: iso(now), actor: username, action: 'login_locked', target: username, origin });
      throw accountLocked(Date.parse(lockedUntil) - now, lockedUntil);
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      const attempts = counted.failed_attempts;
      repo.logEvent({ at: iso(), actor: username, action: 'login_failed', target: username, origin, details: { reason: 'bad_password', attempts } });
      logger.warn({ username, attempts, ip: origin.ip, hostname: origin.hostname }, 'connexion refusée : mot de passe incorrect');
      if (counted.locked_until !== null) {
        repo.logEvent({ at: iso(), actor: username, action: 'account_locked', target: username, origin, details: { minutes: lockMinutes } });
        throw accountLocked(lockMinutes * minuteMs, counted.locked_until);
      }
      throw invalidCredentials();
    }
    // The right password: the attempt counted above is not a failure.
    repo.updateUser(user.id, { failed_attempts: 0, locked_until: null });
    return admit(user, origin, 'login');
  }

  async function login(rawUsername: string, password: string, origin: RequestOrigin): Promise<LoginResult> {
    const username = normalizeUsername(rawUsername);
    const user = repo.userByUsername(username);
    return limited(username, user, origin, () => checkPassword(username, user, password, origin));
  }

  /**
   * Windows sign-in without a password (opt-in, see `windows.ts` for who may use it): only for an
   * existing, active user, always logged, and still with the e-mailed code when the user needs one.
   */
  async function loginWithoutPassword(rawUsername: string, origin: RequestOrigin, method: WindowsSignIn): Promise<LoginResult> {
    const username = normalizeUsername(rawUsername);
    const user = repo.userByUsername(username);
    return limited(username, user, origin, async () => {
      const now = clock.now();
      if (!user || !user.is_active) {
        repo.logEvent({ at: iso(now), actor: username, action: 'login_failed', target: username, origin, details: { reason: user ? 'inactive' : 'unknown_user', method } });
        logger.warn({ username, ip: origin.ip, method }, 'connexion Windows refusée : utilisateur inconnu ou désactivé');
        throw new ApiError('INVALID_CREDENTIALS', 'Utilisateur Windows inconnu ou désactivé dans Relais.');
      }
      if (!user.is_system_admin && user.locked_until !== null && Date.parse(user.locked_until) > now) {
        throw new ApiError('ACCOUNT_LOCKED', 'Compte verrouillé après des échecs de connexion : réessayez plus tard.', { locked_until: user.locked_until });
      }
      logger.warn({ username, ip: origin.ip, hostname: origin.hostname, method }, 'connexion Windows sans mot de passe');
      return admit(user, origin, method === 'legacy_windows' ? 'login_legacy_windows' : 'login_trusted_proxy');
    });
  }

  return { login, loginWithoutPassword };
}
