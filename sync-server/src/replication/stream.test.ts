import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { addUser, authTestApp, signIn, type AuthTestApp } from '../test-support/auth';
import { missionDoc } from '../test-support/fixtures';
import type { StreamLimits } from './stream-limits';
import { streamCollections } from './stream';

const decoder = new TextDecoder();

/** A pull stream read chunk by chunk (each chunk is one frame), or left unread like a stalled client. */
async function openStream(relais: AuthTestApp, token: string, path = '/api/replication/pull-stream?collections=missions') {
  const response = await relais.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  const reader = response.body?.getReader();
  let text = '';
  const read = async (): Promise<boolean> => {
    const chunk = await reader!.read();
    if (chunk.done) {
      return false;
    }
    text += decoder.decode(chunk.value);
    return true;
  };
  return {
    response,
    text: (): string => text,
    /** Reads until `needle` has been received `times` times; false if the stream ended first. */
    readUntil: async (needle: string, times = 1): Promise<boolean> => {
      while (text.split(needle).length - 1 < times) {
        if (!(await read())) {
          return false;
        }
      }
      return true;
    },
    /** Reads the frames available at once (a read that waits more than `ms` ends it); how many. */
    readAvailable: async (ms: number): Promise<number> => {
      let count = 0;
      for (;;) {
        const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms));
        const outcome = await Promise.race([read(), timeout]);
        if (outcome !== true) {
          return count;
        }
        count += 1;
      }
    },
    /** Reads to the end; false if the stream is still open after `ms`. */
    readToEnd: async (ms: number): Promise<boolean> => {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), deadline - Date.now()));
        const outcome = await Promise.race([read(), timeout]);
        if (outcome === false) {
          return true;
        }
      }
      return false;
    },
    close: async (): Promise<void> => {
      await reader?.cancel().catch(() => undefined);
    },
  };
}

async function setup(streamLimits: Partial<StreamLimits> = {}) {
  const relais = authTestApp({ streamLimits });
  await addUser(relais.auth, { username: 'PLANIF', role: 'planner' });
  await addUser(relais.auth, { username: 'AUTRE', role: 'planner' });
  return relais;
}

function writeMission(relais: AuthTestApp, destination: string): void {
  const pushed = relais.store.push('missions', [{ newDocumentState: missionDoc({ destination }) }], { actor: null, source: 'rest' });
  expect(pushed.ok).toBe(true);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the collections a shared stream asks for', () => {
  it('counts each collection once, however often the query names it', () => {
    const query = [...Array.from({ length: 1500 }, () => 'missions'), 'voyages', 'missions'].join(',');
    expect(streamCollections(query)).toEqual({ ok: true, collections: ['missions', 'voyages'] });
  });

  it('names the first unknown collection (shortened), or says none was asked for', () => {
    expect(streamCollections(`missions,${'x'.repeat(5000)}`)).toEqual({ ok: false, unknown: 'x'.repeat(60) });
    expect(streamCollections(',,')).toEqual({ ok: false, unknown: '(aucune)' });
    expect(streamCollections(undefined)).toEqual({ ok: false, unknown: '(aucune)' });
  });
});

describe('bounded pull streams', () => {
  it('subscribes a stream once to a collection its query repeats 1 500 times, and sends each batch once', async () => {
    const relais = await setup();
    const { token } = await signIn(relais.app, 'PLANIF');
    const stream = await openStream(relais, token, `/api/replication/pull-stream?collections=${Array.from({ length: 1500 }, () => 'missions').join(',')}`);
    expect(stream.response.status).toBe(200);
    await stream.readUntil('data: RESYNC');
    expect(relais.events.listenerCount('missions')).toBe(1);
    writeMission(relais, 'Colmar');
    writeMission(relais, 'Mulhouse');
    await stream.readUntil('Mulhouse');
    expect(stream.text().split('Colmar').length - 1).toBe(1);
    await stream.close();
  });

  it('gives a client that stops reading one RESYNC in place of what it missed, then the writes after it', async () => {
    const relais = await setup({ queueBytes: 4096 });
    const { token } = await signIn(relais.app, 'PLANIF');
    const stream = await openStream(relais, token);
    await stream.readUntil('data: RESYNC');
    // About 300 bytes a batch: 100 batches are far more than the 4 KiB the stream may hold.
    for (let index = 0; index < 100; index += 1) {
      writeMission(relais, `Ville ${index}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await stream.readUntil('data: RESYNC', 2)).toBe(true);
    const beforeResync = stream.text().split('data: RESYNC')[1]!;
    const streamed = beforeResync.split('\n').filter((line) => line.startsWith('data: {'));
    // What was already on its way, then the RESYNC: the dropped batches come back by pulling.
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.length).toBeLessThan(20);
    const last = JSON.parse(streamed.at(-1)!.slice('data: '.length)) as { checkpoint: { seq: number } };
    const pulled = relais.store.pull('missions', last.checkpoint, 1000, []);
    expect(streamed.length + pulled.documents.length).toBe(100);
    expect(pulled.documents.at(-1)).toMatchObject({ destination: 'Ville 99' });
    writeMission(relais, 'Après le RESYNC');
    expect(await stream.readUntil('Après le RESYNC')).toBe(true);
    await stream.close();
  });

  it('keeps at most one heartbeat for a client that stopped reading', async () => {
    const relais = await setup({ heartbeatMs: 5 });
    const { token } = await signIn(relais.app, 'PLANIF');
    const stream = await openStream(relais, token);
    await stream.readUntil('data: RESYNC');
    await sleep(300);
    // Two frames were already in the response's pipes when the client stopped, then one heartbeat.
    expect(await stream.readAvailable(3)).toBeLessThanOrEqual(4);
    await stream.close();
  });

  it('caps the streams of a session and of the server with 429 TOO_MANY_REQUESTS, and frees a slot when a stream ends', async () => {
    const relais = await setup({ perSession: 2, total: 3 });
    const planner = await signIn(relais.app, 'PLANIF');
    const first = await openStream(relais, planner.token);
    const second = await openStream(relais, planner.token, '/api/replication/missions/pull-stream');
    expect([first.response.status, second.response.status]).toEqual([200, 200]);
    const third = await relais.app.request('/api/replication/pull-stream?collections=missions', { headers: { authorization: `Bearer ${planner.token}` } });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('30');
    expect(await third.json()).toEqual({
      error: {
        code: 'TOO_MANY_REQUESTS',
        message: 'Trop de flux de synchronisation ouverts pour cette session (2 au plus) : fermez des onglets de Relais ; nouvel essai automatique.',
        details: { limit: 2, scope: 'session' },
      },
      detail: 'Trop de flux de synchronisation ouverts pour cette session (2 au plus) : fermez des onglets de Relais ; nouvel essai automatique.',
    });

    // Another session (another browser) still gets one, up to the server's total.
    const other = await signIn(relais.app, 'AUTRE');
    const fourth = await openStream(relais, other.token);
    expect(fourth.response.status).toBe(200);
    const refused = await relais.app.request('/api/replication/pull-stream?collections=missions', { headers: { authorization: `Bearer ${other.token}` } });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS', details: { scope: 'server', limit: 3 } } });

    // A closed tab frees its slot.
    await first.readUntil('data: RESYNC');
    await first.close();
    await sleep(20);
    const again = await openStream(relais, other.token);
    expect(again.response.status).toBe(200);
    for (const stream of [second, fourth, again]) {
      await stream.close();
    }
  });

  it('frees the slot of a stream whose session is revoked', async () => {
    const relais = await setup({ total: 1 });
    const planner = await signIn(relais.app, 'PLANIF');
    const stream = await openStream(relais, planner.token);
    await stream.readUntil('data: RESYNC');
    const other = await signIn(relais.app, 'AUTRE');
    expect((await relais.app.request('/api/replication/pull-stream?collections=missions', { headers: { authorization: `Bearer ${other.token}` } })).status).toBe(429);
    relais.auth.revoke({ sessionId: String(decodeJwt(planner.token)['sid']) }, 'kick');
    expect(await stream.readToEnd(1000)).toBe(true);
    const next = await openStream(relais, other.token);
    expect(next.response.status).toBe(200);
    await next.close();
  });

  it('closes a stream whose client has taken nothing for the stall delay, and frees its slot', async () => {
    const relais = await setup({ perSession: 1, stallMs: 100, heartbeatMs: 20 });
    const planner = await signIn(relais.app, 'PLANIF');
    const stalled = await openStream(relais, planner.token);
    await stalled.readUntil('data: RESYNC');
    // More than the response's pipes hold: a write now waits for the client.
    for (let index = 0; index < 5; index += 1) {
      writeMission(relais, `Ville ${index}`);
    }
    await sleep(400);
    const next = await openStream(relais, planner.token);
    expect(next.response.status).toBe(200);
    // The stalled client finds the stream ended after what was already on its way.
    expect(await stalled.readToEnd(1000)).toBe(true);
    await next.close();
  });
});
