import { beforeEach, describe, expect, it } from 'vitest';
import { apiTest, type ApiTest } from '../planning/test-api';
import { call } from '../test-support/auth';
import { missionDoc } from '../test-support/fixtures';

let api: ApiTest;

beforeEach(async () => {
  api = await apiTest();
});

describe('hostile bodies found by the fuzzer, answered 4xx at their root', () => {
  it.each([
    [{ contacts: [null] }, 'contacts.0 — un objet est attendu'],
    [{ tarifs: [null] }, 'tarifs.0 — un objet est attendu'],
    [{ contacts: [[]] }, 'contacts.0 — un objet est attendu'],
    [{ contacts: 'tous' }, 'contacts — une liste est attendue'],
  ])('POST /sst with %j is a 422 naming the entry', async (lists, message) => {
    const answer = await api.as('admin', 'POST', '/sst', { code: 'TRX', nom: 'Transports X', ...lists });
    expect(answer.status).toBe(422);
    expect(answer.body['detail']).toBe(`Données invalides : ${message}`);
    expect(await api.ok('admin', 'GET', '/sst')).toEqual([]);
  });

  it('creates once when the same creation arrives twice at once: one 201, one 409, never a 500', async () => {
    const twice = async (path: string, body: unknown) => (await Promise.all([api.as('admin', 'POST', path, body), api.as('admin', 'POST', path, body)])).map((answer) => answer.status).sort();
    expect(await twice('/admin/users', { username: 'jumeau', display_name: 'Jumeau', role_name: 'viewer' })).toEqual([201, 409]);
    const id = crypto.randomUUID();
    expect(await twice('/chauffeurs', { uuid: id, code: 'JUM', nom: 'Jumeau', prenom: 'Jean' })).toEqual([201, 409]);
    expect(await twice('/missions', { uuid: crypto.randomUUID(), date_mission: '2030-01-07', heure_debut: '06:00', destination: 'Lyon' })).toEqual([201, 409]);
  });
});

describe('what is acknowledged is what is stored', () => {
  async function push(destination: string): Promise<{ status: number; body: Record<string, unknown>; id: string }> {
    const doc = missionDoc({ date_mission: '2030-01-07', destination });
    const response = await call(api.app, 'POST', '/api/replication/missions/push', { token: api.tokens.admin, body: [{ newDocumentState: doc }] });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, id: doc.id };
  }

  it.each(['S\ud800X', 'a\u0000b', 'bip\u0007'])('refuses a push of %j with a French field issue, and stores nothing', async (destination) => {
    const pushed = await push(destination);
    expect(pushed.status).toBe(400);
    expect(pushed.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: [0, 'newDocumentState', 'destination'], message: 'caractère interdit : caractère de contrôle ou Unicode mal formé' }] } },
    });
    expect(api.store.get('missions', pushed.id)).toBeUndefined();
  });

  it('stores and pulls back exactly what it acknowledged: emoji, line breaks, tabs, combining marks, RTL marks', async () => {
    const destination = 'Saint-É\u0301grève 🚚\n\tquai\u202e2';
    const pushed = await push(destination);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ conflicts: [], refusals: [] });
    const pulled = await call(api.app, 'GET', '/api/replication/missions/pull?limit=1000', { token: api.tokens.admin });
    const { documents } = (await pulled.json()) as { documents: { id: string; destination: string }[] };
    expect(documents.find((doc) => doc.id === pushed.id)?.destination).toBe(destination);
  });

  it('refuses a REST body with a control character with 422 and a French detail', async () => {
    const answer = await api.as('planner', 'POST', '/missions', { date_mission: '2030-01-07', heure_debut: '06:00', destination: 'Lyon', commentaire: 'fin\u0000' });
    expect(answer.status).toBe(422);
    expect(answer.body['detail']).toBe('Données invalides : commentaire — caractère interdit : caractère de contrôle ou Unicode mal formé');
  });
});
