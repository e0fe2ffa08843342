import { describe, expect, it } from 'vitest';
import { checkNumberingFormat, formatDocumentNumber, seriesKey } from './numbering';

describe('invoice numbering formats', () => {
  it('fills the year, the month and the zero-padded sequence', () => {
    expect(formatDocumentNumber('FA-{YYYY}-{00000}', 42, '2026-11-27')).toBe('FA-2026-00042');
    expect(formatDocumentNumber('AV{YY}{MM}-{000}', 7, '2027-01-03')).toBe('AV2701-007');
    // A sequence longer than its padding is written whole, never cut.
    expect(formatDocumentNumber('F{00}', 123, '2026-01-01')).toBe('F123');
  });

  it('keys the series by the filled date tokens, so a yearly format restarts each year', () => {
    expect(seriesKey('FA-{YYYY}-{00000}', '2026-12-31')).toBe('FA-2026-#');
    expect(seriesKey('FA-{YYYY}-{00000}', '2027-01-01')).toBe('FA-2027-#');
    expect(seriesKey('FA-{00000}', '2027-01-01')).toBe('FA-#');
  });

  it('accepts a format with one sequence and known tokens only', () => {
    expect(checkNumberingFormat('FA-{YYYY}-{00000}')).toEqual([]);
    expect(checkNumberingFormat('FA-{YYYY}').map((issue) => issue.code)).toEqual(['NUMEROTATION_SANS_SEQUENCE']);
    expect(checkNumberingFormat('FA-{000}-{000}').map((issue) => issue.code)).toEqual(['NUMEROTATION_SANS_SEQUENCE']);
    expect(checkNumberingFormat('FA-{DD}-{000}').map((issue) => issue.code)).toEqual(['NUMEROTATION_JETON_INCONNU']);
    expect(checkNumberingFormat(`${'X'.repeat(40)}{0}`).map((issue) => issue.code)).toEqual(['NUMEROTATION_TROP_LONGUE']);
  });

  it('refuses sequence numbers below 1', () => {
    expect(() => formatDocumentNumber('FA-{000}', 0, '2026-01-01')).toThrow(RangeError);
  });
});
