import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatInstant, progressPercent } from './admin-format';

describe('admin-format', () => {
  it('writes sizes with French or English units', () => {
    expect(formatBytes(512, 'fr')).toBe('512 o');
    expect(formatBytes(1536, 'fr')).toBe('1,5 Ko');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024, 'fr')).toBe('250 Mo');
  });

  it('writes durations without raw seconds past a minute', () => {
    expect(formatDuration(42, 'fr')).toBe('42 s');
    expect(formatDuration(125, 'fr')).toBe('2 min');
    expect(formatDuration(2 * 86_400 + 3 * 3600 + 5 * 60, 'fr')).toBe('2 j 3 h 05 min');
    expect(formatDuration(3 * 3600 + 5 * 60, 'en')).toBe('3 h 05 min');
  });

  it('never shows an ISO instant', () => {
    const shown = formatInstant('2026-12-06T14:04:00.000Z', 'fr');
    expect(shown).toMatch(/^06\/12\/2026 \d\d:04$/);
    expect(formatInstant(null, 'fr')).toBe('—');
    expect(formatInstant('pas une date', 'fr')).toBe('—');
  });

  it('turns progress into a percentage only when the total is known', () => {
    expect(progressPercent({ done: 3, total: 4 })).toBe(75);
    expect(progressPercent({ done: 9, total: 4 })).toBe(100);
    expect(progressPercent({ done: 3, total: null })).toBeNull();
    expect(progressPercent(null)).toBeNull();
  });
});
