import { createReplicationFetch } from '../../auth/replication-fetch';
import { session } from '../../auth/session';
import { createInvoicingApi, type InvoicingApi } from './invoicing-api';

// The replication's fetch: waits for a token when there is none yet, renews it once after a 401.
export const invoicingApi: InvoicingApi = createInvoicingApi({ fetch: createReplicationFetch({ session }), authHeaders: () => session.authHeaders() });
