import { describe, expect, it } from 'vitest';
import { gfsExpired } from './retention';

/** One backup a day at 02:00 Paris time from 2026-09-01 to 2026-12-06, plus a second one on 2026-12-06 and a safety backup. */
function calendar() {
  const backups: { file: string; kind: 'backup' | 'safety'; started_at: string }[] = [];
  for (let at = Date.UTC(2026, 8, 1, 1); at <= Date.UTC(2026, 11, 6, 1); at += 86_400_000) {
    const day = new Date(at).toISOString().slice(0, 10);
    backups.push({ file: `ntl_wms_${day.replace(/-/g, '')}.sql.gz`, kind: 'backup', started_at: new Date(at).toISOString() });
  }
  backups.push({ file: 'ntl_wms_20261206-late.sql.gz', kind: 'backup', started_at: '2026-12-06T15:00:00.000Z' });
  backups.push({ file: 'ntl_wms_securite_20261001.sql.gz', kind: 'safety', started_at: '2026-10-01T10:00:00.000Z' });
  return backups;
}

describe('grandfather-father-son retention', () => {
  it('keeps the newest of each of the last 7 days, 4 ISO weeks and 3 months, nothing else', () => {
    const backups = calendar();
    const expired = new Set(gfsExpired(backups, { daily: 7, weekly: 4, monthly: 3 }, 'Europe/Paris'));
    const kept = backups.filter((backup) => !expired.has(backup.file)).map((backup) => backup.file);
    expect(kept.sort()).toEqual(
      [
        // Days: 6 Dec (the later one), 5, 4, 3, 2, 1 Dec, 30 Nov.
        'ntl_wms_20261206-late.sql.gz',
        'ntl_wms_20261205.sql.gz',
        'ntl_wms_20261204.sql.gz',
        'ntl_wms_20261203.sql.gz',
        'ntl_wms_20261202.sql.gz',
        'ntl_wms_20261201.sql.gz',
        'ntl_wms_20261130.sql.gz',
        // Weeks (Sunday is the newest of its ISO week): W49 → 6 Dec, W48 → 29 Nov, W47 → 22 Nov, W46 → 15 Nov.
        'ntl_wms_20261129.sql.gz',
        'ntl_wms_20261122.sql.gz',
        'ntl_wms_20261115.sql.gz',
        // Months: December → 6 Dec, November → 30 Nov, October → 31 Oct.
        'ntl_wms_20261031.sql.gz',
        // Safety backups are not the retention's.
        'ntl_wms_securite_20261001.sql.gz',
      ].sort(),
    );
  });

  it('never deletes the last good backup, even with nothing to keep', () => {
    const backups = calendar();
    const expired = gfsExpired(backups, { daily: 0, weekly: 0, monthly: 0 }, 'Europe/Paris');
    expect(expired).not.toContain('ntl_wms_20261206-late.sql.gz');
    expect(expired).toHaveLength(backups.length - 2);
  });
});
