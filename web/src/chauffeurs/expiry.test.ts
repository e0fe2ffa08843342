import { describe, expect, it } from 'vitest';
import { expiryLevel, expiryWarnings } from './expiry';

describe('expiry warnings', () => {
  it('is red once the last valid day is past, orange within 30 days', () => {
    expect(expiryLevel('2026-03-09', '2026-03-10')).toBe('expired');
    expect(expiryLevel('2026-03-10', '2026-03-10')).toBe('soon');
    expect(expiryLevel('2026-04-09', '2026-03-10')).toBe('soon');
    expect(expiryLevel('2026-04-10', '2026-03-10')).toBeUndefined();
  });

  it('counts days across month ends and leap years', () => {
    expect(expiryLevel('2024-03-30', '2024-02-29')).toBe('soon');
    expect(expiryLevel('2024-03-31', '2024-02-29')).toBeUndefined();
    expect(expiryLevel('2025-12-31', '2026-01-01')).toBe('expired');
  });

  it('lists the warnings of each validity date of a chauffeur, ignoring absent and far dates', () => {
    const warnings = expiryWarnings(
      { permis_validite: '2026-01-01', fimo_validite: '2026-03-20', adr_validite: '2027-01-01' },
      '2026-03-10',
    );
    expect(warnings).toEqual([
      { field: 'permis_validite', level: 'expired', date: '2026-01-01', days: -68 },
      { field: 'fimo_validite', level: 'soon', date: '2026-03-20', days: 10 },
    ]);
    expect(expiryWarnings({}, '2026-03-10')).toEqual([]);
  });
});
