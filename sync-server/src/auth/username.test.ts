import { describe, expect, it } from 'vitest';
import { normalizeUsername } from './username';

describe('normalizeUsername', () => {
  it.each([
    ['DOMAIN\\jean.dupont', 'JEAN.DUPONT'],
    ['DOMAIN/jean.dupont', 'JEAN.DUPONT'],
    ['jean.dupont', 'JEAN.DUPONT'],
    ['  Jean.Dupont  ', 'JEAN.DUPONT'],
    ['SOCIETE\\SOUS\\jean.dupont', 'JEAN.DUPONT'],
    ['admin', 'ADMIN'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeUsername(raw)).toBe(expected);
  });
});
