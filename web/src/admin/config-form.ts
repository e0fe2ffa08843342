import { roleNames } from '@relais/domain';

/**
 * The runtime settings the configuration screen edits, by kind, and how a text typed in the form
 * becomes the value `PUT /admin/config` expects. The server validates again with the environment's schema.
 */
export type SettingKind = 'level' | 'number' | 'text' | 'optionalText' | 'secret' | 'flag' | 'roles' | 'list';

export const editedSettings = [
  { name: 'log_level', kind: 'level' },
  { name: 'backup_retention_days', kind: 'number' },
  { name: 'history_retention_days', kind: 'number' },
  { name: 'jobs_timezone', kind: 'text' },
  { name: 'mfa_required_roles', kind: 'roles' },
  { name: 'smtp_host', kind: 'optionalText' },
  { name: 'smtp_port', kind: 'number' },
  { name: 'smtp_secure', kind: 'flag' },
  { name: 'smtp_user', kind: 'optionalText' },
  { name: 'smtp_password', kind: 'secret' },
  { name: 'smtp_from', kind: 'text' },
  { name: 'trusted_proxy_header', kind: 'optionalText' },
  { name: 'trusted_proxy_addresses', kind: 'list' },
] as const satisfies readonly { name: string; kind: SettingKind }[];

export type EditedSetting = (typeof editedSettings)[number]['name'];

export const logLevelChoices = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** A setting as the form holds it: text, a flag or chosen roles. */
export type FormValue = string | boolean | readonly string[];

/** The chosen roles of a form value (none for a text or a flag). */
export function listOf(value: FormValue): readonly string[] {
  return typeof value === 'string' || typeof value === 'boolean' ? [] : value;
}
export type ConfigFormValues = Record<EditedSetting, FormValue>;

/** What the server shows (a secret reads `********` when set) as the form's starting values; a set secret starts empty. */
export function formValuesOf(settings: Record<string, unknown>): ConfigFormValues {
  const values = {} as Record<EditedSetting, FormValue>;
  for (const { name, kind } of editedSettings) {
    const value = settings[name];
    switch (kind) {
      case 'flag':
        values[name] = value === true;
        break;
      case 'roles':
        values[name] = Array.isArray(value) ? value.filter((role): role is string => typeof role === 'string') : [];
        break;
      case 'list':
        values[name] = Array.isArray(value) ? value.join(', ') : '';
        break;
      case 'secret':
        values[name] = '';
        break;
      case 'level':
      case 'number':
      case 'text':
      case 'optionalText':
        values[name] = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
        break;
    }
  }
  return values;
}

function wireValue(kind: SettingKind, value: FormValue): unknown {
  switch (kind) {
    case 'flag':
      return value === true;
    case 'roles':
      return [...listOf(value)];
    case 'list':
      return String(value)
        .split(/[,\s]+/)
        .map((part) => part.trim())
        .filter((part) => part !== '');
    case 'number': {
      const text = String(value).trim();
      return /^-?\d+$/.test(text) ? Number(text) : text;
    }
    case 'optionalText':
      return String(value).trim() === '' ? null : String(value).trim();
    case 'level':
    case 'text':
    case 'secret':
      return String(value).trim();
  }
}

/** The settings whose value differs from the server's, as `PUT /admin/config` expects; a blank secret is left unchanged. */
export function configChanges(initial: ConfigFormValues, current: ConfigFormValues): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const { name, kind } of editedSettings) {
    if (kind === 'secret') {
      if (String(current[name]).trim() !== '') {
        changes[name] = wireValue(kind, current[name]);
      }
      continue;
    }
    const before = wireValue(kind, initial[name]);
    const after = wireValue(kind, current[name]);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      changes[name] = after;
    }
  }
  return changes;
}

export const mfaRoleChoices = roleNames;
