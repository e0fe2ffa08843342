import { collectionNames, type CollectionName } from '@relais/schema';
import { isValidDay } from '../ui/format';

/** The collections the log can be filtered on: the replicated ones, and `auth` (sign-ins, accounts). */
export const activityCollections: readonly (CollectionName | 'auth')[] = [...collectionNames, 'auth'];
export type ActivityCollection = CollectionName | 'auth';

/** The filters as the page holds them: empty strings mean “any”; days are local `YYYY-MM-DD`. */
export interface ActivityFilters {
  user: string;
  collection: ActivityCollection | '';
  action: string;
  from: string;
  to: string;
}

export const noFilters: ActivityFilters = { user: '', collection: '', action: '', from: '', to: '' };

export const activityPageSize = 50;

function localDay(day: string, dayOffset: number): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + dayOffset);
}

/** The first instant of a local day, as the server stores times (ISO, UTC). */
export function dayStartIso(day: string): string {
  return localDay(day, 0).toISOString();
}

/**
 * The last instant of a local day, in UTC: the server reads a bare date as a UTC day, which would
 * cut a French evening in two.
 */
export function dayEndIso(day: string): string {
  return new Date(localDay(day, 1).getTime() - 1).toISOString();
}

/** The query string of `GET /admin/logs` for these filters and this page (no leading `?`). */
export function activityQueryString(filters: ActivityFilters, offset: number, limit: number = activityPageSize): string {
  const params = new URLSearchParams();
  const user = filters.user.trim();
  if (user !== '') {
    params.set('user', user);
  }
  if (filters.collection !== '') {
    params.set('collection', filters.collection);
  }
  if (filters.action !== '') {
    params.set('action', filters.action);
  }
  if (isValidDay(filters.from)) {
    params.set('from', dayStartIso(filters.from));
  }
  if (isValidDay(filters.to)) {
    params.set('to', dayEndIso(filters.to));
  }
  params.set('limit', String(limit));
  params.set('offset', String(Math.max(0, Math.trunc(offset))));
  return params.toString();
}

export interface PageWindow {
  /** 1-based index of the first entry shown; 0 when there is none. */
  first: number;
  last: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** Where a page of `count` entries starting at `offset` sits among `total`. */
export function pageWindow(offset: number, count: number, total: number): PageWindow {
  return {
    first: count === 0 ? 0 : offset + 1,
    last: offset + count,
    hasPrevious: offset > 0,
    hasNext: offset + count < total,
  };
}

/** The offset of the previous page (never below 0). */
export function previousOffset(offset: number, limit: number = activityPageSize): number {
  return Math.max(0, offset - limit);
}
