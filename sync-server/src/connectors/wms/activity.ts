import type { WmsConnectionView } from '@relais/schema';
import { maskedSecret } from '../../secrets/secret-box';
import type { SettingChange } from '../../settings/runtime-config';

const secretFields = ['ssh_secret', 'ssh_passphrase', 'db_password'] as const;
const unlogged = new Set<string>(['id', 'created_at', 'updated_at', ...secretFields]);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A secret as the activity log may show it: `********` when set, null when not. */
function shownSecret(value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : maskedSecret;
}

/**
 * What a connection's create, update or delete changed, as the administration's `config_changed`
 * entries show it (`{ name, before, after }`): secrets only ever appear as `********`. A secret sent
 * again (not the mask, not empty) counts as changed even though both sides read `********`.
 */
export function connectionChanges(before: WmsConnectionView | null, after: WmsConnectionView | null, input?: unknown): SettingChange[] {
  const changes: SettingChange[] = [];
  const source = before ?? after;
  if (source === null) {
    return changes;
  }
  for (const name of Object.keys(source) as (keyof WmsConnectionView)[]) {
    if (unlogged.has(name)) {
      continue;
    }
    const was = before ? before[name] : null;
    const now = after ? after[name] : null;
    if (!same(was, now)) {
      changes.push({ name, before: was, after: now });
    }
  }
  const sent = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  for (const name of secretFields) {
    const was = shownSecret(before?.[name]);
    const now = shownSecret(after?.[name]);
    const value = sent[name];
    const replaced = typeof value === 'string' && value !== '' && value !== maskedSecret;
    if (was !== now || (before !== null && after !== null && replaced)) {
      changes.push({ name, before: was, after: now });
    }
  }
  return changes;
}
