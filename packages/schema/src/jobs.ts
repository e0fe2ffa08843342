import { z } from 'zod';

/**
 * Wire shapes of the job scheduler (`/admin/jobs`) and of the runtime configuration
 * (`/admin/config`), shared by the server and the PWA's administration screens.
 */

export const jobTriggers = ['schedule', 'manual', 'cli', 'startup-catch-up'] as const;
export const jobTriggerSchema = z.enum(jobTriggers);
export type JobTrigger = z.infer<typeof jobTriggerSchema>;

export const jobRunStatuses = ['running', 'succeeded', 'failed', 'aborted', 'missed'] as const;
export const jobRunStatusSchema = z.enum(jobRunStatuses);
export type JobRunStatus = z.infer<typeof jobRunStatusSchema>;

/** What a run did, counted by the job itself. */
export const jobCountNames = ['created', 'updated', 'deleted', 'skipped', 'failed'] as const;
export type JobCountName = (typeof jobCountNames)[number];
export const jobCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});
export type JobCounts = z.infer<typeof jobCountsSchema>;

export const jobProgressSchema = z.object({
  done: z.number().int(),
  total: z.number().int().nullable(),
  /** A short French label of the step, e.g. « Sessions fermées ». */
  label: z.string().nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobRunSchema = z.object({
  id: z.number().int(),
  job: z.string(),
  trigger: jobTriggerSchema,
  actor: z.string().nullable(),
  scheduled_for: z.string().nullable(),
  started_at: z.string(),
  /** Null while the run's work goes on (an aborted run may still be stopping). */
  ended_at: z.string().nullable(),
  status: jobRunStatusSchema,
  progress: jobProgressSchema.nullable(),
  counts: jobCountsSchema,
  error: z.string().nullable(),
  /** The last lines of the run's own log, oldest first. */
  log_excerpt: z.array(z.string()),
  result: z.unknown(),
});
export type JobRun = z.infer<typeof jobRunSchema>;

export const jobInfoSchema = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string().nullable(),
  /** The cron expression in force, or `off`; `default_schedule` is the job's own. */
  schedule: z.string(),
  default_schedule: z.string(),
  timezone: z.string(),
  timeout_seconds: z.number(),
  catch_up: z.boolean(),
  next_run: z.string().nullable(),
  last_run: jobRunSchema.nullable(),
  /** The run going on now (here or in `relais job run`), with its progress. */
  running: jobRunSchema.nullable(),
});
export type JobInfo = z.infer<typeof jobInfoSchema>;

export const jobListResponseSchema = z.object({ timezone: z.string(), jobs: z.array(jobInfoSchema) });
export type JobListResponse = z.infer<typeof jobListResponseSchema>;

export const jobRunStartedResponseSchema = z.object({ run_id: z.number().int(), job: z.string(), status: z.literal('running') });
export type JobRunStartedResponse = z.infer<typeof jobRunStartedResponseSchema>;

export const jobRunsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export const jobRunsResponseSchema = z.object({ runs: z.array(jobRunSchema) });
export type JobRunsResponse = z.infer<typeof jobRunsResponseSchema>;

/** What the live stream `GET /admin/jobs/events` sends; `resync` asks the screen to read `GET /admin/jobs` again. */
export const jobEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resync') }),
  z.object({ type: z.literal('run-started'), run: jobRunSchema }),
  z.object({ type: z.literal('run-progress'), run: jobRunSchema }),
  z.object({ type: z.literal('run-finished'), run: jobRunSchema }),
]);
export type JobEvent = z.infer<typeof jobEventSchema>;

/**
 * `GET /admin/config`: TomatoPlan's keys, then every Relais setting under its name (the environment
 * key without `RELAIS_`, in lower case). Secrets read `********` when set, null otherwise.
 */
export const adminConfigResponseSchema = z.object({
  app_name: z.string(),
  app_version: z.string(),
  host: z.string(),
  port: z.number().int(),
  database_path: z.string(),
  log_level: z.string(),
  backup_dir: z.string(),
  backup_retention_days: z.number().int(),
  auto_backup_enabled: z.boolean(),
  auto_backup_hour: z.number().int().nullable(),
  settings: z.record(z.string(), z.unknown()),
  /** The settings an administrator may change here (`PUT /admin/config`). */
  editable: z.array(z.string()),
  /** Those changed here, which override the environment until reset (`DELETE /admin/config/{name}`). */
  overridden: z.array(z.string()),
  secrets: z.array(z.string()),
});
export type AdminConfigResponse = z.infer<typeof adminConfigResponseSchema>;

/** `PUT /admin/config`: some editable settings by name; null clears an optional one. */
export const adminConfigUpdateSchema = z.record(z.string(), z.unknown());
export type AdminConfigUpdate = z.infer<typeof adminConfigUpdateSchema>;
