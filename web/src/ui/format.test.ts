import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, isoDay, isValidDay, shiftDay } from './format';

describe('format', () => {
  it('formats local days', () => {
    expect(isoDay(new Date(2025, 0, 5))).toBe('2025-01-05');
  });

  it('shifts days across months and years', () => {
    expect(shiftDay('2025-01-31', 1)).toBe('2025-02-01');
    expect(shiftDay('2025-01-01', -1)).toBe('2024-12-31');
    expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('validates days', () => {
    expect(isValidDay('2025-02-28')).toBe(true);
    expect(isValidDay('2025-02-30')).toBe(false);
    expect(isValidDay('')).toBe(false);
  });

  it('shows the day only for timestamps of another day', () => {
    const now = new Date(2025, 0, 15, 12, 0, 0);
    expect(formatClock(new Date(2025, 0, 15, 8, 5, 9).toISOString(), 'fr', now)).toBe('08:05:09');
    expect(formatClock(new Date(2025, 0, 14, 8, 5, 9).toISOString(), 'fr', now)).toContain('14/01');
  });
});

describe('formatCount', () => {
  it('groups thousands as each language writes them', () => {
    expect(formatCount(12_000, 'fr').replace(/\s/g, ' ')).toBe('12 000');
    expect(formatCount(20_000, 'en')).toBe('20,000');
    expect(formatCount(950, 'fr')).toBe('950');
  });
});
