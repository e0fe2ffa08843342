import type { RevenuPalette, SstTarif } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { missionCost, missionRevenue, sameDestination } from './finance';

function revenu(overrides: Partial<RevenuPalette>): RevenuPalette {
  return { id: 'r1', rev: 1, updated_at: '2026-01-01T00:00:00.000Z', destination: 'Saint-Égrève (38)', revenu_par_palette: 4_500, ...overrides };
}

function tarif(overrides: Partial<SstTarif>): SstTarif {
  return { id: 't1', destination: 'Saint-Égrève (38)', prix: 35_000, unite: 'voyage', ...overrides };
}

const delivery = { destination: 'Saint-Égrève (38)', pays: 'France', date_mission: '2026-03-10', nb_palettes: 10 };

describe('sameDestination', () => {
  it('ignores case, accents and extra spaces', () => {
    expect(sameDestination('Saint-Égrève (38)', '  saint-egreve   (38) ')).toBe(true);
    expect(sameDestination('Saint-Égrève (38)', 'Saint-Égrève (73)')).toBe(false);
  });
});

describe('missionRevenue', () => {
  it('multiplies the revenue per pallet of the destination by the pallets, in cents', () => {
    expect(missionRevenue(delivery, [revenu({})])).toBe(45_000);
  });

  it('matches the destination without case or accents', () => {
    expect(missionRevenue({ ...delivery, destination: 'SAINT-EGREVE (38)' }, [revenu({})])).toBe(45_000);
  });

  it('prefers the entry naming the country, whatever the order', () => {
    const generic = revenu({ id: 'generic', revenu_par_palette: 4_000, date_debut: '2026-03-01' });
    const france = revenu({ id: 'fr', revenu_par_palette: 5_000, pays: 'france' });
    expect(missionRevenue(delivery, [generic, france])).toBe(50_000);
    expect(missionRevenue(delivery, [france, generic])).toBe(50_000);
  });

  it('ignores an entry for another country', () => {
    expect(missionRevenue(delivery, [revenu({ pays: 'Belgique' })])).toBeUndefined();
  });

  it('applies an entry from its first to its last day, both included, and the most recent one', () => {
    const old = revenu({ id: 'old', revenu_par_palette: 4_000, date_fin: '2026-03-09' });
    const current = revenu({ id: 'new', revenu_par_palette: 4_200, date_debut: '2026-03-10', date_fin: '2026-03-31' });
    expect(missionRevenue({ ...delivery, date_mission: '2026-03-09' }, [old, current])).toBe(40_000);
    expect(missionRevenue(delivery, [old, current])).toBe(42_000);
    expect(missionRevenue({ ...delivery, date_mission: '2026-03-31' }, [old, current])).toBe(42_000);
    expect(missionRevenue({ ...delivery, date_mission: '2026-04-01' }, [old, current])).toBeUndefined();
    const open = revenu({ id: 'open', revenu_par_palette: 3_000 });
    expect(missionRevenue(delivery, [open, current])).toBe(42_000);
  });

  it('knows nothing without pallets or without an entry', () => {
    expect(missionRevenue({ ...delivery, nb_palettes: undefined }, [revenu({})])).toBeUndefined();
    expect(missionRevenue({ ...delivery, destination: 'Vitrolles (13)' }, [revenu({})])).toBeUndefined();
  });
});

describe('missionCost', () => {
  it('charges a per-run tariff once, whatever the pallets', () => {
    expect(missionCost(delivery, [tarif({ unite: 'voyage', prix: 35_000 })])).toBe(35_000);
    expect(missionCost({ ...delivery, nb_palettes: undefined }, [tarif({ unite: 'voyage', prix: 35_000 })])).toBe(35_000);
  });

  it('charges a per-pallet tariff by the pallet', () => {
    expect(missionCost(delivery, [tarif({ unite: 'palette', prix: 3_000 })])).toBe(30_000);
    expect(missionCost({ ...delivery, nb_palettes: undefined }, [tarif({ unite: 'palette', prix: 3_000 })])).toBeUndefined();
  });

  it('ignores per-km tariffs, even when they name the country', () => {
    expect(missionCost(delivery, [tarif({ unite: 'km', prix: 150 })])).toBeUndefined();
    expect(missionCost(delivery, [tarif({ unite: 'km', prix: 150, pays: 'France' }), tarif({ id: 't2', unite: 'voyage', prix: 35_000 })])).toBe(35_000);
  });

  it('prefers the country-specific tariff and respects validity dates', () => {
    const generic = tarif({ id: 'generic', prix: 30_000 });
    const france = tarif({ id: 'fr', prix: 32_000, pays: 'France', date_fin: '2026-03-09' });
    expect(missionCost({ ...delivery, date_mission: '2026-03-09' }, [generic, france])).toBe(32_000);
    expect(missionCost(delivery, [generic, france])).toBe(30_000);
  });
});
