import type { ActivityListResponse } from '@relais/schema';
import { useEffect, useState } from 'react';
import { createReplicationFetch } from '../auth/replication-fetch';
import { session } from '../auth/session';
import { logger } from '../ui/logger';
import { createActivityApi } from './activity-api';
import { activityQueryString, type ActivityFilters } from './activity-query';
import { RequestError } from '../ui/json-client';

// The replication's fetch: waits for a token when there is none yet, renews it once after a 401.
const api = createActivityApi({ fetch: createReplicationFetch({ session }), authHeaders: () => session.authHeaders() });


export type ActivityLogState =
  | { status: 'offline' }
  /** `previous`: the page shown before, kept on screen while the next one loads. */
  | { status: 'loading'; previous: ActivityListResponse | undefined }
  | { status: 'ready'; data: ActivityListResponse }
  | { status: 'error'; code: string };

type Outcome = { ok: true; data: ActivityListResponse } | { ok: false; code: string };

function codeOf(error: unknown): string {
  return error instanceof RequestError ? error.code : 'UNKNOWN';
}

/** One page of the log for these filters, read again when `attempt` changes or the network comes back. */
export function useActivityLog(filters: ActivityFilters, offset: number, online: boolean, attempt: number): ActivityLogState {
  const key = `${activityQueryString(filters, offset)}#${attempt}`;
  const [result, setResult] = useState<{ key: string; outcome: Outcome } | null>(null);
  const [lastData, setLastData] = useState<ActivityListResponse | undefined>(undefined);

  useEffect(() => {
    if (!online) {
      return undefined;
    }
    const requested = `${activityQueryString(filters, offset)}#${attempt}`;
    const controller = new AbortController();
    api.list(filters, offset, controller.signal).then(
      (data) => {
        setResult({ key: requested, outcome: { ok: true, data } });
        setLastData(data);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          logger.warn('lecture du journal d’activité impossible', error);
          setResult({ key: requested, outcome: { ok: false, code: codeOf(error) } });
        }
      },
    );
    return () => controller.abort();
  }, [filters, offset, attempt, online]);

  if (!online) {
    return { status: 'offline' };
  }
  if (result === null || result.key !== key) {
    return { status: 'loading', previous: lastData };
  }
  return result.outcome.ok ? { status: 'ready', data: result.outcome.data } : { status: 'error', code: result.outcome.code };
}

/** The risks `GET /admin/security` reports, for an administrator (`enabled`); none otherwise or on failure. */
export function useSecurityRisks(enabled: boolean, online: boolean): readonly string[] {
  const [risks, setRisks] = useState<readonly string[]>([]);
  const active = enabled && online;

  useEffect(() => {
    if (!active) {
      return undefined;
    }
    const controller = new AbortController();
    api.security(controller.signal).then(
      (report) => setRisks(report.risks),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          logger.warn('lecture des risques de sécurité impossible', error);
        }
      },
    );
    return () => controller.abort();
  }, [active]);

  return active ? risks : [];
}
