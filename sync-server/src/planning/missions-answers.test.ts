import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { call } from '../test-support/auth';
import { apiTest, seedPlanning, type ApiTest, type Body } from './test-api';

let api: ApiTest;
let chauffeur: Body;

beforeEach(async () => {
  api = await apiTest();
  ({ chauffeur } = await seedPlanning(api));
});

const week = '/missions?date_debut=2030-01-07&date_fin=2030-01-13';

function mission(fields: Body = {}): Body {
  return { date_mission: '2030-01-07', destination: 'Paris', chauffeur_id: chauffeur['id'], heure_debut: '06:00', revenu: 500, ...fields };
}

describe('GET /missions answers kept between writes', () => {
  it('answers the same list again, and a new one after any write, from any path', async () => {
    const first = await api.ok('admin', 'POST', '/missions', mission(), 201);
    expect(await api.ok('planner', 'GET', week)).toHaveLength(1);
    expect(await api.ok('planner', 'GET', week)).toHaveLength(1);
    // A write through the REST API…
    await api.ok('admin', 'PUT', `/missions/${String(first['id'])}`, { destination: 'Lyon' });
    expect((await api.ok('planner', 'GET', week))[0]).toMatchObject({ destination: 'Lyon' });
    // … and one through replication, as the PWA pushes.
    const stored = api.store.get('missions', String(first['id']));
    const pushed = api.store.push('missions', [{ assumedMasterState: stored, newDocumentState: { ...stored, rev: Number(stored?.rev) + 1, destination: 'Rungis' } }], { actor: null, source: 'import' });
    expect(pushed.ok && pushed.written).toBe(1);
    expect((await api.ok('planner', 'GET', week))[0]).toMatchObject({ destination: 'Rungis' });
    await api.ok('admin', 'DELETE', `/missions/${String(first['id'])}`);
    expect(await api.ok('planner', 'GET', week)).toEqual([]);
  });

  it('never gives one reader the answer kept for another who may see more', async () => {
    await api.ok('admin', 'POST', '/missions', mission(), 201);
    expect((await api.ok('finance', 'GET', week))[0]).toMatchObject({ revenu: 500 });
    expect((await api.ok('planner', 'GET', week))[0]).not.toHaveProperty('revenu');
    expect((await api.ok('finance', 'GET', week))[0]).toMatchObject({ revenu: 500 });
  });

  it('keys the answer by its filters', async () => {
    await api.ok('admin', 'POST', '/missions', mission(), 201);
    await api.ok('admin', 'POST', '/missions', mission({ date_mission: '2030-01-08', chauffeur_id: null }), 201);
    expect(await api.ok('planner', 'GET', week)).toHaveLength(2);
    expect(await api.ok('planner', 'GET', `${week}&limit=1`)).toHaveLength(1);
    expect(await api.ok('planner', 'GET', '/missions/by-date/2030-01-08')).toHaveLength(1);
    expect(await api.ok('planner', 'GET', `${week}&chauffeur_id=${String(chauffeur['id'])}`)).toHaveLength(1);
  });

  it('sends the same JSON gzipped to a client that accepts it', async () => {
    for (let index = 0; index < 8; index += 1) {
      await api.ok('admin', 'POST', '/missions', mission({ heure_debut: `0${index}:30`, chauffeur_id: null, commentaire: `Mission ${index}` }), 201);
    }
    const plain = await api.ok('planner', 'GET', week);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await call(api.app, 'GET', week, { token: api.tokens.planner, headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8'))).toEqual(plain);
    }
  });

  it('tags each form of the answer, and answers 304 without a body to a client that holds it, until a write', async () => {
    for (let index = 0; index < 8; index += 1) {
      await api.ok('admin', 'POST', '/missions', mission({ heure_debut: `0${index}:30`, chauffeur_id: null, commentaire: `Mission ${index}` }), 201);
    }
    const get = (headers: Record<string, string>): Promise<Response> => call(api.app, 'GET', week, { token: api.tokens.planner, headers });
    const plain = await get({});
    const zipped = await get({ 'accept-encoding': 'gzip' });
    const plainTag = plain.headers.get('etag') ?? '';
    const zippedTag = zipped.headers.get('etag') ?? '';
    expect(plainTag).toMatch(/^"[^"]+"$/);
    expect(zippedTag).toMatch(/^"[^"]+"$/);
    expect(zippedTag).not.toBe(plainTag);

    const notModified = await get({ 'if-none-match': plainTag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(plainTag);
    expect(await notModified.text()).toBe('');
    expect((await get({ 'accept-encoding': 'gzip', 'if-none-match': `"autre", W/${zippedTag}` })).status).toBe(304);
    // The gzip form's tag does not stand for the plain JSON.
    expect((await get({ 'if-none-match': zippedTag })).status).toBe(200);

    await api.ok('admin', 'POST', '/missions', mission({ heure_debut: '09:30', chauffeur_id: null }), 201);
    const changed = await get({ 'if-none-match': plainTag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(plainTag);
    expect(await changed.json()).toHaveLength(9);
  });
});
