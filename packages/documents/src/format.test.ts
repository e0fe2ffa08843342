import { describe, expect, it } from 'vitest';
import { addressLines, formatDateFr, formatEurosFr, formatIban, formatQuantity, formatRateBp, formatSiren, formatTerms } from './format';

const nb = (text: string): string => text.replace(/ /g, '\u00a0');

describe('French formats for documents', () => {
  it('formats cents as euros with no-break spaces, no float on the way', () => {
    expect(formatEurosFr(123_456)).toBe(nb('1 234,56 €'));
    expect(formatEurosFr(0)).toBe(nb('0,00 €'));
    expect(formatEurosFr(5)).toBe(nb('0,05 €'));
    expect(formatEurosFr(-500)).toBe(nb('-5,00 €'));
    expect(formatEurosFr(1_000_000_000_01)).toBe(nb('1 000 000 000,01 €'));
    expect(() => formatEurosFr(1.5)).toThrow(RangeError);
  });

  it('formats rates, quantities and days', () => {
    expect(formatRateBp(2000)).toBe(nb('20 %'));
    expect(formatRateBp(550)).toBe(nb('5,5 %'));
    expect(formatRateBp(1215)).toBe(nb('12,15 %'));
    expect(formatRateBp(5)).toBe(nb('0,05 %'));
    expect(formatQuantity(2)).toBe('2');
    expect(formatQuantity(2.5)).toBe('2,5');
    expect(formatQuantity(-1234.125)).toBe(nb('-1 234,125'));
    expect(formatQuantity(0.001)).toBe('0,001');
    expect(formatDateFr('2026-01-05')).toBe('05/01/2026');
    expect(() => formatDateFr('05/01/2026')).toThrow(RangeError);
  });

  it('formats identifiers, terms and addresses', () => {
    expect(formatSiren('123456789')).toBe('123 456 789');
    expect(formatSiren('12345678900012')).toBe('123 456 789 00012');
    expect(formatIban('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(formatTerms({ jours: 0, fin_de_mois: false })).toBe('à réception');
    expect(formatTerms({ jours: 30, fin_de_mois: false })).toBe('30 jours');
    expect(formatTerms({ jours: 45, fin_de_mois: true })).toBe('45 jours fin de mois');
    expect(addressLines({ ligne1: '1 rue A', code_postal: '75001', ville: 'Paris', pays: 'France' })).toEqual(['1 rue A', '75001 Paris']);
    expect(addressLines({ ligne1: '1 rue A', ligne2: 'BP 12', code_postal: '1000', ville: 'Bruxelles', pays: 'Belgique' })).toEqual(['1 rue A', 'BP 12', '1000 Bruxelles', 'Belgique']);
  });
});
