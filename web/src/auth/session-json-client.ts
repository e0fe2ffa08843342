import { createJsonClient, type JsonClient, type JsonClientOptions } from '../ui/json-client';
import { createReplicationFetch } from './replication-fetch';
import { session } from './session';

/**
 * A JSON client on the signed-in session: the replication's fetch (waits for a token when there is
 * none yet, renews it once after a 401) and the current token's header. It lives beside the session
 * rather than in `ui/json-client.ts`, which the session's own sign-in client imports.
 */
export function sessionJsonClient(baseUrl = '', timeoutMs?: JsonClientOptions['timeoutMs']): JsonClient {
  return createJsonClient({
    fetch: createReplicationFetch({ session }),
    authHeaders: () => session.authHeaders(),
    baseUrl,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}
