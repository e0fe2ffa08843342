/**
 * The one spelling of a user name: without its Windows domain (`DOMAIN\jean.dupont`,
 * `DOMAIN/jean.dupont`), trimmed, upper case. TomatoPlan's clients send the Windows login as typed.
 */
export function normalizeUsername(raw: string): string {
  const parts = raw.trim().split(/[\\/]/);
  return (parts[parts.length - 1] ?? '').trim().toUpperCase();
}
