import { eq } from 'drizzle-orm';
import { toFieldIssues, type FieldIssue } from '@relais/sync-protocol';
import { configKeys, crossKeyIssues, maskedValue, runtimeSettings, secretKeys, type Config, type RuntimeSettingKey } from '../config';
import type { Db } from '../db/client';
import { settings } from '../db/tables';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';

/** `RELAIS_LOG_LEVEL` → `log_level`: how settings are named on the wire. */
export function settingName(key: string): string {
  return key.replace(/^RELAIS_/, '').toLowerCase();
}

const editableByName = new Map<string, RuntimeSettingKey>(Object.keys(runtimeSettings).map((key) => [settingName(key), key as RuntimeSettingKey]));

export const editableSettingNames: readonly string[] = [...editableByName.keys()];

/** What the screens and the activity log may show of a value: a secret reads `********` when set. */
export function shownValue(key: string, value: unknown): unknown {
  if (secretKeys.includes(key)) {
    return value === undefined || value === null ? null : maskedValue;
  }
  return value ?? null;
}

export interface SettingChange {
  name: string;
  before: unknown;
  after: unknown;
}

export interface RuntimeConfigDeps {
  db: Db;
  /** The configuration read from the environment at start. */
  base: Config;
  logger: Logger;
  now?: () => Date;
}

/** A check needing another service, e.g. that a schedule names a registered job; given the keys being changed. */
export type SettingsCheck = (candidate: Config, changing: readonly RuntimeSettingKey[]) => FieldIssue[];

type Listener = (config: Config, changed: readonly RuntimeSettingKey[]) => void;

/**
 * The configuration in force: the environment's, overlaid by the runtime settings an administrator
 * changed (table `settings`). A change is validated with the same schema as the environment, stored,
 * then given to the listeners that apply it (log level, sign-in, SMTP, schedules) without restart.
 */
export function createRuntimeConfig({ db, base, logger, now = () => new Date() }: RuntimeConfigDeps) {
  const listeners = new Set<Listener>();
  const checks = new Set<SettingsCheck>();

  function stored(): Map<RuntimeSettingKey, unknown> {
    const values = new Map<RuntimeSettingKey, unknown>();
    for (const row of db.select().from(settings).all()) {
      const key = row.key as RuntimeSettingKey;
      const spec = Object.hasOwn(runtimeSettings, key) ? runtimeSettings[key] : undefined;
      if (spec === undefined) {
        continue;
      }
      if (row.value === null && spec.optional) {
        values.set(key, undefined);
        continue;
      }
      const parsed = spec.value.safeParse(row.value);
      if (parsed.success) {
        values.set(key, parsed.data);
      } else {
        // A value a newer rule refuses: the environment's applies until an administrator fixes it.
        logger.warn({ key }, 'réglage enregistré invalide, valeur de l’environnement utilisée');
      }
    }
    return values;
  }

  function overlay(values: Map<RuntimeSettingKey, unknown>): Config {
    const config: Record<string, unknown> = { ...base };
    for (const [key, value] of values) {
      config[key] = value;
    }
    return config as Config;
  }

  let current = overlay(stored());

  function validated(changes: Record<string, unknown>): Map<RuntimeSettingKey, unknown> {
    const values = new Map<RuntimeSettingKey, unknown>();
    const issues: FieldIssue[] = [];
    for (const [name, value] of Object.entries(changes)) {
      const key = editableByName.get(name);
      if (key === undefined) {
        const known = (configKeys as string[]).includes(`RELAIS_${name.toUpperCase()}`);
        throw new ApiError(
          'VALIDATION_FAILED',
          known ? `${name} : ce réglage ne se change pas pendant que le serveur tourne (modifiez le fichier .env puis redémarrez).` : `${name} : réglage inconnu.`,
          { issues: [{ path: [name], code: 'not_editable', message: known ? 'Réglage non modifiable à chaud' : 'Réglage inconnu' }] },
        );
      }
      const spec = runtimeSettings[key];
      if (spec.secret && value === maskedValue) {
        continue;
      }
      if (value === null) {
        if (!spec.optional) {
          issues.push({ path: [name], code: 'invalid_type', message: 'valeur obligatoire' });
        }
        values.set(key, undefined);
        continue;
      }
      const parsed = spec.value.safeParse(value);
      if (parsed.success) {
        values.set(key, parsed.data);
      } else {
        issues.push(...toFieldIssues(parsed.error.issues, [name]));
      }
    }
    const candidate = overlay(new Map([...stored(), ...values]));
    const extra = [...checks].flatMap((check) => check(candidate, [...values.keys()]));
    for (const issue of [...crossKeyIssues(candidate), ...extra]) {
      issues.push({ ...issue, path: issue.path.map((part) => (typeof part === 'string' ? settingName(part) : part)), code: 'custom' });
    }
    const first = issues[0];
    if (first) {
      throw new ApiError('VALIDATION_FAILED', `${first.path.join('.')} : ${first.message}`, { issues });
    }
    return values;
  }

  function commit(values: Map<RuntimeSettingKey, unknown>, write: () => void): SettingChange[] {
    const before = current;
    db.transaction(write);
    current = overlay(stored());
    const changed = [...values.keys()].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(current[key]));
    if (changed.length > 0) {
      for (const listener of listeners) {
        listener(current, changed);
      }
    }
    return changed.map((key) => ({ name: settingName(key), before: shownValue(key, before[key]), after: shownValue(key, current[key]) }));
  }

  return {
    /** The configuration in force now. */
    current: (): Config => current,
    /** The settings changed here (their wire names), which override the environment. */
    overridden: (): string[] => [...stored().keys()].map(settingName).sort(),

    /** Validates, stores and applies some settings (by wire name); null clears an optional one. Answers what changed, secrets masked. */
    update(changes: Record<string, unknown>, actor: string | null): SettingChange[] {
      const values = validated(changes);
      const at = now().toISOString();
      return commit(values, () => {
        for (const [key, value] of values) {
          const row = { key, value: value ?? null, updated_at: at, updated_by: actor };
          db.insert(settings).values(row).onConflictDoUpdate({ target: settings.key, set: row }).run();
        }
      });
    },

    /** Back to the environment's value. */
    reset(name: string): SettingChange[] {
      const key = editableByName.get(name);
      if (key === undefined) {
        throw new ApiError('NOT_FOUND', `${name} : réglage inconnu ou non modifiable à chaud.`);
      }
      return commit(new Map([[key, undefined]]), () => {
        db.delete(settings).where(eq(settings.key, key)).run();
      });
    },

    addCheck(check: SettingsCheck): void {
      checks.add(check);
    },

    /** Called after each change with the new configuration and the keys that changed. */
    onChange(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type RuntimeConfig = ReturnType<typeof createRuntimeConfig>;
