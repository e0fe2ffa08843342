import { createReplicationFetch } from '../auth/replication-fetch';
import { session } from '../auth/session';
import { createAnnoncesApi, type AnnoncesApi } from './annonces-api';

// The replication's fetch: waits for a token when there is none yet, renews it once after a 401.
export const annoncesApi: AnnoncesApi = createAnnoncesApi({ fetch: createReplicationFetch({ session }), authHeaders: () => session.authHeaders() });
