import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { addUser, authTestApp, signIn } from '../test-support/auth';
import { missionDoc } from '../test-support/fixtures';

interface Setup {
  app: { request(path: string, init?: RequestInit): Response | Promise<Response> };
  store: ReturnType<typeof authTestApp>['store'];
}

/** The app with a signed-in planner; every request carries its token. */
async function setup(): Promise<Setup> {
  const relais = authTestApp();
  await addUser(relais.auth, { username: 'PLANIF', role: 'planner' });
  const { token } = await signIn(relais.app, 'PLANIF');
  return {
    store: relais.store,
    app: {
      request: (path, init = {}) =>
        relais.app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } }),
    },
  };
}

function push(app: Setup['app'], collection: string, body: unknown) {
  return app.request(`/api/replication/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Reads an SSE response as text, waiting for what a test expects. */
function streamReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    reader,
    received: (): string => text,
    readUntil: async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) {
          throw new Error('stream closed');
        }
        text += decoder.decode(value);
      }
    },
  };
}

describe('replication routes', () => {
  it('answers health with status, version, uptime and database state', async () => {
    const { app } = await setup();
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', version: expect.any(String) as string, uptime: expect.any(Number) as number, database: { ok: true } });
  });

  it('pushes then pulls by checkpoint, the checkpoint naming the database', async () => {
    const { app, store } = await setup();
    const db = store.databaseIdentity();
    const doc = missionDoc();
    const pushed = await push(app, 'missions', [{ newDocumentState: doc }]);
    expect(pushed.status).toBe(200);
    expect(await pushed.json()).toEqual({ conflicts: [], refusals: [], adjusted: [] });
    const first = await app.request('/api/replication/missions/pull?limit=10');
    expect(await first.json()).toEqual({ documents: [doc], checkpoint: { seq: 1, db } });
    const after = await app.request(`/api/replication/missions/pull?checkpoint=${encodeURIComponent(JSON.stringify({ seq: 1, db }))}&limit=10`);
    expect(await after.json()).toEqual({ documents: [], checkpoint: { seq: 1, db } });
    // A checkpoint from before identities existed is taken as it is.
    const legacy = await app.request(`/api/replication/missions/pull?checkpoint=${encodeURIComponent('{"seq":1}')}&limit=10`);
    expect(await legacy.json()).toEqual({ documents: [], checkpoint: { seq: 1, db } });
  });

  it('compresses a pull page with brotli for a client that takes it, gzip for one that takes gzip only, the same page as sent plain', async () => {
    const { app, store } = await setup();
    const docs = Array.from({ length: 20 }, (_, index) => missionDoc({ destination: `Quai « ${index} »` }));
    await push(app, 'missions', docs.map((doc) => ({ newDocumentState: doc })));
    const expected = { documents: docs, checkpoint: { seq: 20, db: store.databaseIdentity() } };
    const packed = await app.request('/api/replication/missions/pull?limit=50', { headers: { 'accept-encoding': 'gzip, deflate' } });
    const packedBody = Buffer.from(await packed.arrayBuffer());
    expect(packed.headers.get('content-encoding')).toBe('gzip');
    expect(packed.headers.get('content-length')).toBe(String(packedBody.length));
    expect(packed.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(packedBody).toString('utf8'))).toEqual(expected);
    // Chromium over HTTPS (a PWA's origin) lists gzip first but takes brotli, which costs the server less.
    const brotli = await app.request('/api/replication/missions/pull?limit=50', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    const brotliBody = Buffer.from(await brotli.arrayBuffer());
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('content-length')).toBe(String(brotliBody.length));
    expect(JSON.parse(brotliDecompressSync(brotliBody).toString('utf8'))).toEqual(expected);
    const plain = await app.request('/api/replication/missions/pull?limit=50', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual(expected);
  });

  it('answers a checkpoint of another database (before a restore) from the start', async () => {
    const { app, store } = await setup();
    const db = store.databaseIdentity();
    const docs = [missionDoc({ destination: 'Nancy' }), missionDoc({ destination: 'Metz' })];
    await push(app, 'missions', docs.map((doc) => ({ newDocumentState: doc })));
    const stale = encodeURIComponent(JSON.stringify({ seq: 2, db: 'une-autre-base' }));
    const response = await app.request(`/api/replication/missions/pull?checkpoint=${stale}&limit=10`);
    expect(await response.json()).toEqual({ documents: docs, checkpoint: { seq: 2, db } });
  });

  it('counts what pulls from a checkpoint will bring, and refuses a bad checkpoint or an unknown collection', async () => {
    const { app, store } = await setup();
    const db = store.databaseIdentity();
    await push(app, 'missions', [missionDoc(), missionDoc(), missionDoc()].map((doc) => ({ newDocumentState: doc })));
    const all = await app.request('/api/replication/missions/count');
    expect(all.status).toBe(200);
    expect(await all.json()).toEqual({ count: 3 });
    const rest = await app.request(`/api/replication/missions/count?checkpoint=${encodeURIComponent(JSON.stringify({ seq: 1, db }))}`);
    expect(await rest.json()).toEqual({ count: 2 });
    expect((await app.request('/api/replication/missions/count?checkpoint=%7Bnope')).status).toBe(400);
    expect((await app.request('/api/replication/nope/count')).status).toBe(404);
  });

  it('refuses pushes with MAINTENANCE (503) while writes are suspended, then accepts them', async () => {
    const { app, store } = await setup();
    const doc = missionDoc();
    store.suspendWrites('Restauration en cours');
    const refused = await push(app, 'missions', [{ newDocumentState: doc }]);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'MAINTENANCE' }, detail: 'Restauration en cours' });
    expect(store.get('missions', doc.id)).toBeUndefined();
    store.resumeWrites();
    expect((await push(app, 'missions', [{ newDocumentState: doc }])).status).toBe(200);
    expect(store.get('missions', doc.id)).toEqual(doc);
  });

  it('answers 404 with a code for an unknown collection', async () => {
    const { app } = await setup();
    for (const path of ['/api/replication/bons_de_livraison/pull', '/api/replication/bons_de_livraison/pull-stream']) {
      const response = await app.request(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'UNKNOWN_COLLECTION' } });
    }
    const pushed = await push(app, 'bons_de_livraison', []);
    expect(pushed.status).toBe(404);
  });

  it('answers 400 for malformed bodies, documents failing the schema and bad checkpoints, writing nothing', async () => {
    const { app, store } = await setup();
    const notJson = await push(app, 'missions', '{oops');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });

    const notArray = await push(app, 'missions', { newDocumentState: missionDoc() });
    expect(notArray.status).toBe(400);

    const invalid = await push(app, 'missions', [{ newDocumentState: missionDoc() }, { newDocumentState: { ...missionDoc(), statut: 'fini' } }]);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: [1, 'newDocumentState', 'statut'] }] } },
    });
    expect(store.currentSequence()).toBe(0);

    const badCheckpoint = await app.request('/api/replication/missions/pull?checkpoint=%7Bnope');
    expect(badCheckpoint.status).toBe(400);
    expect(await badCheckpoint.json()).toMatchObject({ error: { code: 'BAD_CHECKPOINT' } });
    const badLimit = await app.request('/api/replication/missions/pull?limit=0');
    expect(badLimit.status).toBe(400);
  });

  it('answers 422 when a domain rule is broken', async () => {
    const { app } = await setup();
    const response = await push(app, 'missions', [{ newDocumentState: missionDoc({ heure_debut: '12:00', heure_fin: '11:00' }) }]);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'DOMAIN_RULE', details: { issues: [{ code: 'MISSION_FIN_AVANT_DEBUT' }] } } });
  });

  it('streams RESYNC on connect, then each committed write', async () => {
    const { app, store } = await setup();
    const controller = new AbortController();
    const response = await app.request('/api/replication/missions/pull-stream', { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const { reader, readUntil, received } = streamReader(response);
    await readUntil('data: RESYNC');
    const doc = missionDoc({ destination: 'Strasbourg' });
    store.push('missions', [{ newDocumentState: doc }], { actor: null, source: 'rest' });
    await readUntil('Strasbourg');
    const line = received().split('\n').find((candidate) => candidate.includes('Strasbourg'))!;
    expect(JSON.parse(line.slice('data: '.length))).toEqual({ documents: [doc], checkpoint: { seq: 1, db: store.databaseIdentity() } });
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });
  it('streams every collection of a client on one shared stream, each batch naming its collection', async () => {
    const { app, store } = await setup();
    const controller = new AbortController();
    const response = await app.request('/api/replication/pull-stream?collections=missions,voyages,sst', { signal: controller.signal });
    expect(response.status).toBe(200);
    const { reader, readUntil, received } = streamReader(response);
    await readUntil('data: RESYNC');
    const doc = missionDoc({ destination: 'Colmar' });
    store.push('missions', [{ newDocumentState: doc }], { actor: null, source: 'rest' });
    const voyage = { id: crypto.randomUUID(), rev: 1, updated_at: '2026-11-27T08:00:00.000Z', code: 'COL', nom: 'Vers Colmar', jours_operation: [], is_active: true, _deleted: false };
    store.push('voyages', [{ newDocumentState: voyage }], { actor: null, source: 'rest' });
    await readUntil('Vers Colmar');
    const batches = received()
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice('data: '.length)) as unknown);
    expect(batches).toEqual([
      { collection: 'missions', documents: [doc], checkpoint: { seq: 1, db: store.databaseIdentity() } },
      { collection: 'voyages', documents: [voyage], checkpoint: { seq: 2, db: store.databaseIdentity() } },
    ]);
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });

  it('refuses a shared stream naming an unknown collection or one the role may not read', async () => {
    const { app } = await setup();
    const unknown = await app.request('/api/replication/pull-stream?collections=missions,bons_de_livraison');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_COLLECTION' } });
    const none = await app.request('/api/replication/pull-stream');
    expect(none.status).toBe(404);
    // A planner may not read the revenue per pallet (finance).
    const forbidden = await app.request('/api/replication/pull-stream?collections=missions,revenus_palettes');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: 'FORBIDDEN' }, detail: expect.stringContaining('view_finance') as string });
  });
});
