import type { Permission } from '@relais/domain';
import { dateField, type DashboardServer } from '@relais/schema';
import { toFieldIssues } from '@relais/sync-protocol';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import type { Db } from '../db/client';
import type { AnswerCache } from '../http/answer-cache';
import type { ApiUsage } from '../http/api-usage';
import type { ReplicationStore } from '../replication/store';
import type { LiveHub } from './live-hub';
import { asObject, frenchErrors, validationError, type Json } from './rest-documents';
import { restStore, type RestStore } from './rest-store';

export interface TomatoPlanDeps {
  db: Db;
  store: ReplicationStore;
  auth: AuthService;
  /** The clock of "today" (dashboard); tests move it. */
  now: () => Date;
  requirePermission: (permission: Permission) => MiddlewareHandler<AuthEnv>;
  requireAuth: () => MiddlewareHandler<AuthEnv>;
  /** The server's own figures the dashboard adds for administrators (uptime, database, sync clients, jobs, errors). */
  serverFacts?: (() => Promise<DashboardServer>) | undefined;
  /** TomatoPlan's live socket (`/ws/status`). */
  liveHub: LiveHub;
  /** The requests counted since the server started (`/stats/api`). */
  apiUsage: ApiUsage;
  /** When the server started, in milliseconds (`/server-info`). */
  startedAt: number;
  /** Answers of the read routes while the collections are unchanged (a week of missions polled by every client). */
  answers: AnswerCache;
}

export function storeOf(deps: TomatoPlanDeps, c: Context<AuthEnv>): RestStore {
  return restStore(deps.db, deps.store, c, c.get('auth'));
}

/** The JSON body; 422 like FastAPI when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return (await c.req.json()) as unknown;
  } catch {
    throw validationError('corps de requête JSON invalide');
  }
}

export async function objectBody(c: Context): Promise<Json> {
  return asObject(await jsonBody(c));
}

/** Query parameters checked by zod; 422 with a French detail otherwise. */
export function queryOf<Schema extends z.ZodType>(c: Context, schema: Schema): z.output<Schema> {
  return parseOr422(schema, c.req.query());
}

export function parseOr422<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const parsed = schema.safeParse(value, frenchErrors);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error.issues);
    const first = issues[0];
    throw validationError(first ? `${first.path.join('.') || 'valeur'} — ${first.message}` : 'paramètres', issues);
  }
  return parsed.data;
}

/** A path date `YYYY-MM-DD`; 422 otherwise. */
export function dateParam(c: Context, name: string): string {
  return parseOr422(z.object({ [name]: dateField }), { [name]: c.req.param(name) })[name] as string;
}

/** `?active_only=true|false|1|0` as FastAPI reads a bool. */
export const flag = z
  .enum(['true', 'false', '1', '0', 'True', 'False', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value.toLowerCase() === 'true' || value === '1'));

export const pageQuery = {
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
};

/** TomatoPlan's answer to every DELETE: its clients return `success`; `id`/`uuid` for Relais' own. */
export function deletedAnswer(message: string, id: string): { success: true; message: string; id: string; uuid: string } {
  return { success: true, message, id, uuid: id };
}
