import { z } from 'zod';
import { jobRunStatusSchema } from './jobs';

/**
 * Wire shapes of the server administration console: what `GET /stats/dashboard` adds for
 * administrators (`serveur`), and the lines of the live server log (`GET /admin/logs/stream`).
 */

export const logLevelNames = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const logLevelNameSchema = z.enum(logLevelNames);
export type LogLevelName = z.infer<typeof logLevelNameSchema>;

/** One line of the server log, secrets removed: its level, time, message and the rest of its fields. */
export const serverLogLineSchema = z.object({
  /** Position in the server's log since it started: a client that reconnects asks for what follows. */
  seq: z.number().int(),
  time: z.string(),
  level: logLevelNameSchema,
  msg: z.string(),
  /** The line's other fields (user, path, error…), with secrets masked. */
  fields: z.record(z.string(), z.unknown()),
});
export type ServerLogLine = z.infer<typeof serverLogLineSchema>;

export const logStreamQuerySchema = z.object({
  /** The lowest level shown (`warn` shows warnings, errors and fatal errors). */
  level: logLevelNameSchema.default('info'),
  /** Text the message or a field must contain (case-insensitive). */
  q: z.string().max(200).optional(),
  /** Lines already in the log sent first, newest last. */
  backlog: z.coerce.number().int().min(0).max(1000).default(200),
});
export type LogStreamQuery = z.infer<typeof logStreamQuerySchema>;

/** A PWA's live pull stream: who, from which computer, since when. */
export const syncClientSchema = z.object({
  username: z.string(),
  display_name: z.string(),
  hostname: z.string().nullable(),
  user_agent: z.string().nullable(),
  since: z.string(),
  collections: z.number().int(),
});
export type SyncClient = z.infer<typeof syncClientSchema>;

export const dashboardServerSchema = z.object({
  version: z.string(),
  started_at: z.string(),
  uptime_seconds: z.number().int(),
  database_size_bytes: z.number().int(),
  /** Live (not deleted) documents per replicated collection. */
  documents: z.record(z.string(), z.number().int()),
  active_sessions: z.number().int(),
  sync_clients: z.array(syncClientSchema),
  last_backup: z
    .object({
      filename: z.string().nullable(),
      created_at: z.string().nullable(),
      size_bytes: z.number().int().nullable(),
      /** The last run of the automatic backup job, when there was one. */
      status: jobRunStatusSchema.nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
  jobs: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      schedule: z.string(),
      next_run: z.string().nullable(),
      last_run_at: z.string().nullable(),
      last_status: jobRunStatusSchema.nullable(),
      running: z.boolean(),
    }),
  ),
  errors_24h: z.object({
    count: z.number().int(),
    /** The last few, newest first. */
    recent: z.array(serverLogLineSchema),
  }),
});
export type DashboardServer = z.infer<typeof dashboardServerSchema>;
