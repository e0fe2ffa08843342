import type { ActivityEntry, ActivityListResponse, ActivityQuery } from '@relais/schema';
import type { Db } from '../db/client';
import { normalizeUsername } from './username';

interface EntryRow {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  collection: string;
  document_id: string | null;
  source: string;
  hostname: string | null;
  ip: string | null;
  details: string | null;
}

/**
 * The activity log as one list: document writes (`activity_log`) and identity events (`auth_events`,
 * shown with the collection `auth`), newest first. Read-only: no route edits or deletes either table.
 */
const unionSql = `
  SELECT 'data:' || id AS id, id AS num, at, actor, action, collection, document_id, source,
         hostname, ip, details
    FROM activity_log
  UNION ALL
  SELECT 'auth:' || id AS id, id AS num, at, actor, action, 'auth' AS collection, target AS document_id, 'auth' AS source,
         hostname, ip, details
    FROM auth_events`;

function parseDetails(details: string | null): unknown {
  if (details === null) {
    return null;
  }
  try {
    return JSON.parse(details) as unknown;
  } catch {
    return details;
  }
}

/** A date alone as `to` means the whole of that day. */
function endOf(to: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to;
}

export function createActivityReader(db: Db) {
  const sqlite = db.$client;

  return {
    list(query: ActivityQuery): ActivityListResponse {
      const conditions: string[] = [];
      const params: (string | number)[] = [];
      const filters: [string, string | undefined][] = [
        ['actor = ?', query.user === undefined ? undefined : normalizeUsername(query.user)],
        ['collection = ?', query.collection],
        ['action = ?', query.action],
        ['at >= ?', query.from],
        ['at <= ?', query.to === undefined ? undefined : endOf(query.to)],
      ];
      for (const [condition, value] of filters) {
        if (value !== undefined) {
          conditions.push(condition);
          params.push(value);
        }
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const total = sqlite.prepare<(string | number)[], { total: number }>(`SELECT count(*) AS total FROM (${unionSql}) ${where}`).get(...params)?.total ?? 0;
      const rows = sqlite
        .prepare<(string | number)[], EntryRow>(`SELECT id, at, actor, action, collection, document_id, source, hostname, ip, details
             FROM (${unionSql}) ${where} ORDER BY at DESC, num DESC LIMIT ? OFFSET ?`)
        .all(...params, query.limit, query.offset);
      return { entries: rows.map((row): ActivityEntry => ({ ...row, details: parseDetails(row.details) })), total };
    },
  };
}

export type ActivityReader = ReturnType<typeof createActivityReader>;

/** An activity entry under TomatoPlan's names (`/admin/logs`' `logs`, `/stats/activity/recent`). */
export function tomatoPlanActivity(entry: ActivityEntry): Record<string, unknown> {
  return {
    id: entry.id,
    username: entry.actor,
    action_type: entry.action.toUpperCase(),
    entity_type: entry.collection,
    entity_id: entry.document_id,
    details: entry.details,
    client_ip: entry.ip,
    created_at: entry.at,
  };
}
