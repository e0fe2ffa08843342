import type { Sst } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { removeContact, setPrimary, sstFinanceForm, sstForm, type ContactRow } from './sst-form';

const contactId = '22222222-2222-4222-8222-222222222222';
const tarifId = '33333333-3333-4333-8333-333333333333';

const existing: Sst = {
  id: '11111111-1111-4111-8111-111111111111',
  rev: 2,
  updated_at: '2026-01-01T00:00:00.000Z',
  code: 'TR1',
  nom: 'Transports Dupont',
  is_active: true,
  contacts: [{ id: contactId, email: 'a@dupont.fr', is_primary: true }],
  tarifs: [{ id: tarifId, destination: 'Lyon', prix: 45050, unite: 'voyage' }],
};

describe('sst form', () => {
  it('shows tariffs in euros and stores integer cents', () => {
    const values = sstFinanceForm.toForm(existing);
    expect(values.tarifs[0]?.prix).toBe('450,50');
    const changed = { ...values, tarifs: values.tarifs.map((row) => ({ ...row, prix: '19,99' })) };
    expect(sstFinanceForm.patch(existing, changed)).toEqual({ tarifs: [{ id: tarifId, destination: 'Lyon', prix: 1999, unite: 'voyage' }] });
    const wrong = { ...values, tarifs: values.tarifs.map((row) => ({ ...row, prix: '12,345' })) };
    expect(sstFinanceForm.validate(wrong, existing)['tarifs']).toBeDefined();
  });

  it('never sends the tariffs for a role that cannot see them', () => {
    const hidden: Sst = { ...existing };
    delete hidden.tarifs;
    const values = sstForm.toForm(hidden);
    expect('tarifs' in values).toBe(false);
    const patch = sstForm.patch(hidden, { ...values, nom: 'Dupont SA' });
    expect(patch).toEqual({ nom: 'Dupont SA' });
    expect('tarifs' in sstForm.fromForm(values)).toBe(false);
  });

  it('refuses a tariff ending before it starts', () => {
    const values = sstFinanceForm.toForm(existing);
    const reversed = { ...values, tarifs: values.tarifs.map((row) => ({ ...row, date_debut: '2026-02-01', date_fin: '2026-01-01' })) };
    expect(sstFinanceForm.validate(reversed, existing)['tarifs']?.key).toBe('errors.PERIODE_FIN_AVANT_DEBUT');
  });

  it('keeps exactly one primary contact', () => {
    const rows: ContactRow[] = [
      { id: 'a', email: '', nom_contact: '', fonction: '', is_primary: true },
      { id: 'b', email: '', nom_contact: '', fonction: '', is_primary: false },
    ];
    expect(setPrimary(rows, 'b').map((row) => row.is_primary)).toEqual([false, true]);
    expect(removeContact(rows, 'a')).toEqual([{ ...rows[1], is_primary: true }]);
  });
});
