import {
  loginResponseSchema,
  successResponseSchema,
  tokenResponseSchema,
  type LoginResponse,
  type TokenResponse,
} from '@relais/schema';
import { errorBodySchema } from '@relais/sync-protocol';

/** A refused or failed call to `/auth/*`: the server's code (`NETWORK` when it was not reached). */
export class AuthApiError extends Error {
  constructor(
    readonly code: string,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AuthApiError';
  }
}

/** The server's sign-in routes (TomatoPlan's paths), as the PWA calls them: JSON, same origin, with cookies. */
export interface AuthApi {
  login(username: string, password: string): Promise<LoginResponse>;
  completeMfa(challengeId: string, code: string): Promise<TokenResponse>;
  /** Renews the access token with the httpOnly refresh cookie (and rotates it). */
  refresh(): Promise<TokenResponse>;
  changePassword(accessToken: string, currentPassword: string, newPassword: string): Promise<void>;
  logout(accessToken: string | undefined): Promise<void>;
}

const requestTimeoutMs = 15_000;

/** What the PWA needs of a zod schema of `@relais/schema` (the web app does not depend on zod itself). */
interface ResponseSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

async function failureOf(response: Response): Promise<AuthApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = errorBodySchema.parse(JSON.parse(text));
    return new AuthApiError(body.error.code, response.status, body.detail ?? body.error.message, body.error.details);
  } catch {
    return new AuthApiError('HTTP_ERROR', response.status, text.slice(0, 200) || response.statusText);
  }
}

export function createAuthApi(baseUrl = '', doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): AuthApi {
  async function call<T>(path: string, schema: ResponseSchema<T>, body: unknown, accessToken?: string): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (accessToken !== undefined) {
      headers.authorization = `Bearer ${accessToken}`;
    }
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/auth/${path}`, {
        method: 'POST',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'include',
        cache: 'no-store',
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (error) {
      throw new AuthApiError('NETWORK', 0, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      throw await failureOf(response);
    }
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new AuthApiError('HTTP_ERROR', response.status, `réponse inattendue de /auth/${path}`);
    }
    return parsed.data;
  }

  return {
    login: (username, password) => call('login', loginResponseSchema, { username, password }),
    completeMfa: (challengeId, code) => call('mfa', tokenResponseSchema, { challenge_id: challengeId, code }),
    refresh: () => call('refresh', tokenResponseSchema, undefined),
    async changePassword(accessToken, currentPassword, newPassword) {
      await call('change-password', successResponseSchema, { current_password: currentPassword, new_password: newPassword }, accessToken);
    },
    async logout(accessToken) {
      await call('logout', successResponseSchema, undefined, accessToken);
    },
  };
}
