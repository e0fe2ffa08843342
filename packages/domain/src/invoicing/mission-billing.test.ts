import type { Mission, RevenuPalette } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { documentTotals } from './totals';
import { billableMissions, billedMissionIds, missionBillingIssues, missionLines, missionPrice, unpricedMissions } from './mission-billing';

const revenus: RevenuPalette[] = [
  { id: 'r1', rev: 1, updated_at: '2026-01-01T00:00:00.000Z', destination: 'Grenoble', revenu_par_palette: 4_500 },
];

function mission(overrides: Partial<Mission>): Mission {
  return {
    id: 'm1',
    rev: 1,
    updated_at: '2026-12-01T00:00:00.000Z',
    date_mission: '2026-12-08',
    heure_debut: '06:00',
    type_mission: 'livraison',
    depart: 'Lyon',
    destination: 'Grenoble',
    nb_palettes: 10,
    statut: 'termine',
    client_id: 'c1',
    ...overrides,
  };
}

function ids(): () => string {
  let next = 0;
  return () => `l${++next}`;
}

describe('missionPrice', () => {
  it('is the price typed by hand (or derived by the server) when the mission has one', () => {
    expect(missionPrice(mission({ revenu: 12_345 }), revenus)).toBe(12_345);
  });

  it('is the revenue per pallet of the destination × pallets otherwise, as TomatoPlan computes it', () => {
    expect(missionPrice(mission({}), revenus)).toBe(45_000);
    expect(missionPrice(mission({ destination: 'GRENOBLE ' }), revenus)).toBe(45_000);
  });

  it('is unknown without pallets or a revenue for the destination', () => {
    expect(missionPrice(mission({ nb_palettes: undefined }), revenus)).toBeUndefined();
    expect(unpricedMissions([mission({ id: 'a' }), mission({ id: 'b', destination: 'Nice' })], revenus).map((m) => m.id)).toEqual(['b']);
  });
});

describe('billableMissions', () => {
  const period = { client_id: 'c1', from: '2026-12-07', to: '2026-12-13' };

  it('keeps the delivered missions of the customer in the period that no invoice bills, by day and time', () => {
    const found = billableMissions(
      [
        mission({ id: 'late', date_mission: '2026-12-09', heure_debut: '05:00' }),
        mission({ id: 'early', date_mission: '2026-12-08', heure_debut: '07:00' }),
        mission({ id: 'planned', statut: 'planifie' }),
        mission({ id: 'cancelled', statut: 'annule' }),
        mission({ id: 'other', client_id: 'c2' }),
        mission({ id: 'none', client_id: undefined }),
        mission({ id: 'billed', facture_id: 'f1' }),
        mission({ id: 'before', date_mission: '2026-12-06' }),
        mission({ id: 'last-day', date_mission: '2026-12-13' }),
        mission({ id: 'after', date_mission: '2026-12-14' }),
      ],
      period,
    );
    expect(found.map((m) => m.id)).toEqual(['early', 'late', 'last-day']);
  });
});

describe('missionLines', () => {
  const voyages = [{ id: 'v1', code: 'LYG', nom: 'Lyon → Grenoble' }];
  const week = [
    mission({ id: 'a', voyage_id: 'v1', date_mission: '2026-12-08', nb_palettes: 10 }),
    mission({ id: 'b', voyage_id: 'v1', date_mission: '2026-12-10', nb_palettes: 6, revenu: 30_001 }),
    mission({ id: 'c', date_mission: '2026-12-09', destination: 'Grenoble', depart: undefined, nb_palettes: 2, numero: 'M-12' }),
    mission({ id: 'nope', destination: 'Nice' }),
  ];

  it('makes one line per priced mission, citing it, priced to the cent', () => {
    const lines = missionLines({ missions: week, voyages, revenus, grouping: 'mission', taux_tva_bp: 2_000, newId: ids() });
    expect(lines.map((line) => [line.designation, line.quantite, line.prix_unitaire_ht, line.mission_ids])).toEqual([
      ['Transport Lyon → Grenoble du 08/12/2026, 10 palettes', 1, 45_000, ['a']],
      ['Transport Lyon → Grenoble du 10/12/2026, 6 palettes', 1, 30_001, ['b']],
      ['Transport Grenoble du 09/12/2026, 2 palettes (mission M-12)', 1, 9_000, ['c']],
    ]);
    expect(lines.every((line) => line.taux_tva_bp === 2_000)).toBe(true);
    const totals = documentTotals(lines, 'normale');
    expect(totals.total_ht).toBe(84_001);
    expect(totals.total_ttc).toBe(100_801);
  });

  it('groups the missions of a voyage on one line, the others alone, with the same total', () => {
    const lines = missionLines({ missions: week, voyages, revenus, grouping: 'voyage', taux_tva_bp: 2_000, newId: ids() });
    expect(lines.map((line) => [line.designation, line.prix_unitaire_ht, line.mission_ids])).toEqual([
      ['Voyage LYG Lyon → Grenoble : 2 transports du 08/12/2026 au 10/12/2026, 16 palettes', 75_001, ['a', 'b']],
      ['Transport Grenoble du 09/12/2026, 2 palettes (mission M-12)', 9_000, ['c']],
    ]);
    expect(documentTotals(lines, 'normale').total_ht).toBe(84_001);
    expect([...billedMissionIds(lines)]).toEqual(['a', 'b', 'c']);
  });
});

describe('missionBillingIssues', () => {
  const missions = new Map([
    ['free', mission({ id: 'free' })],
    ['mine', mission({ id: 'mine', facture_id: 'f1' })],
    ['taken', mission({ id: 'taken', facture_id: 'f2' })],
    ['orphan', mission({ id: 'orphan', facture_id: 'gone' })],
    ['other', mission({ id: 'other', client_id: 'c2' })],
    ['planned', mission({ id: 'planned', statut: 'planifie' })],
  ]);
  const facts = { facture: { id: 'f1', contact_id: 'c1' }, missions, factureExists: (id: string) => id !== 'gone' };

  it('accepts delivered missions of the customer, free or already on this invoice, or left by a deleted one', () => {
    expect(missionBillingIssues([{ id: 'l1', mission_ids: ['free', 'mine', 'orphan'] }, { id: 'l2' }], facts).size).toBe(0);
  });

  it('refuses a mission another live invoice bills, an unknown one, another customer’s, an undelivered one, one cited twice', () => {
    const issues = missionBillingIssues(
      [
        { id: 'l1', mission_ids: ['taken', 'free'] },
        { id: 'l2', mission_ids: ['missing', 'other', 'planned'] },
        { id: 'l3', mission_ids: ['free'] },
      ],
      facts,
    );
    expect(issues.get('l1')).toEqual([{ code: 'MISSION_DEJA_FACTUREE', mission_id: 'taken', facture_id: 'f2' }]);
    expect(issues.get('l2')?.map((issue) => issue.code)).toEqual(['MISSION_INCONNUE', 'MISSION_AUTRE_CLIENT', 'MISSION_NON_LIVREE']);
    expect(issues.get('l3')).toEqual([{ code: 'MISSION_EN_DOUBLE', mission_id: 'free' }]);
  });
});
