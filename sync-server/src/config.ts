import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
}).superRefine((config, context) => {
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
