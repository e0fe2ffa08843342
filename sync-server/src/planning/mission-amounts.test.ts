import { hiddenFields, permissionsOf, type Role } from '@relais/domain';
import { newId } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { authTestApp, type AuthTestApp } from '../test-support/auth';

const stamp = '2026-11-27T08:00:00.000Z';
const sstId = newId();

function seed(relais: AuthTestApp): void {
  const write = (collection: 'revenus_palettes' | 'sst', doc: Record<string, unknown>): void => {
    expect(relais.store.push(collection, [{ newDocumentState: { id: newId(), rev: 1, updated_at: stamp, _deleted: false, ...doc } }], { actor: 'seed', source: 'import' })).toMatchObject({
      written: 1,
    });
  };
  write('revenus_palettes', { destination: 'Bruxelles', revenu_par_palette: 3_500, date_debut: '2026-01-01' });
  write('sst', {
    id: sstId,
    code: 'RHX',
    nom: 'Rhône Express',
    is_active: true,
    contacts: [],
    tarifs: [{ id: newId(), destination: 'Bruxelles', prix: 45_000, unite: 'voyage' }],
  });
}

function pushAs(relais: AuthTestApp, role: Role, doc: Record<string, unknown>, assumed?: Record<string, unknown>) {
  return relais.store.push('missions', [{ newDocumentState: doc, ...(assumed ? { assumedMasterState: assumed } : {}) }], {
    actor: role.toUpperCase(),
    source: 'replication',
    permissions: permissionsOf(role),
  });
}

const mission = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: newId(),
  rev: 1,
  updated_at: stamp,
  date_mission: '2026-12-07',
  heure_debut: '06:00',
  type_mission: 'livraison',
  destination: 'bruxelles',
  nb_palettes: 10,
  statut: 'planifie',
  _deleted: false,
  ...fields,
});

describe('amounts the server derives for a planned mission', () => {
  it('fills the revenue and the subcontracting cost of a planner’s mission, which the planner never sees', () => {
    const relais = authTestApp();
    seed(relais);
    const planned = mission({ sst_id: sstId });
    expect(pushAs(relais, 'planner', planned)).toMatchObject({ written: 1, conflicts: [] });
    expect(relais.store.get('missions', String(planned['id']))).toMatchObject({ revenu: 35_000, cout_sst: 45_000 });
    const seenByPlanner = relais.store.pull('missions', { seq: 0 }, 100, hiddenFields('missions', permissionsOf('planner'))).documents;
    expect(seenByPlanner.find((doc) => doc['id'] === planned['id'])).toEqual(planned);
  });

  it('follows the pallets when it derived the revenue, and keeps an amount typed by hand', () => {
    const relais = authTestApp();
    seed(relais);
    const planned = mission();
    pushAs(relais, 'planner', planned);
    const twelve = { ...planned, rev: 2, nb_palettes: 12 };
    expect(pushAs(relais, 'planner', twelve, planned)).toMatchObject({ written: 1, conflicts: [] });
    expect(relais.store.get('missions', String(planned['id']))?.['revenu']).toBe(42_000);

    const stored = relais.store.get('missions', String(planned['id']))!;
    const typed = { ...stored, rev: 3, revenu: 50_000 };
    expect(pushAs(relais, 'planner_advanced', typed, stored)).toMatchObject({ written: 1, conflicts: [] });
    const moreStored = relais.store.get('missions', String(planned['id']))!;
    expect(pushAs(relais, 'planner_advanced', { ...moreStored, rev: 4, nb_palettes: 20 }, moreStored)).toMatchObject({ written: 1 });
    expect(relais.store.get('missions', String(planned['id']))?.['revenu']).toBe(50_000);
  });

  it('leaves the revenue out when no revenue per pallet matches', () => {
    const relais = authTestApp();
    seed(relais);
    const elsewhere = mission({ destination: 'Madrid' });
    pushAs(relais, 'planner', elsewhere);
    expect(relais.store.get('missions', String(elsewhere['id']))).not.toHaveProperty('revenu');
  });
});
