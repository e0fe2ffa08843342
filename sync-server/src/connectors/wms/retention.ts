import type { WmsBackupManifest } from '@relais/schema';

export interface GfsPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

function dayKey(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** ISO week of a calendar day (`2026-W49`). */
function weekKey(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  // The Thursday of the week decides its year (ISO 8601).
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${week}`;
}

/**
 * Grandfather-father-son: the newest backup of each of the last `daily` days, of the last `weekly` ISO
 * weeks and of the last `monthly` months that have one, plus always the newest backup. Safety backups
 * (taken before a restore) are not the retention's to delete. Returns the files to delete.
 */
export function gfsExpired(manifests: readonly Pick<WmsBackupManifest, 'file' | 'kind' | 'started_at'>[], policy: GfsPolicy, timezone: string): string[] {
  const backups = manifests.filter((manifest) => manifest.kind === 'backup').sort((a, b) => b.started_at.localeCompare(a.started_at));
  const keep = new Set<string>();
  const newest = backups[0];
  if (newest) {
    keep.add(newest.file);
  }
  const bucket = (count: number, key: (day: string) => string): void => {
    const seen = new Set<string>();
    for (const backup of backups) {
      const k = key(dayKey(new Date(backup.started_at), timezone));
      if (seen.has(k)) {
        continue;
      }
      if (seen.size >= count) {
        break;
      }
      seen.add(k);
      keep.add(backup.file);
    }
  };
  bucket(policy.daily, (day) => day);
  bucket(policy.weekly, weekKey);
  bucket(policy.monthly, (day) => day.slice(0, 7));
  return backups.filter((backup) => !keep.has(backup.file)).map((backup) => backup.file);
}
