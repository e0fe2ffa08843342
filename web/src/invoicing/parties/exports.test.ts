import { describe, expect, it } from 'vitest';
import { attachmentName, exportPath, exportProblem, previousMonth } from './exports';

describe('invoicing exports from the PWA', () => {
  it('defaults to the previous month, across a year too', () => {
    expect(previousMonth('2026-11-27')).toEqual({ du: '2026-10-01', au: '2026-10-31' });
    expect(previousMonth('2027-01-05')).toEqual({ du: '2026-12-01', au: '2026-12-31' });
    expect(previousMonth('2028-03-01')).toEqual({ du: '2028-02-01', au: '2028-02-29' });
  });

  it('builds the server routes with the period, the company and the separator', () => {
    const request = { du: '2026-10-01', au: '2026-10-31', entrepriseId: 'e1', separateur: ';' as const };
    expect(exportPath('factures', request)).toBe('/api/invoicing/exports/factures.csv?du=2026-10-01&au=2026-10-31&entreprise_id=e1&separateur=%3B');
    expect(exportPath('reglements', { ...request, entrepriseId: undefined, separateur: ',' })).toBe(
      '/api/invoicing/exports/reglements.csv?du=2026-10-01&au=2026-10-31&separateur=%2C',
    );
    expect(exportPath('fec', request)).toBe('/api/invoicing/exports/fec?du=2026-10-01&au=2026-10-31&entreprise_id=e1');
  });

  it('says in French what is missing before asking', () => {
    const request = { du: '2026-10-01', au: '2026-10-31', separateur: ';' as const };
    expect(exportProblem('factures', request)).toBeUndefined();
    expect(exportProblem('fec', request)).toContain('choisissez');
    expect(exportProblem('factures', { ...request, au: '2026-09-30' })).toContain('précède');
    expect(exportProblem('factures', { ...request, du: '' })).toContain('deux dates');
  });

  it('takes the file name the server gives', () => {
    expect(attachmentName('attachment; filename="812345674FEC20261031.txt"', 'fec.txt')).toBe('812345674FEC20261031.txt');
    expect(attachmentName(null, 'factures.csv')).toBe('factures.csv');
  });
});
