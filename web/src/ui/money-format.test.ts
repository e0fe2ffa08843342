import { describe, expect, it } from 'vitest';
import { eurosInput, formatEuros, formatMinutes, parseEuros, parseMinutes } from './format';

describe('euros and cents', () => {
  it('parses typed euros as integer cents without floats', () => {
    expect(parseEuros('12,5')).toBe(1250);
    expect(parseEuros('12.34')).toBe(1234);
    expect(parseEuros('1 234,56 €')).toBe(123456);
    expect(parseEuros('0,07')).toBe(7);
    expect(parseEuros('19,99')).toBe(1999);
    expect(parseEuros('')).toBeUndefined();
    expect(parseEuros('1,234')).toBeNaN();
    expect(parseEuros('-3')).toBeNaN();
    expect(parseEuros('abc')).toBeNaN();
  });

  it('shows cents as an input value and back', () => {
    expect(eurosInput(123456)).toBe('1234,56');
    expect(eurosInput(7)).toBe('0,07');
    expect(eurosInput(undefined)).toBe('');
    expect(parseEuros(eurosInput(1999))).toBe(1999);
  });

  it('formats cents as euros', () => {
    expect(formatEuros(123456).replace(/\s/g, ' ')).toBe('1 234,56 €');
  });
});

describe('minutes', () => {
  it('formats and parses h:mm', () => {
    expect(formatMinutes(545)).toBe('9:05');
    expect(formatMinutes(0)).toBe('0:00');
    expect(formatMinutes(undefined)).toBe('');
    expect(parseMinutes('9:05')).toBe(545);
    expect(parseMinutes('90')).toBe(90);
    expect(parseMinutes('')).toBeUndefined();
    expect(parseMinutes('9h')).toBeNaN();
  });
});
