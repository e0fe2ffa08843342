import { existsSync, readFileSync } from 'node:fs';
import { isRole } from '@relais/domain';
import { parse } from 'dotenv';
import { isAddressOrSubnet } from './auth/addresses';
import { defaultTimezone, jobNameSchema, scheduleSchema, timezoneSchema } from './scheduler/cron';
import { z } from 'zod';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'oui', 'non', 'yes', 'no']))
  .transform((value) => ['true', '1', 'oui', 'yes'].includes(value));

const roleName = z.string().refine(isRole, { message: 'rôle inconnu (viewer, planner, planner_advanced, driver_admin, finance, analyse, admin)' });

const address = z.string().refine(isAddressOrSubnet, { message: 'adresse ou sous-réseau invalide (ex. 192.168.1.0/24)' });

/** A comma list, e.g. `admin,finance` or `192.168.1.0/24,10.0.0.5`. */
const commaList = z.string().transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''));

const textNumber = z.string().trim().transform(Number);

/** `housekeeping=15 3 * * *;backup=off`: cron expressions hold spaces and commas, so `;` separates jobs. */
const scheduleList = z.string().transform((value, context) => {
  const schedules: Record<string, string> = {};
  for (const entry of value.split(';').map((part) => part.trim()).filter((part) => part !== '')) {
    const equal = entry.indexOf('=');
    if (equal <= 0) {
      context.addIssue({ code: 'custom', message: `« ${entry} » : tâche=expression attendu (ex. housekeeping=15 3 * * *)` });
      return z.NEVER;
    }
    schedules[entry.slice(0, equal).trim()] = entry.slice(equal + 1).trim();
  }
  return schedules;
});

/**
 * The settings an administrator may change while the server runs (from the PWA, stored in the
 * database, applied without restart). `value` validates the setting as JSON carries it; the
 * environment's text is turned into the same shape by `text` and checked by the same `value`, so
 * each rule is written once. `optional` settings may be cleared (null); `secret` ones are never shown.
 */
/** One runtime setting: `env` reads the environment's text into the one schema of its value. */
function setting<Value extends z.ZodType, Text extends z.ZodType<unknown, string>>(value: Value, text: Text, flags: { optional?: boolean; secret?: boolean } = {}) {
  // The text's output is what the value schema reads; zod cannot relate the two generic types.
  const env = text.pipe(value as unknown as z.ZodType<z.output<Value>, z.output<Text>>);
  return { value, env, optional: flags.optional ?? false, secret: flags.secret ?? false };
}

export const runtimeSettings = {
  RELAIS_LOG_LEVEL: setting(z.enum(logLevels), z.string().transform((value) => value.toLowerCase())),
  /** Roles whose users always confirm their sign-in with a code sent by e-mail. */
  RELAIS_MFA_REQUIRED_ROLES: setting(z.array(roleName), commaList),
  RELAIS_SMTP_HOST: setting(z.string().trim().min(1), z.string(), { optional: true }),
  RELAIS_SMTP_PORT: setting(z.number().int().min(1).max(65535), textNumber),
  /** `true` for SMTPS (usually port 465); otherwise STARTTLS is used when the server offers it. */
  RELAIS_SMTP_SECURE: setting(z.boolean(), booleanFlag),
  RELAIS_SMTP_USER: setting(z.string().min(1), z.string(), { optional: true }),
  RELAIS_SMTP_PASSWORD: setting(z.string().min(1), z.string(), { optional: true, secret: true }),
  RELAIS_SMTP_FROM: setting(z.string().trim().min(3), z.string()),
  /** Windows sign-in through a reverse proxy that did Kerberos/NTLM: the header naming the user… */
  RELAIS_TRUSTED_PROXY_HEADER: setting(z.string().regex(/^[A-Za-z0-9-]+$/, "nom d'en-tête HTTP attendu (ex. X-Remote-User)"), z.string(), { optional: true }),
  /** …accepted only from these proxy addresses. */
  RELAIS_TRUSTED_PROXY_ADDRESSES: setting(z.array(address), commaList),
  /** The time zone of the job schedules. */
  RELAIS_JOBS_TIMEZONE: setting(timezoneSchema, z.string()),
  /** Job schedules that differ from each job's default: job name → cron expression or `off`. */
  RELAIS_JOB_SCHEDULES: setting(z.record(jobNameSchema, scheduleSchema), scheduleList),
  /** Backups older than this are deleted by the backup job. */
  RELAIS_BACKUP_RETENTION_DAYS: setting(z.number().int().min(1).max(3650), textNumber),
  /** Closed sessions, used or expired sign-in codes and job runs are purged after this many days. */
  RELAIS_HISTORY_RETENTION_DAYS: setting(z.number().int().min(1).max(3650), textNumber),
};

export type RuntimeSettingKey = keyof typeof runtimeSettings;

/** What stands for a secret that is set. */
export const maskedValue = '********';

/** Keys never shown, in the configuration screen nor in the activity log. */
export const secretKeys: readonly string[] = ['RELAIS_JWT_SECRET', 'RELAIS_SECRET_KEY', 'RELAIS_SMTP_PASSWORD'];

/** The daily hour (`2`) of the automatic backup, or a 5-field cron expression (`30 1 * * 1-5`). */
const backupSchedule = z
  .string()
  .trim()
  .refine((value) => (/^\d{1,2}$/.test(value) ? Number(value) <= 23 : /^[\d*,/-]+( [\d*,/-]+){4}$/.test(value)), {
    message: 'heure (0 à 23) ou expression cron à 5 champs attendue (ex. 0 2 * * *)',
  })
  .transform((value) => (/^\d{1,2}$/.test(value) ? `0 ${Number(value)} * * *` : value));

/** Every configuration key, with its default. Documented in the README. */
const configSchema = z.strictObject({
  RELAIS_HOST: z.string().min(1).default('0.0.0.0'),
  RELAIS_PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  RELAIS_DATABASE_PATH: z.string().min(1).default('./data/relais.db'),
  RELAIS_LOG_LEVEL: runtimeSettings.RELAIS_LOG_LEVEL.env.default('info'),
  RELAIS_LOG_FILE: z.string().default('./logs/server.log'),
  RELAIS_DEFAULT_ADMIN_USERNAME: z.string().min(1).max(100).default('ADMIN'),
  RELAIS_WEB_DIST: z.string().min(1).optional(),
  /** Certificate and key (PEM) to serve HTTPS: browsers only run the PWA offline on HTTPS or localhost. */
  RELAIS_TLS_CERT_PATH: z.string().min(1).optional(),
  RELAIS_TLS_KEY_PATH: z.string().min(1).optional(),
  /** Key signing the access tokens; when absent, a random one is kept in `jwt-secret` beside the database. */
  RELAIS_JWT_SECRET: z.string().min(32, 'au moins 32 caractères').optional(),
  /** Key sealing the connectors' secrets (AES-256-GCM); when absent, a random one is kept in `secret-key` beside the database. */
  RELAIS_SECRET_KEY: z.string().min(32, 'au moins 32 caractères').optional(),
  RELAIS_ACCESS_TOKEN_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  /** How long a session (its refresh cookie) lives without being renewed. */
  RELAIS_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Failed sign-ins tolerated in 15 minutes from one client address, then 429 (an office behind one NAT shares it). */
  RELAIS_LOGIN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Failed sign-ins tolerated in 15 minutes against one username, from any address, then 429. */
  RELAIS_LOGIN_LIMIT_PER_USERNAME: z.coerce.number().int().min(1).max(100_000).default(20),
  RELAIS_MFA_REQUIRED_ROLES: runtimeSettings.RELAIS_MFA_REQUIRED_ROLES.env.default([]),
  RELAIS_SMTP_HOST: runtimeSettings.RELAIS_SMTP_HOST.env.optional(),
  RELAIS_SMTP_PORT: runtimeSettings.RELAIS_SMTP_PORT.env.default(587),
  RELAIS_SMTP_SECURE: runtimeSettings.RELAIS_SMTP_SECURE.env.default(false),
  RELAIS_SMTP_USER: runtimeSettings.RELAIS_SMTP_USER.env.optional(),
  RELAIS_SMTP_PASSWORD: runtimeSettings.RELAIS_SMTP_PASSWORD.env.optional(),
  RELAIS_TRUSTED_PROXY_HEADER: runtimeSettings.RELAIS_TRUSTED_PROXY_HEADER.env.optional(),
  RELAIS_TRUSTED_PROXY_ADDRESSES: runtimeSettings.RELAIS_TRUSTED_PROXY_ADDRESSES.env.default([]),
  /** Legacy TomatoPlan clients signing in with `{ username, hostname }` only: these subnets only. */
  RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS: commaList.pipe(z.array(address)).default([]),
  RELAIS_SMTP_FROM: runtimeSettings.RELAIS_SMTP_FROM.env.default('Relais <relais@localhost>'),
  RELAIS_JOBS_TIMEZONE: runtimeSettings.RELAIS_JOBS_TIMEZONE.env.default(defaultTimezone),
  RELAIS_JOB_SCHEDULES: runtimeSettings.RELAIS_JOB_SCHEDULES.env.default({}),
  RELAIS_BACKUP_RETENTION_DAYS: runtimeSettings.RELAIS_BACKUP_RETENTION_DAYS.env.default(30),
  RELAIS_HISTORY_RETENTION_DAYS: runtimeSettings.RELAIS_HISTORY_RETENTION_DAYS.env.default(90),
  /** Bytes a live pull stream may hold for a client that reads slowly; past them it gets RESYNC and pulls. */
  RELAIS_STREAM_QUEUE_BYTES: z.coerce.number().int().min(16 * 1024).max(256 * 1024 * 1024).default(1024 * 1024),
  /** Live pull streams per session (the tabs of one browser share one) and on the whole server. */
  RELAIS_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(1000).default(8),
  RELAIS_STREAMS_MAX: z.coerce.number().int().min(1).max(100_000).default(500),
  /** A live pull stream whose client has read nothing for this long is closed (its client reconnects). */
  RELAIS_STREAM_STALL_SECONDS: z.coerce.number().int().min(5).max(24 * 3600).default(120),
  /** Folder of the database backups (TomatoPlan's `backup_dir`); `backups` beside the database when absent. */
  RELAIS_BACKUP_DIR: z.string().min(1).optional(),
  RELAIS_AUTO_BACKUP_ENABLED: booleanFlag.default(true),
  /** As a cron expression once read (`2` becomes `0 2 * * *`); the job's default schedule. */
  RELAIS_AUTO_BACKUP_HOUR: backupSchedule.default('0 2 * * *'),
  /** The newest this many automatic backups are always kept, whatever their age. */
  RELAIS_BACKUP_MIN_KEEP: z.coerce.number().int().min(0).max(1000).default(7),
}).superRefine((config, context) => {
  for (const issue of crossKeyIssues(config)) {
    context.addIssue({ code: 'custom', ...issue });
  }
  const cert = config.RELAIS_TLS_CERT_PATH;
  const key = config.RELAIS_TLS_KEY_PATH;
  if ((cert === undefined) !== (key === undefined)) {
    context.addIssue({
      code: 'custom',
      path: [cert === undefined ? 'RELAIS_TLS_CERT_PATH' : 'RELAIS_TLS_KEY_PATH'],
      message: 'RELAIS_TLS_CERT_PATH et RELAIS_TLS_KEY_PATH vont ensemble',
    });
  }
  for (const [name, path] of [['RELAIS_TLS_CERT_PATH', cert], ['RELAIS_TLS_KEY_PATH', key]] as const) {
    if (path !== undefined && !existsSync(path)) {
      context.addIssue({ code: 'custom', path: [name], message: 'fichier introuvable' });
    }
  }
});

/** Rules between runtime settings, checked on the environment and again on each change by an administrator. */
export function crossKeyIssues(config: Pick<Config, 'RELAIS_TRUSTED_PROXY_HEADER' | 'RELAIS_TRUSTED_PROXY_ADDRESSES'>): { path: string[]; message: string }[] {
  if (config.RELAIS_TRUSTED_PROXY_HEADER !== undefined && config.RELAIS_TRUSTED_PROXY_ADDRESSES.length === 0) {
    return [{ path: ['RELAIS_TRUSTED_PROXY_ADDRESSES'], message: 'obligatoire avec RELAIS_TRUSTED_PROXY_HEADER : les adresses du proxy de confiance' }];
  }
  return [];
}

export type Config = z.infer<typeof configSchema>;

/** Every configuration key, set or not. */
export const configKeys = Object.keys(configSchema.shape) as (keyof Config)[];

/** The documented defaults, for apps built without an environment (tests, bench). */
export function defaultConfig(): Config {
  return configSchema.parse({});
}

export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(
    message: string,
    /** The keys at fault, e.g. `RELAIS_PORT`. */
    readonly keys: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The `RELAIS_*` keys of a `.env` file (if present) under the process environment, which wins; empty values are unset. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Record<string, string> {
  const fromFile = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...fromFile, ...env })) {
    if (key.startsWith('RELAIS_') && value !== undefined && value !== '') {
      merged[key] = value;
    }
  }
  return merged;
}

/** Reads `.env` (if present) under the process environment, which wins. Unknown RELAIS_* keys are errors. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const merged = readEnvironment(env, envFile);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const keys: string[] = [];
    const problems = parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        keys.push(...issue.keys);
        return `clé inconnue ${issue.keys.join(', ')}`;
      }
      const key = issue.path.length > 0 ? String(issue.path[0]) : 'configuration';
      keys.push(key);
      const shown = secretKeys.includes(key) ? maskedValue : (merged[key] ?? '');
      const where = issue.path.length > 1 ? `${issue.path.map(String).join('.')} ` : '';
      return `${key} = « ${shown} » : ${where === '' ? '' : `${where}: `}${issue.message}`;
    });
    throw new ConfigError(`Configuration invalide : ${problems.join(' ; ')}`, [...new Set(keys)]);
  }
  return parsed.data;
}
