import { describe, expect, it } from 'vitest';
import { checkNumberingFormat, checkNumberingFormats, formatDocumentNumber, formatsCanCollide, seriesKey } from './numbering';

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

  it('refuses a format whose numbers a spreadsheet would read as a formula', () => {
    for (const format of ['={00000}', '+FA{000}', '-{0}', '@FA-{000}', '\tFA-{000}']) {
      expect(checkNumberingFormat(format).map((issue) => issue.code), format).toEqual(['NUMEROTATION_DEBUT_FORMULE']);
    }
    expect(checkNumberingFormat('FA-{0}=')).toEqual([]);
    expect(checkNumberingFormat('{YYYY}-{00000}')).toEqual([]);
  });
});

/** Every number `format` writes for the sequences 1…`upTo` on each date. */
function written(format: string, dates: readonly string[], upTo: number): Set<string> {
  return new Set(dates.flatMap((date) => Array.from({ length: upTo }, (_, index) => formatDocumentNumber(format, index + 1, date))));
}

describe('formats that can write the same number', () => {
  it('finds the pairs that share a number, each shown by a number both really write', () => {
    // [format, sequence, date] twice, writing the same number.
    const pairs: [[string, number, string], [string, number, string]][] = [
      [['FA-{YYYY}-{00000}', 1, '2026-03-01'], ['FA-{YYYY}-{00000}', 1, '2026-03-01']],
      [['FA-{YYYY}-{00000}', 8, '2026-03-01'], ['FA-{YYYY}-0{0000}', 8, '2026-03-01']],
      [['FA-{YYYY}-{00000}', 12_345, '2026-03-01'], ['FA-{YYYY}-{000}', 12_345, '2026-03-01']],
      [['F{00}', 261, '2026-03-01'], ['F{YY}{0}', 1, '2026-03-01']],
      [['{YYYY}{0000}', 7, '2026-03-01'], ['{0000}', 20_260_007, '2026-03-01']],
      [['FA{MM}-{000}', 7, '2026-03-01'], ['FA03-{000}', 7, '2027-11-01']],
      [['AV-{YY}{MM}{000}', 12, '2026-01-05'], ['AV-{YY}{00000}', 1012, '2026-07-01']],
    ];
    for (const [[first, n, day], [second, m, otherDay]] of pairs) {
      expect(formatDocumentNumber(first, n, day)).toBe(formatDocumentNumber(second, m, otherDay));
      expect(formatsCanCollide(first, second), `${first} / ${second}`).toBe(true);
      expect(formatsCanCollide(second, first), `${second} / ${first}`).toBe(true);
    }
  });

  it('keeps apart formats a literal character tells apart', () => {
    const apart: [string, string][] = [
      ['DE-{YYYY}-{00000}', 'FA-{YYYY}-{00000}'],
      ['FA-{YYYY}-{00000}', 'AV-{YYYY}-{00000}'],
      ['F-{00000}', 'F-A{00000}'],
      ['{YYYY}-{00000}', 'AV-{YYYY}-{00000}'],
      ['FA{YY}{MM}-{000}', 'FA{YY}{MM}/{000}'],
      ['F{000}', 'F{000}-A'],
    ];
    for (const [first, second] of apart) {
      expect(formatsCanCollide(first, second), `${first} / ${second}`).toBe(false);
      expect(formatsCanCollide(second, first), `${second} / ${first}`).toBe(false);
    }
  });

  it('agrees with the numbers the formats really write, on small formats', () => {
    // Brute force over every pair of a family of short formats: what the check says against what
    // both formats write for sequences 1…1 200 in three years and two months.
    const family = ['F{0}', 'F{00}', 'F{000}', 'F{YY}{0}', 'F{0}{YY}', 'F{MM}{0}', 'F1{0}', 'F{0}1', 'F-{0}', 'F{0}-', 'G{0}', '{0}F'];
    const dates = ['2001-01-01', '2011-11-01', '2012-10-01'];
    const numbers = new Map(family.map((format) => [format, written(format, dates, 1200)]));
    const verdicts = { shared: 0, apart: 0 };
    for (const first of family) {
      for (const second of family) {
        const others = numbers.get(second)!;
        if ([...numbers.get(first)!].some((number) => others.has(number))) {
          verdicts.shared += 1;
          expect(formatsCanCollide(first, second), `${first} / ${second}`).toBe(true);
        } else if (!formatsCanCollide(first, second)) {
          verdicts.apart += 1;
        }
      }
    }
    // Both answers occur: the family tells the check something either way.
    expect(verdicts.shared).toBeGreaterThan(40);
    expect(verdicts.apart).toBeGreaterThan(20);
  });

  it('names the two kinds on each of them, in French, and leaves the usual formats alone', () => {
    expect(checkNumberingFormats({ devis: 'DE-{YYYY}-{00000}', facture: 'FA-{YYYY}-{00000}', avoir: 'AV-{YYYY}-{00000}' })).toEqual({ devis: [], facture: [], avoir: [] });
    expect(checkNumberingFormats({ devis: 'DE-{YYYY}-{0000}', facture: 'FA{YYYY}{0000}', avoir: 'AV-{YY}{MM}-{000}' })).toEqual({ devis: [], facture: [], avoir: [] });
    const issues = checkNumberingFormats({ devis: 'DE-{YYYY}-{00000}', facture: 'F-{YYYY}-{00000}', avoir: 'F-{YYYY}-{000}' });
    expect(issues.devis).toEqual([]);
    const message =
      'Les factures (F-{YYYY}-{00000}) et les avoirs (F-{YYYY}-{000}) peuvent recevoir le même numéro : donnez à chacun un préfixe qui lui est propre, par exemple DE-, FA- et AV-';
    expect(issues.facture).toEqual([{ code: 'NUMEROTATION_FORMATS_CONFONDUS', other: 'avoir', message }]);
    expect(issues.avoir).toEqual([{ code: 'NUMEROTATION_FORMATS_CONFONDUS', other: 'facture', message }]);
    // A format wrong on its own is explained as such, not compared.
    expect(checkNumberingFormats({ devis: 'FA-{YYYY}', facture: 'FA-{YYYY}-{00000}', avoir: 'AV-{00000}' }).facture).toEqual([]);
  });
});
