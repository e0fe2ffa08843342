import type { Permission } from '@relais/domain';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../http/errors';
import { bearerToken, refreshCookie } from './http';
import type { Authenticated, AuthService } from './service';

/** The Hono environment of authenticated routes: `c.get('auth')` is the signed-in user. */
export interface AuthEnv {
  Variables: { auth: Authenticated };
}

export interface RequireAuthOptions {
  /**
   * Also accept the refresh cookie's session when there is no Bearer header: for EventSource
   * (which sends no headers) and other GET routes only, as a cookie rides along cross-site forms.
   */
  cookie?: boolean;
  /** Let through a user who still has to change a one-time password (the password change itself, `me`, logout). */
  allowPasswordChange?: boolean;
}

/**
 * Who is calling: the Bearer token's session, or (with `cookie`) the refresh cookie's. Refuses a
 * tampered or expired token and a revoked or expired session, so a kicked session fails on its
 * next request. For routes outside Hono middleware chains (e.g. replication streams).
 */
export async function authenticateRequest(auth: AuthService, c: Context, options: RequireAuthOptions = {}): Promise<Authenticated> {
  const token = bearerToken(c);
  let authenticated: Authenticated;
  if (token !== undefined) {
    authenticated = await auth.authenticateBearer(token);
  } else {
    const cookie = options.cookie ? refreshCookie(c) : undefined;
    if (cookie === undefined) {
      throw new ApiError('UNAUTHENTICATED', 'Authentification requise : connectez-vous.');
    }
    authenticated = auth.authenticateRefreshToken(cookie);
  }
  if (authenticated.user.must_change_password && !options.allowPasswordChange) {
    throw new ApiError('PASSWORD_CHANGE_REQUIRED', 'Changez votre mot de passe provisoire avant de continuer.');
  }
  return authenticated;
}

/** Refuses with 403 and a French `detail` unless the signed-in user holds the permission. */
export function assertPermission(authenticated: Authenticated, permission: Permission): void {
  if (!authenticated.permissions[permission]) {
    throw new ApiError('FORBIDDEN', `Accès refusé : il vous faut le droit « ${permission} ».`, { permission });
  }
}

/** Middlewares bound to one auth service: `requireAuth()` and `requirePermission('view_sauron')`. */
export function authMiddleware(auth: AuthService) {
  function requireAuth(options: RequireAuthOptions = {}): MiddlewareHandler<AuthEnv> {
    return createMiddleware<AuthEnv>(async (c, next) => {
      c.set('auth', await authenticateRequest(auth, c, options));
      await next();
    });
  }

  function requirePermission(permission: Permission, options: RequireAuthOptions = {}): MiddlewareHandler<AuthEnv> {
    return createMiddleware<AuthEnv>(async (c, next) => {
      const authenticated = await authenticateRequest(auth, c, options);
      assertPermission(authenticated, permission);
      c.set('auth', authenticated);
      await next();
    });
  }

  return { requireAuth, requirePermission };
}

export type AuthMiddleware = ReturnType<typeof authMiddleware>;
