import { createReplicationFetch } from '../auth/replication-fetch';
import { session } from '../auth/session';
import { createAdminApi, type AdminApi } from './admin-api';

// The replication's fetch: waits for a token when there is none yet, renews it once after a 401.
export const adminApi: AdminApi = createAdminApi({ fetch: createReplicationFetch({ session }), authHeaders: () => session.authHeaders() });
