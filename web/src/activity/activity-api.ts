import { activityListResponseSchema, type ActivityListResponse } from '@relais/schema';
import type { ActivityFilters } from './activity-query';
import { activityQueryString } from './activity-query';
import { createJsonClient, unexpectedAnswer, type ApiOptions } from '../ui/json-client';

/** What `GET /admin/security` answers that the page shows: the risky sign-in modes switched on. */
export interface SecurityReport {
  risks: string[];
}

export interface ActivityApi {
  list(filters: ActivityFilters, offset: number, signal?: AbortSignal): Promise<ActivityListResponse>;
  security(signal?: AbortSignal): Promise<SecurityReport>;
}

export type ActivityApiOptions = ApiOptions;

/** Reads `risks` from the security report, checking its shape (the PWA does not depend on zod). */
export function securityReportOf(body: unknown): SecurityReport | undefined {
  if (typeof body !== 'object' || body === null || !('risks' in body) || !Array.isArray(body.risks)) {
    return undefined;
  }
  const risks: unknown[] = body.risks;
  return risks.every((risk): risk is string => typeof risk === 'string') ? { risks } : undefined;
}

/** The server's read-only administration routes the activity page calls (`view_sauron`, `admin_access`). */
export function createActivityApi(options: ActivityApiOptions): ActivityApi {
  const client = createJsonClient(options);
  const get = (path: string, signal: AbortSignal | undefined): Promise<unknown> => client.read('GET', path, signal ? { signal } : {});

  return {
    async list(filters, offset, signal) {
      const parsed = activityListResponseSchema.safeParse(await get(`/admin/logs?${activityQueryString(filters, offset)}`, signal));
      if (!parsed.success) {
        throw unexpectedAnswer('/admin/logs');
      }
      return parsed.data;
    },
    async security(signal) {
      const report = securityReportOf(await get('/admin/security', signal));
      if (!report) {
        throw unexpectedAnswer('/admin/security');
      }
      return report;
    },
  };
}
