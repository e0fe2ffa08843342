import { changePasswordRequestSchema, loginRequestSchema, mfaRequestSchema, refreshRequestSchema, type MeResponse, type SuccessResponse } from '@relais/schema';
import { Hono, type Context } from 'hono';
import { ApiError } from '../http/errors';
import { noStore } from '../http/secure-headers';
import { bearerToken, clearRefreshCookie, parseBody, refreshCookie, requestOrigin, setRefreshCookie } from './http';
import { authMiddleware, type AuthEnv } from './middleware';
import type { Authenticated, AuthService, IssuedTokens } from './service';
import { windowsSignIn } from './windows';

function answerTokens(c: Context, auth: AuthService, tokens: IssuedTokens, withRefreshToken = false): Response {
  setRefreshCookie(c, tokens, auth.clock.now(), auth.fromTrustedProxy);
  return c.json(withRefreshToken && tokens.refreshToken !== undefined ? { ...tokens.body, refresh_token: tokens.refreshToken } : tokens.body);
}

/** The session a sign-out closes: the Bearer token's, else the cookie's (an expired token still signs out). */
async function sessionToClose(auth: AuthService, c: Context): Promise<Authenticated | undefined> {
  const token = bearerToken(c);
  if (token !== undefined) {
    try {
      return await auth.authenticateBearer(token);
    } catch {
      // Fall back to the cookie.
    }
  }
  const cookie = refreshCookie(c);
  if (cookie === undefined) {
    return undefined;
  }
  try {
    return auth.authenticateRefreshToken(cookie);
  } catch {
    return undefined;
  }
}

/** TomatoPlan's sign-in routes: login (with the e-mailed code step), refresh, logout, me, password. */
export function authRoutes(auth: AuthService): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requireAuth } = authMiddleware(auth);
  const windows = windowsSignIn(auth.settings, auth.logger);
  const origin = (c: Context, hostname?: string | null) => requestOrigin(c, auth.fromTrustedProxy, hostname);
  // Tokens, sessions and the user's own data: never kept by a browser or a proxy cache.
  app.use('*', noStore());

  app.post('/login', async (c) => {
    const body = await parseBody(c, loginRequestSchema);
    const from = origin(c, body.hostname);
    const { password } = body;
    let result;
    if (password === undefined) {
      const identity = windows.identify(c, body.username);
      result = await auth.loginWithoutPassword(identity.username, from, identity.method);
    } else {
      result = await auth.login({ ...body, password }, from);
    }
    return result.kind === 'mfa' ? c.json(result.body) : answerTokens(c, auth, result.tokens);
  });

  app.post('/mfa', async (c) => {
    const body = await parseBody(c, mfaRequestSchema);
    return answerTokens(c, auth, await auth.completeMfa(body, origin(c)));
  });

  app.post('/refresh', async (c) => {
    const cookie = refreshCookie(c);
    // A body is optional: the PWA sends only its cookie.
    const text = await c.req.text();
    let fromBody: string | undefined;
    if (text.trim() !== '') {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ApiError('BAD_REQUEST', 'Corps de requête JSON invalide');
      }
      const parsed = refreshRequestSchema.safeParse(json);
      fromBody = parsed.success ? parsed.data.refresh_token : undefined;
    }
    const token = fromBody ?? cookie;
    const bearer = bearerToken(c);
    if (token === undefined && bearer !== undefined) {
      // TomatoPlan's clients renew with their Bearer token only: a new access token for the same session.
      return answerTokens(c, auth, await auth.renewAccess(await auth.authenticateBearer(bearer)));
    }
    if (token === undefined) {
      throw new ApiError('UNAUTHENTICATED', 'Aucune session à renouveler : connectez-vous.');
    }
    try {
      return answerTokens(c, auth, await auth.refresh(token, origin(c)), fromBody !== undefined);
    } catch (error) {
      if (fromBody === undefined) {
        clearRefreshCookie(c, auth.fromTrustedProxy);
      }
      throw error;
    }
  });

  app.post('/logout', async (c) => {
    if (bearerToken(c) === undefined && refreshCookie(c) === undefined) {
      throw new ApiError('UNAUTHENTICATED', 'Aucune session à fermer : connectez-vous.');
    }
    const closing = await sessionToClose(auth, c);
    if (closing) {
      auth.logout(closing, origin(c, closing.session.hostname));
    }
    clearRefreshCookie(c, auth.fromTrustedProxy);
    return c.json({ success: true, message: 'Déconnexion réussie' } satisfies SuccessResponse);
  });

  app.get('/me', requireAuth({ allowPasswordChange: true }), (c) => {
    const { user, role, permissions } = c.get('auth');
    return c.json({
      id: user.id,
      username: user.username,
      display_name: user.display_name,
      email: user.email,
      role,
      is_system_admin: user.is_system_admin,
      must_change_password: user.must_change_password,
      mfa_enabled: user.mfa_enabled,
      permissions,
    } satisfies MeResponse);
  });

  app.post('/change-password', requireAuth({ allowPasswordChange: true }), async (c) => {
    const body = await parseBody(c, changePasswordRequestSchema);
    const authenticated = c.get('auth');
    await auth.changePassword(authenticated, body, origin(c, authenticated.session.hostname));
    return c.json({ success: true, message: 'Mot de passe modifié' } satisfies SuccessResponse);
  });

  return app;
}
