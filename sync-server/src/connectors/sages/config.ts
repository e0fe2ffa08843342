import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { sagesConfig } from '../../db/tables';
import { maskedSecret, type SecretBox } from '../../secrets/secret-box';

/**
 * The SAGES connector's settings: the Batigest SQL Server, the BatiSimply API, the hours window and
 * time zone, the Batigest table names (they differ between sites). Three secrets (SQL password,
 * client secret, BatiSimply password) are stored sealed, answered masked, never logged.
 */
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'nom de table invalide');

export const sagesSettingsSchema = z.object({
  sqlServer: z.object({
    host: z.string().trim().max(255).default(''),
    port: z.number().int().min(1).max(65535).nullable().default(1433),
    instance: z.string().trim().max(128).default(''),
    database: z.string().trim().max(128).default(''),
    user: z.string().trim().max(128).default(''),
    password: z.string().max(512).default(''),
    encrypt: z.boolean().default(true),
    trustServerCertificate: z.boolean().default(false),
    tables: z.object({ chantiers: identifier.default('ChantierDef'), salaries: identifier.default('Salarie'), heures: identifier.default('SuiviMO') }).prefault({}),
  }).prefault({}),
  batisimply: z.object({
    tokenUrl: z.string().trim().max(500).default(''),
    apiUrl: z.string().trim().max(500).default(''),
    grant: z.enum(['password', 'client_credentials']).default('password'),
    clientId: z.string().trim().max(200).default(''),
    clientSecret: z.string().max(1000).default(''),
    username: z.string().trim().max(200).default(''),
    password: z.string().max(512).default(''),
  }).prefault({}),
  windowDays: z.number().int().min(1).max(730).default(180),
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'fuseau horaire inconnu').default('Europe/Paris'),
  /** Slots written to SQL Server per transaction. */
  batchSize: z.number().int().min(1).max(2000).default(200),
});

export type SagesSettings = z.infer<typeof sagesSettingsSchema>;

/** The secret fields, by path, with the context their sealed value is bound to. */
const secretFields = [
  { section: 'sqlServer', key: 'password', context: 'sages:sql_password' },
  { section: 'batisimply', key: 'clientSecret', context: 'sages:client_secret' },
  { section: 'batisimply', key: 'password', context: 'sages:batisimply_password' },
] as const;

type Sectioned = Record<'sqlServer' | 'batisimply', Record<string, unknown>>;

function mapSecrets(settings: SagesSettings, change: (value: string, context: string) => string): SagesSettings {
  const copy = structuredClone(settings) as SagesSettings & Sectioned;
  for (const field of secretFields) {
    const value = copy[field.section][field.key];
    copy[field.section][field.key] = typeof value === 'string' && value !== '' ? change(value, field.context) : '';
  }
  return copy;
}

/** The settings as answers and screens show them: every set secret replaced by `********`. */
export function maskSettings(settings: SagesSettings): SagesSettings {
  return mapSecrets(settings, () => maskedSecret);
}

export interface SagesConfigStore {
  /** The settings with secrets in clear, for the connector's own use only. */
  read(): SagesSettings;
  /**
   * Merges a change: a secret sent as `********` (or absent) keeps its stored value, `''` clears it.
   * Answers the new settings, masked.
   */
  update(change: unknown, actor: string | null): SagesSettings;
  configured(): boolean;
}

export function createSagesConfigStore(db: Db, secrets: SecretBox, now: () => Date = () => new Date()): SagesConfigStore {
  const load = (): SagesSettings => {
    const row = db.select().from(sagesConfig).where(eq(sagesConfig.id, 1)).get();
    return sagesSettingsSchema.parse(row?.value ?? {});
  };
  const read = (): SagesSettings => mapSecrets(load(), (sealed, context) => secrets.open(sealed, context));
  return {
    read,
    configured() {
      const settings = load();
      return settings.sqlServer.host !== '' && settings.batisimply.apiUrl !== '';
    },
    update(change, actor) {
      const stored = load();
      const merged = sagesSettingsSchema.parse(deepMerge(stored, change));
      const sealed = mapSecrets(merged, (value, context) => {
        const field = secretFields.find((candidate) => candidate.context === context);
        const previous = field ? ((stored as SagesSettings & Sectioned)[field.section][field.key] as string) : '';
        return value === maskedSecret ? previous : secrets.seal(value, context);
      });
      const at = now().toISOString();
      db.insert(sagesConfig)
        .values({ id: 1, value: sealed, updated_at: at, updated_by: actor })
        .onConflictDoUpdate({ target: sagesConfig.id, set: { value: sealed, updated_at: at, updated_by: actor } })
        .run();
      return maskSettings(read());
    },
  };
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The change over what is stored, object by object; a secret left out keeps its stored value. */
function deepMerge(base: unknown, change: unknown): unknown {
  if (!isRecord(base) || !isRecord(change)) {
    return change === undefined ? base : change;
  }
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(change)) {
    out[key] = deepMerge(base[key], value);
  }
  return out;
}
