/**
 * The server's sign-in routes called straight from a test (TomatoPlan's API shapes), for what the
 * browser does not do itself: reading the server's state independently, creating users.
 */

interface TokenBody {
  access_token: string;
  must_change_password: boolean;
  user: { id: number; username: string; role: string };
}

async function post(baseUrl: string, path: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST ${path} : HTTP ${response.status} ${text}`);
  }
  return JSON.parse(text) as unknown;
}

/** Signs in without MFA and returns the access token (its session is separate from the browser's). */
export async function signInApi(baseUrl: string, username: string, password: string): Promise<TokenBody> {
  const body = (await post(baseUrl, '/auth/login', { username, password, hostname: 'e2e' })) as Partial<TokenBody> & { mfa_required?: boolean };
  if (body.mfa_required || typeof body.access_token !== 'string') {
    throw new Error(`signInApi(${username}) : pas de jeton (${JSON.stringify(body)})`);
  }
  return body as TokenBody;
}

export async function changePasswordApi(baseUrl: string, token: string, currentPassword: string, newPassword: string): Promise<void> {
  await post(baseUrl, '/auth/change-password', { current_password: currentPassword, new_password: newPassword }, token);
}

export interface CreatedUser {
  id: number;
  username: string;
  temp_password: string;
}

/** `POST /admin/users` as an administrator: the user and a one-time password. */
export async function createUserApi(
  baseUrl: string,
  adminToken: string,
  user: { username: string; display_name: string; role_name: string; email?: string; mfa_enabled?: boolean },
): Promise<CreatedUser> {
  return (await post(baseUrl, '/admin/users', { is_active: true, ...user }, adminToken)) as CreatedUser;
}
