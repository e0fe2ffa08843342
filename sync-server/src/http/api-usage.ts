import type { MiddlewareHandler } from 'hono';

interface DayUsage {
  byPath: Map<string, number>;
  byStatus: Map<number, number>;
  requests: number;
  totalMs: number;
}

/** Days of request counts kept in memory (the longest period `/stats/api` answers for). */
export const apiUsageDays = 31;

/**
 * Counts the API requests per route pattern (never the raw path, so the number of keys stays that of
 * the routes) and per status, and their time, by UTC day; kept in memory since the server started.
 */
export function createApiUsage(now: () => Date = () => new Date()) {
  const days = new Map<string, DayUsage>();

  function dayOf(date: Date): DayUsage {
    const key = date.toISOString().slice(0, 10);
    let day = days.get(key);
    if (!day) {
      day = { byPath: new Map(), byStatus: new Map(), requests: 0, totalMs: 0 };
      days.set(key, day);
      for (const old of [...days.keys()].sort().slice(0, Math.max(0, days.size - apiUsageDays))) {
        days.delete(old);
      }
    }
    return day;
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    await next();
    const day = dayOf(now());
    const path = c.req.routePath;
    day.byPath.set(path, (day.byPath.get(path) ?? 0) + 1);
    day.byStatus.set(c.res.status, (day.byStatus.get(c.res.status) ?? 0) + 1);
    day.requests += 1;
    day.totalMs += performance.now() - started;
  };

  return {
    middleware,
    /** Requests served today, and how many of them failed (4xx and 5xx). */
    today(): { requests: number; errors: number } {
      const day = days.get(now().toISOString().slice(0, 10));
      let errors = 0;
      day?.byStatus.forEach((value, status) => {
        errors += status >= 400 ? value : 0;
      });
      return { requests: day?.requests ?? 0, errors };
    },
    /** TomatoPlan's `/stats/api` over the last `count` days (today included). */
    stats(count: number): { by_endpoint: { path: string; count: number }[]; by_status: { status: number; count: number }[]; avg_response_time_ms: number } {
      const since = new Date(now().getTime() - (count - 1) * 86_400_000).toISOString().slice(0, 10);
      const byPath = new Map<string, number>();
      const byStatus = new Map<number, number>();
      let requests = 0;
      let totalMs = 0;
      for (const [key, day] of days) {
        if (key < since) {
          continue;
        }
        day.byPath.forEach((value, path) => byPath.set(path, (byPath.get(path) ?? 0) + value));
        day.byStatus.forEach((value, status) => byStatus.set(status, (byStatus.get(status) ?? 0) + value));
        requests += day.requests;
        totalMs += day.totalMs;
      }
      return {
        by_endpoint: [...byPath].map(([path, value]) => ({ path, count: value })).sort((a, b) => b.count - a.count).slice(0, 20),
        by_status: [...byStatus].map(([status, value]) => ({ status, count: value })).sort((a, b) => a.status - b.status),
        avg_response_time_ms: requests === 0 ? 0 : Math.round((totalMs / requests) * 100) / 100,
      };
    },
  };
}

export type ApiUsage = ReturnType<typeof createApiUsage>;
