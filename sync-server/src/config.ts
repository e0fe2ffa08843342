import { existsSync, readFileSync } from 'node:fs';
import { isRole, type Role } from '@relais/domain';
import { parse } from 'dotenv';
import { isAddressOrSubnet } from './auth/addresses';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'oui', 'non', 'yes', 'no']))
  .transform((value) => ['true', '1', 'oui', 'yes'].includes(value));

/** A comma list of role names, e.g. `admin,finance`. */
const roleList = z
  .string()
  .transform((value) => value.split(',').map((role) => role.trim()).filter((role) => role !== ''))
  .refine((roles) => roles.every(isRole), { message: 'rôle inconnu (viewer, planner, planner_advanced, driver_admin, finance, analyse, admin)' })
  .transform((roles) => roles as Role[]);

/** A comma list of addresses and subnets, e.g. `192.168.1.0/24,10.0.0.5`. */
const addressList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
  .refine((entries) => entries.every(isAddressOrSubnet), { message: 'adresse ou sous-réseau invalide (ex. 192.168.1.0/24)' });

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
  RELAIS_LOG_LEVEL: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(logLevels))
    .default('info'),
  RELAIS_LOG_FILE: z.string().default('./logs/server.log'),
  RELAIS_DEFAULT_ADMIN_USERNAME: z.string().min(1).max(100).default('ADMIN'),
  RELAIS_WEB_DIST: z.string().min(1).optional(),
  /** Certificate and key (PEM) to serve HTTPS: browsers only run the PWA offline on HTTPS or localhost. */
  RELAIS_TLS_CERT_PATH: z.string().min(1).optional(),
  RELAIS_TLS_KEY_PATH: z.string().min(1).optional(),
  /** Key signing the access tokens; when absent, a random one is kept in `jwt-secret` beside the database. */
  RELAIS_JWT_SECRET: z.string().min(32, 'au moins 32 caractères').optional(),
  RELAIS_ACCESS_TOKEN_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  /** How long a session (its refresh cookie) lives without being renewed. */
  RELAIS_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Failed sign-ins tolerated in 15 minutes from one client address, then 429 (an office behind one NAT shares it). */
  RELAIS_LOGIN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Failed sign-ins tolerated in 15 minutes against one username, from any address, then 429. */
  RELAIS_LOGIN_LIMIT_PER_USERNAME: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Roles whose users always confirm their sign-in with a code sent by e-mail. */
  RELAIS_MFA_REQUIRED_ROLES: roleList.default([]),
  RELAIS_SMTP_HOST: z.string().min(1).optional(),
  RELAIS_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** `true` for SMTPS (usually port 465); otherwise STARTTLS is used when the server offers it. */
  RELAIS_SMTP_SECURE: booleanFlag.default(false),
  RELAIS_SMTP_USER: z.string().min(1).optional(),
  RELAIS_SMTP_PASSWORD: z.string().min(1).optional(),
  /** Windows sign-in through a reverse proxy that did Kerberos/NTLM: the header naming the user… */
  RELAIS_TRUSTED_PROXY_HEADER: z.string().regex(/^[A-Za-z0-9-]+$/, "nom d'en-tête HTTP attendu (ex. X-Remote-User)").optional(),
  /** …accepted only from these proxy addresses. */
  RELAIS_TRUSTED_PROXY_ADDRESSES: addressList.default([]),
  /** Legacy TomatoPlan clients signing in with `{ username, hostname }` only: these subnets only. */
  RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS: addressList.default([]),
  RELAIS_SMTP_FROM: z.string().min(3).default('Relais <relais@localhost>'),
  /** Folder of the database backups; `backups` beside the database when absent. */
  RELAIS_BACKUP_DIR: z.string().min(1).optional(),
  RELAIS_AUTO_BACKUP_ENABLED: booleanFlag.default(true),
  /** As a cron expression once read (`2` becomes `0 2 * * *`). */
  RELAIS_AUTO_BACKUP_HOUR: backupSchedule.default('0 2 * * *'),
  /** Automatic backups older than this are deleted… */
  RELAIS_BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** …but the newest this many automatic backups are always kept. */
  RELAIS_BACKUP_MIN_KEEP: z.coerce.number().int().min(0).max(1000).default(7),
}).superRefine((config, context) => {
  if (config.RELAIS_TRUSTED_PROXY_HEADER !== undefined && config.RELAIS_TRUSTED_PROXY_ADDRESSES.length === 0) {
    context.addIssue({
      code: 'custom',
      path: ['RELAIS_TRUSTED_PROXY_ADDRESSES'],
      message: 'obligatoire avec RELAIS_TRUSTED_PROXY_HEADER : les adresses du proxy de confiance',
    });
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

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads `.env` (if present) under the process environment, which wins. Unknown RELAIS_* keys are errors. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const fromFile = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...fromFile, ...env })) {
    if (key.startsWith('RELAIS_') && value !== undefined && value !== '') {
      merged[key] = value;
    }
  }
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.length > 0 ? issue.path.map(String).join('.') : 'configuration';
      const message =
        issue.code === 'unrecognized_keys'
          ? `clé inconnue ${issue.keys.join(', ')}`
          : `${key} = « ${merged[key] ?? ''} » : ${issue.message}`;
      return message;
    });
    throw new ConfigError(`Configuration invalide : ${problems.join(' ; ')}`);
  }
  return parsed.data;
}
