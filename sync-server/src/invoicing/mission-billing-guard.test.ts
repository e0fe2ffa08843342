import { permissionsOf } from '@relais/domain';
import { describe, expect, it } from 'vitest';
import type { WriteContext } from '../replication/store';
import { id, invoicingTestBed, ligne } from '../test-support/invoicing';

const admin: WriteContext = { actor: 'ADMIN', source: 'replication', permissions: permissionsOf('admin') };
const planner: WriteContext = { actor: 'PLANIF', source: 'replication', permissions: permissionsOf('planner_advanced') };

function missionLine(missionIds: string[], prix = 45_000): Record<string, unknown> {
  return { ...ligne(1, prix), mission_ids: missionIds };
}

function bed() {
  const t = invoicingTestBed();
  const nord = t.entreprise();
  const client = t.contact(id(nord), { nom: 'Fromagerie Alpine' });
  const other = t.contact(id(nord), { nom: 'Cave Martin' });
  const mission = (fields: Record<string, unknown> = {}) =>
    t.create(
      'missions',
      {
        date_mission: '2026-11-24',
        heure_debut: '06:00',
        type_mission: 'livraison',
        depart: 'Lyon',
        destination: 'Grenoble',
        statut: 'termine',
        client_id: id(client),
        ...fields,
      },
      admin,
    );
  return { t, nord, client, other, mission };
}

describe('a mission is billed on one invoice only, checked in the invoice’s write transaction', () => {
  it('marks the missions an invoice bills, and frees them when the line goes or the draft is deleted', () => {
    const { t, nord, client, mission } = bed();
    const a = mission();
    const b = mission({ date_mission: '2026-11-25' });
    const draft = t.draft(id(nord), id(client), { lignes: [missionLine([id(a)]), missionLine([id(b)])] });
    expect(t.store.get('missions', id(a))?.['facture_id']).toBe(id(draft));
    expect(t.store.get('missions', id(b))?.['facture_id']).toBe(id(draft));
    const lignes = draft['lignes'] as Record<string, unknown>[];
    t.edit('factures', id(draft), { lignes: lignes.slice(0, 1) });
    expect(t.store.get('missions', id(b))?.['facture_id']).toBeUndefined();
    t.edit('factures', id(draft), { _deleted: true });
    expect(t.store.get('missions', id(a))?.['facture_id']).toBeUndefined();
  });

  it('takes off a second draft the lines of missions already billed, keeps the draft and says why in words', () => {
    const { t, nord, client, mission } = bed();
    const a = mission();
    const b = mission({ date_mission: '2026-11-25' });
    const first = t.draft(id(nord), id(client), { lignes: [missionLine([id(a)])] });
    const freeLine = ligne(1, 1_000);
    const second = { id: crypto.randomUUID(), rev: 1, updated_at: '2026-11-27T09:00:00.000Z', _deleted: false, entreprise_id: id(nord), contact_id: id(client), type_facture: 'facture', statut: 'brouillon', conditions_paiement: { jours: 30, fin_de_mois: false }, lignes: [missionLine([id(a)]), missionLine([id(b)]), freeLine], regime_tva: 'normale' };
    const outcome = t.push('factures', second);
    expect(outcome.refused).toEqual([]);
    expect(outcome.written).toBe(1);
    const notice = outcome.adjusted[0]?.adjustment.notice;
    expect(notice?.code).toBe('MISSIONS_DEJA_FACTUREES');
    expect(notice?.message).toContain('Lyon → Grenoble du 24/11/2026 est déjà facturée sur un autre brouillon de facture');
    expect(notice?.message).not.toContain(id(a));
    const stored = t.store.get('factures', second.id)!;
    expect((stored['lignes'] as Record<string, unknown>[]).map((line) => line['mission_ids'] ?? null)).toEqual([[id(b)], null]);
    expect(t.store.get('missions', id(a))?.['facture_id']).toBe(id(first));
    expect(t.store.get('missions', id(b))?.['facture_id']).toBe(second.id);
  });

  it('refuses another customer’s mission or an undelivered one', () => {
    const { t, nord, other, mission } = bed();
    const a = mission();
    const planned = mission({ statut: 'planifie', client_id: id(other) });
    const outcome = t.push('factures', { id: crypto.randomUUID(), rev: 1, updated_at: '2026-11-27T09:00:00.000Z', _deleted: false, entreprise_id: id(nord), contact_id: id(other), type_facture: 'facture', statut: 'brouillon', conditions_paiement: { jours: 30, fin_de_mois: false }, lignes: [missionLine([id(a)]), missionLine([id(planned)])], regime_tva: 'normale' });
    expect(outcome.adjusted[0]?.adjustment.notice?.message).toMatch(/celle d’un autre client.*n’est pas livrée/);
    expect(t.store.get('missions', id(a))?.['facture_id']).toBeUndefined();
  });

  it('keeps a mission’s invoice link out of its writers’ hands; an invoiced mission keeps its customer and stays', () => {
    const { t, nord, client, other, mission } = bed();
    const a = mission();
    const draft = t.draft(id(nord), id(client), { lignes: [missionLine([id(a)])] });
    const cleared = t.edit('missions', id(a), { facture_id: undefined, commentaire: 'quai 3' }, planner);
    expect(cleared.after).toMatchObject({ facture_id: id(draft), commentaire: 'quai 3' });
    const moved = t.edit('missions', id(a), { client_id: id(other) }, admin);
    expect(moved.outcome.refused[0]).toMatchObject({ code: 'MISSION_FACTUREE' });
    const deleted = t.edit('missions', id(a), { _deleted: true }, admin);
    expect(deleted.outcome.refused[0]?.message).toBe('La mission Lyon → Grenoble du 24/11/2026 est facturée : elle ne peut plus être supprimée');
    const free = mission();
    expect(t.edit('missions', id(free), { facture_id: id(draft) }, admin).after['facture_id']).toBeUndefined();
  });

  it('keeps the link when the draft is validated, and the validated invoice’s missions stay billed', () => {
    const { t, nord, client, mission } = bed();
    const a = mission();
    const draft = t.draft(id(nord), id(client), { lignes: [missionLine([id(a)])] });
    const { after } = t.validate(id(draft));
    expect(after['numero']).toBe('FA-2026-00001');
    const again = t.push('factures', { id: crypto.randomUUID(), rev: 1, updated_at: '2026-11-27T09:00:00.000Z', _deleted: false, entreprise_id: id(nord), contact_id: id(client), type_facture: 'facture', statut: 'brouillon', conditions_paiement: { jours: 30, fin_de_mois: false }, lignes: [missionLine([id(a)])], regime_tva: 'normale' });
    expect(again.adjusted[0]?.adjustment.notice?.message).toContain('déjà facturée sur la facture FA-2026-00001');
  });
});
