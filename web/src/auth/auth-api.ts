import {
  loginResponseSchema,
  successResponseSchema,
  tokenResponseSchema,
  type LoginResponse,
  type TokenResponse,
} from '@relais/schema';
import { createJsonClient, unexpectedAnswer } from '../ui/json-client';

/** The server's sign-in routes (TomatoPlan's paths), as the PWA calls them: JSON, same origin, with cookies. */
export interface AuthApi {
  login(username: string, password: string): Promise<LoginResponse>;
  completeMfa(challengeId: string, code: string): Promise<TokenResponse>;
  /** Renews the access token with the httpOnly refresh cookie (and rotates it). */
  refresh(): Promise<TokenResponse>;
  changePassword(accessToken: string, currentPassword: string, newPassword: string): Promise<void>;
  logout(accessToken: string | undefined): Promise<void>;
}

/** What the PWA needs of a zod schema of `@relais/schema` (the web app does not depend on zod itself). */
interface ResponseSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

export function createAuthApi(baseUrl = '', doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): AuthApi {
  const client = createJsonClient({ fetch: doFetch, baseUrl, credentials: 'include' });

  async function call<T>(path: string, schema: ResponseSchema<T>, body: unknown, accessToken?: string): Promise<T> {
    const headers: Record<string, string> = accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` };
    const parsed = schema.safeParse(await client.read('POST', `/auth/${path}`, { body, headers }));
    if (!parsed.success) {
      throw unexpectedAnswer(`/auth/${path}`);
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
