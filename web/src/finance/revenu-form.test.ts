import type { RevenuPalette } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { revenuForm } from './revenu-form';

describe('revenue per pallet form', () => {
  it('takes euros and stores integer cents', () => {
    const values = { ...revenuForm.empty(), destination: 'Lyon', revenu_par_palette: '42,10' };
    expect(revenuForm.validate(values)).toEqual({});
    expect(revenuForm.fromForm(values).revenu_par_palette).toBe(4210);
    const doc: RevenuPalette = { id: '11111111-1111-4111-8111-111111111111', rev: 1, updated_at: '2026-01-01T00:00:00.000Z', destination: 'Lyon', revenu_par_palette: 4210 };
    expect(revenuForm.toForm(doc).revenu_par_palette).toBe('42,10');
  });

  it('refuses a missing or malformed amount and a period ending before it starts', () => {
    expect(revenuForm.validate({ ...revenuForm.empty(), destination: 'Lyon' })['revenu_par_palette']).toBeDefined();
    expect(revenuForm.validate({ ...revenuForm.empty(), destination: 'Lyon', revenu_par_palette: '1,234' })['revenu_par_palette']).toBeDefined();
    const reversed = { ...revenuForm.empty(), destination: 'Lyon', revenu_par_palette: '10', date_debut: '2026-02-01', date_fin: '2026-01-01' };
    expect(revenuForm.validate(reversed)['date_fin']?.key).toBe('errors.PERIODE_FIN_AVANT_DEBUT');
  });
});
