import { describe, expect, it } from 'vitest';
import { importId, nameKey, optionalBoolean, optionalCents, optionalDate, optionalInteger, optionalTime } from './values';

describe('values written by hand in the old files', () => {
  it('turns euros (numbers, strings, comma decimals) into integer cents', () => {
    expect(optionalCents(185.5, 'prix')).toBe(18550);
    expect(optionalCents('19,99', 'prix')).toBe(1999);
    expect(optionalCents('1 250,50 €', 'prix')).toBe(125050);
    expect(optionalCents(0.1 + 0.2, 'prix')).toBe(30);
    expect(optionalCents('', 'prix')).toBeUndefined();
    expect(() => optionalCents('-5', 'prix')).toThrow('prix : montant négatif (« -5 »)');
    expect(() => optionalCents('douze', 'prix')).toThrow('prix : nombre attendu, reçu « douze »');
  });

  it('reads integers, booleans, dates and times leniently but never guesses', () => {
    expect(optionalInteger('22', 'palettes')).toBe(22);
    expect(() => optionalInteger('2,5', 'palettes')).toThrow(/nombre entier attendu/);
    expect(optionalBoolean('false', 'actif')).toBe(false);
    expect(optionalBoolean('Oui', 'actif')).toBe(true);
    expect(() => optionalBoolean('peut-être', 'actif')).toThrow(/oui\/non attendu/);
    expect(optionalDate('12/09/2025', 'date')).toBe('2025-09-12');
    expect(() => optionalDate('2025.09.12', 'date')).toThrow(/date attendue/);
    expect(optionalTime('6:30', 'heure')).toBe('06:30');
    expect(optionalTime('07h45', 'heure')).toBe('07:45');
    expect(optionalTime('26:15', 'heure')).toBe('26:15');
  });

  it('derives stable ids and name keys', () => {
    expect(importId('voyage', 'bru-01')).toBe(importId('voyage', 'bru-01'));
    expect(importId('voyage', 'bru-01')).not.toBe(importId('mission', 'bru-01'));
    expect(importId('voyage', 'bru-01')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameKey('  Transports   DUPRÉ ')).toBe('transports dupre');
  });
});
