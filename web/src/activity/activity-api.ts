import { activityListResponseSchema, type ActivityListResponse } from '@relais/schema';
import { errorBodySchema } from '@relais/sync-protocol';
import type { ActivityFilters } from './activity-query';
import { activityQueryString } from './activity-query';

/** A refused or failed read of the log: the server's error code (`NETWORK` when it was not reached). */
export class ActivityRequestError extends Error {
  constructor(
    readonly code: string,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ActivityRequestError';
  }
}

/** What `GET /admin/security` answers that the page shows: the risky sign-in modes switched on. */
export interface SecurityReport {
  risks: string[];
}

export interface ActivityApi {
  list(filters: ActivityFilters, offset: number, signal?: AbortSignal): Promise<ActivityListResponse>;
  security(signal?: AbortSignal): Promise<SecurityReport>;
}

export interface ActivityApiOptions {
  /** Sends the request with the session's token (renewing it after a 401). */
  fetch: typeof fetch;
  /** The `authorization` header of the current token, if any. */
  authHeaders: () => Record<string, string>;
  baseUrl?: string;
}

const requestTimeoutMs = 15_000;

async function failureOf(response: Response): Promise<ActivityRequestError> {
  const text = await response.text().catch(() => '');
  try {
    const body = errorBodySchema.parse(JSON.parse(text));
    return new ActivityRequestError(body.error.code, response.status, body.detail ?? body.error.message);
  } catch {
    return new ActivityRequestError('HTTP_ERROR', response.status, text.slice(0, 200) || response.statusText);
  }
}

/** Reads `risks` from the security report, checking its shape (the PWA does not depend on zod). */
export function securityReportOf(body: unknown): SecurityReport | undefined {
  if (typeof body !== 'object' || body === null || !('risks' in body) || !Array.isArray(body.risks)) {
    return undefined;
  }
  const risks: unknown[] = body.risks;
  return risks.every((risk): risk is string => typeof risk === 'string') ? { risks } : undefined;
}

/** The server's read-only administration routes the activity page calls (`view_sauron`, `admin_access`). */
export function createActivityApi({ fetch: doFetch, authHeaders, baseUrl = '' }: ActivityApiOptions): ActivityApi {
  async function get(path: string, signal: AbortSignal | undefined): Promise<unknown> {
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        headers: { accept: 'application/json', ...authHeaders() },
        cache: 'no-store',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      throw new ActivityRequestError('NETWORK', 0, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      throw await failureOf(response);
    }
    return response.json().catch(() => undefined);
  }

  return {
    async list(filters, offset, signal) {
      const parsed = activityListResponseSchema.safeParse(await get(`/admin/logs?${activityQueryString(filters, offset)}`, signal));
      if (!parsed.success) {
        throw new ActivityRequestError('HTTP_ERROR', 200, 'réponse inattendue de /admin/logs');
      }
      return parsed.data;
    },
    async security(signal) {
      const report = securityReportOf(await get('/admin/security', signal));
      if (!report) {
        throw new ActivityRequestError('HTTP_ERROR', 200, 'réponse inattendue de /admin/security');
      }
      return report;
    },
  };
}
