/** How the console writes sizes, instants and durations, in the user's language (never raw ISO or bytes). */

const units: Record<'fr' | 'en', readonly string[]> = {
  fr: ['o', 'Ko', 'Mo', 'Go', 'To'],
  en: ['B', 'KB', 'MB', 'GB', 'TB'],
};

function unitsOf(language: string): readonly string[] {
  return language.startsWith('en') ? units.en : units.fr;
}

/** `1 536` → « 1,5 Ko » (fr) / "1.5 KB" (en); powers of 1 024. */
export function formatBytes(bytes: number, language: string): string {
  const names = unitsOf(language);
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1024 && index < names.length - 1) {
    value /= 1024;
    index += 1;
  }
  const digits = index === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${names[index] ?? ''}`;
}

/** An instant as « 06/12/2026 15:04 » in the user's language and time zone. */
export function formatInstant(iso: string | null | undefined, language: string): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '—';
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** A duration in seconds as « 2 j 3 h 05 min » (fr) / "2 d 3 h 05 min" (en); « 45 s » under a minute. */
export function formatDuration(seconds: number, language: string): string {
  const total = Math.max(0, Math.floor(seconds));
  if (total < 60) {
    return `${total} s`;
  }
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const parts: string[] = [];
  if (days > 0) {
    parts.push(`${days} ${language.startsWith('en') ? 'd' : 'j'}`);
  }
  if (days > 0 || hours > 0) {
    parts.push(`${hours} h`);
  }
  parts.push(`${String(minutes).padStart(parts.length > 0 ? 2 : 1, '0')} min`);
  return parts.join(' ');
}

/** The share of a run done, 0–100, or null when its total is unknown. */
export function progressPercent(progress: { done: number; total: number | null } | null): number | null {
  if (!progress || progress.total === null || progress.total <= 0) {
    return null;
  }
  return Math.min(100, Math.max(0, Math.round((progress.done / progress.total) * 100)));
}
