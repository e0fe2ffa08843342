import { errorBodySchema } from '@relais/sync-protocol';
import type { SessionStore } from './session-store';

type SessionPart = Pick<SessionStore, 'renewAfterUnauthorized' | 'requirePasswordChange'>;

export interface ReplicationFetchOptions {
  session: SessionPart;
  fetch?: typeof fetch;
}

function bearerOf(headers: HeadersInit | undefined): string | undefined {
  const value = new Headers(headers).get('authorization');
  const match = value === null ? null : /^Bearer\s+(\S+)$/i.exec(value);
  return match?.[1];
}

function withBearer(init: RequestInit | undefined, token: string): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

async function codeOf(response: Response): Promise<string | undefined> {
  try {
    return errorBodySchema.parse(await response.clone().json()).error.code;
  } catch {
    return undefined;
  }
}

/**
 * The `fetch` of the replication: a request without a token (the app opened offline, or its first
 * renewal is under way) waits for one, and is not sent without one; a request refused with 401 (expired or revoked token) is
 * retried once with a renewed token; a 403 asking for a password change sends the user to the
 * password form.
 */
export function createReplicationFetch({ session, fetch: doFetch = globalThis.fetch.bind(globalThis) }: ReplicationFetchOptions): typeof fetch {
  return async (input, init) => {
    let sent = init;
    let used = bearerOf(init?.headers);
    if (used === undefined) {
      // No token yet (opened offline, or the first renewal is under way): get one rather than be refused.
      used = await session.renewAfterUnauthorized(undefined);
      if (used === undefined) {
        // None to be had now (offline, the renewal failed): not sent, so no burst of 401s reaches the
        // server; the replication takes it as a network failure and retries once the session is renewed.
        throw new TypeError('requête de réplication différée : session pas encore renouvelée');
      }
      sent = withBearer(init, used);
    }
    let response = await doFetch(input, sent);
    if (response.status === 401) {
      const renewed = await session.renewAfterUnauthorized(used);
      if (renewed !== undefined && renewed !== used) {
        response = await doFetch(input, withBearer(init, renewed));
      }
    }
    if (response.status === 403 && (await codeOf(response)) === 'PASSWORD_CHANGE_REQUIRED') {
      session.requirePasswordChange();
    }
    return response;
  };
}
