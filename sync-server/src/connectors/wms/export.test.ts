import { describe, expect, it } from 'vitest';
import { checkReadOnlyQuery } from './export';

describe('saved export queries', () => {
  it('accepts one SELECT, with strings and comments holding anything', () => {
    expect(checkReadOnlyQuery("SELECT numero, client FROM expedition WHERE client LIKE '%; DROP TABLE x%' -- ; delete\n;")).toBe(
      "SELECT numero, client FROM expedition WHERE client LIKE '%; DROP TABLE x%' -- ; delete",
    );
    expect(checkReadOnlyQuery('(SELECT 1) UNION (SELECT 2)')).toBe('(SELECT 1) UNION (SELECT 2)');
  });

  it.each([
    'DELETE FROM expedition',
    'SELECT 1; DROP TABLE expedition',
    "SELECT * FROM expedition INTO OUTFILE '/tmp/x'",
    'SELECT * FROM expedition FOR UPDATE',
    'SELECT id INTO @x FROM expedition',
    'WITH x AS (SELECT 1) UPDATE expedition SET statut = 1',
    '/* SELECT */ UPDATE expedition SET statut = 1',
  ])('refuses %s', (sql) => {
    expect(() => checkReadOnlyQuery(sql)).toThrow(/Requête refusée/);
  });
});
