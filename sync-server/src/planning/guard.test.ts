import { permissionsOf, type Role } from '@relais/domain';
import { newId } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { addUser, authTestApp, call, signIn, type AuthTestApp } from '../test-support/auth';

// authTestApp's clock says 2026-11-27 (a Friday): 2026-11-30 is the next Monday.
const monday = '2026-11-30';
const stamp = '2026-11-27T08:00:00.000Z';
const chauffeurId = newId();
const voyageId = newId();

function seed(relais: AuthTestApp): void {
  const write = (collection: 'chauffeurs' | 'voyages', doc: Record<string, unknown>): void => {
    const outcome = relais.store.push(collection, [{ newDocumentState: { rev: 1, updated_at: stamp, _deleted: false, ...doc } }], { actor: 'seed', source: 'import' });
    expect(outcome).toMatchObject({ ok: true, written: 1 });
  };
  write('chauffeurs', { id: chauffeurId, code: 'JD01', nom: 'Dupont', prenom: 'Jean', adr: false, fimo: true, competences: [], is_active: true });
  write('voyages', { id: voyageId, code: 'LYO', nom: 'Lyon', jours_operation: ['lundi'], is_active: true, duree_conduite_min: 240 });
}

function mission(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: newId(),
    rev: 1,
    updated_at: stamp,
    date_mission: monday,
    heure_debut: '06:00',
    heure_fin: '10:00',
    chauffeur_id: chauffeurId,
    type_mission: 'livraison',
    destination: 'Lyon',
    statut: 'planifie',
    _deleted: false,
    ...fields,
  };
}

function pushAs(relais: AuthTestApp, role: Role, doc: Record<string, unknown>, assumed?: Record<string, unknown>) {
  return relais.store.push('missions', [{ newDocumentState: doc, ...(assumed ? { assumedMasterState: assumed } : {}) }], {
    actor: role.toUpperCase(),
    source: 'replication',
    permissions: permissionsOf(role),
  });
}

function activity(relais: AuthTestApp, id: string): { action: string; details: unknown }[] {
  return relais.db.$client
    .prepare<[string], { action: string; details: string | null }>('SELECT action, details FROM activity_log WHERE document_id = ? ORDER BY id')
    .all(id)
    .map((row) => ({ action: row.action, details: row.details === null ? null : (JSON.parse(row.details) as unknown) }));
}

describe('the server is the planning authority', () => {
  it('refuses a double booking with the reason, keeps the server state, and logs the refusal', () => {
    const relais = authTestApp();
    seed(relais);
    const first = mission();
    expect(pushAs(relais, 'planner', first)).toMatchObject({ ok: true, written: 1, refused: [] });
    const second = mission({ heure_debut: '09:00', heure_fin: '12:00' });
    const outcome = pushAs(relais, 'planner', second);
    expect(outcome).toMatchObject({
      ok: true,
      written: 0,
      refused: [{ id: second['id'], code: 'PLANNING_CONFLICT', message: expect.stringContaining('déjà réservé de 06:00 à 10:00') as string }],
      conflicts: [{ ...second, _deleted: true }],
    });
    expect(relais.store.get('missions', String(second['id']))).toBeUndefined();
    expect(activity(relais, String(second['id']))).toEqual([{ action: 'refused', details: { code: 'PLANNING_CONFLICT', message: expect.any(String) as string } }]);
    // Back to back is not an overlap.
    expect(pushAs(relais, 'planner', mission({ heure_debut: '10:00', heure_fin: '11:00' }))).toMatchObject({ written: 1, refused: [] });
  });

  it('lets only edit_past_planning_advanced force a blocking conflict, and keeps the reason in the activity log', () => {
    const relais = authTestApp();
    seed(relais);
    pushAs(relais, 'planner', mission());
    const forced = mission({ heure_debut: '08:00', heure_fin: '09:00', force_motif: 'Renfort demandé par le client' });
    expect(pushAs(relais, 'planner', forced)).toMatchObject({ written: 0, refused: [{ code: 'PLANNING_FORCE_FORBIDDEN' }] });
    expect(pushAs(relais, 'planner_advanced', forced)).toMatchObject({ written: 1, refused: [] });
    expect(activity(relais, String(forced['id']))).toEqual([
      { action: 'refused', details: { code: 'PLANNING_FORCE_FORBIDDEN', message: expect.any(String) as string } },
      { action: 'create', details: null },
      {
        action: 'force',
        details: { motif: 'Renfort demandé par le client', conflits: [{ code: 'CHAUFFEUR_DOUBLE_RESERVE', message: expect.stringContaining('Jean Dupont') as string }] },
      },
    ]);
  });

  it('does not check again a mission whose planning did not change (a comment on a forced mission)', () => {
    const relais = authTestApp();
    seed(relais);
    pushAs(relais, 'planner', mission());
    const forced = mission({ heure_debut: '08:00', force_motif: 'Urgence' });
    pushAs(relais, 'admin', forced);
    const commented = { ...forced, rev: 2, commentaire: 'Quai 4' };
    expect(pushAs(relais, 'planner', commented, forced)).toMatchObject({ written: 1, refused: [] });
  });

  it('applies the 561/2006 daily limit from the voyage driving times', () => {
    const relais = authTestApp();
    seed(relais);
    // 240 + 240 min of driving, then 121 more: 10 h 01 on the day (a 13-hour duty, breaks taken).
    expect(pushAs(relais, 'planner', mission({ voyage_id: voyageId, heure_debut: '05:00', heure_fin: '09:30' }))).toMatchObject({ written: 1 });
    expect(pushAs(relais, 'planner', mission({ voyage_id: voyageId, heure_debut: '09:45', heure_fin: '14:45' }))).toMatchObject({ written: 1 });
    const third = mission({ heure_debut: '15:30', heure_fin: '18:00', duree_conduite_min: 121 });
    expect(pushAs(relais, 'planner', third)).toMatchObject({ refused: [{ code: 'PLANNING_CONFLICT', message: expect.stringContaining('10 h 01') as string }] });
    expect(pushAs(relais, 'planner', { ...third, duree_conduite_min: 120 })).toMatchObject({ written: 1, refused: [] });
  });

  it('refuses an absent chauffeur', () => {
    const relais = authTestApp();
    seed(relais);
    relais.store.push(
      'disponibilites',
      [{ newDocumentState: { id: newId(), rev: 1, updated_at: stamp, chauffeur_id: chauffeurId, date_debut: monday, date_fin: monday, type_absence: 'conges', _deleted: false } }],
      { actor: 'seed', source: 'import' },
    );
    expect(pushAs(relais, 'planner', mission())).toMatchObject({ refused: [{ code: 'PLANNING_CONFLICT', message: expect.stringContaining('absent') as string }] });
  });

  it('locks past days to those without edit_past_planning, for edits and deletions', () => {
    const relais = authTestApp();
    seed(relais);
    const past = mission({ date_mission: '2026-11-26' });
    relais.store.push('missions', [{ newDocumentState: past }], { actor: 'seed', source: 'import' });
    const edited = { ...past, rev: 2, commentaire: 'après coup' };
    expect(pushAs(relais, 'planner', edited, past)).toMatchObject({ refused: [{ code: 'PAST_PLANNING_LOCKED' }] });
    expect(pushAs(relais, 'planner', { ...past, rev: 2, _deleted: true }, past)).toMatchObject({ refused: [{ code: 'PAST_PLANNING_LOCKED' }] });
    const moved = { ...past, rev: 2, date_mission: monday };
    expect(pushAs(relais, 'planner', moved, past)).toMatchObject({ refused: [{ code: 'PAST_PLANNING_LOCKED' }] });
    expect(pushAs(relais, 'planner_advanced', edited, past)).toMatchObject({ written: 1, refused: [] });
    // Today is not past.
    expect(pushAs(relais, 'planner', mission({ date_mission: '2026-11-27' }))).toMatchObject({ written: 1 });
  });

  it('does not check the server’s own writers (imports, connectors)', () => {
    const relais = authTestApp();
    seed(relais);
    pushAs(relais, 'planner', mission());
    const overlapping = mission({ heure_debut: '07:00' });
    expect(relais.store.push('missions', [{ newDocumentState: overlapping }], { actor: null, source: 'import' })).toMatchObject({ written: 1 });
  });

  it('sends the refusal reason to a replicating client over HTTP', async () => {
    const relais = authTestApp();
    seed(relais);
    await addUser(relais.auth, { username: 'PLANIF', role: 'planner' });
    const { token } = await signIn(relais.app, 'PLANIF');
    pushAs(relais, 'planner', mission());
    const clash = mission({ heure_debut: '07:00' });
    const response = await call(relais.app, 'POST', '/api/replication/missions/push', { token, body: [{ newDocumentState: clash }] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      conflicts: [{ ...clash, _deleted: true }],
      refusals: [{ id: clash['id'], code: 'PLANNING_CONFLICT', message: expect.stringContaining('Jean Dupont est déjà réservé') as string }],
      adjusted: [],
    });
  });
});
