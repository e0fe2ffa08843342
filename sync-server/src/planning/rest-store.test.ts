import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ReplicationStore } from '../replication/store';
import { addUser, authTestApp, signIn } from '../test-support/auth';
import { restStore } from './rest-store';

const voyage = { code: 'LYO', nom: 'Lyon', jours_operation: [], is_active: true };

/** A store whose next pushes are preceded by a concurrent edit from a PWA (the race a REST edit can lose). */
function racingStore(store: ReplicationStore, races: number): ReplicationStore {
  let left = races;
  return {
    ...store,
    push(collection, body, context) {
      if (left > 0) {
        left -= 1;
        const [row] = body as { newDocumentState: Record<string, unknown> }[];
        const id = String(row?.newDocumentState['id']);
        const current = store.get(collection, id);
        if (current) {
          store.push(collection, [{ assumedMasterState: current, newDocumentState: { ...current, rev: Number(current['rev']) + 1, nom: `PWA ${left}` } }], { actor: 'PWA', source: 'replication' });
        }
      }
      return store.push(collection, body, context);
    },
  };
}

async function setup(races: number) {
  const relais = authTestApp();
  await addUser(relais.auth, { username: 'PLANNER', role: 'planner' });
  const authenticated = await relais.auth.authenticateBearer((await signIn(relais.app, 'planner')).token);
  const context = {} as Context;
  const rest = restStore(relais.db, racingStore(relais.store, 0), context, authenticated);
  const created = rest.save('voyages', '6f1c1c1e-8a57-4d2e-9b8e-3b9d7f0c2a41', () => voyage);
  const racing = restStore(relais.db, racingStore(relais.store, races), context, authenticated);
  return { relais, racing, id: String(created.doc.id) };
}

describe('REST writes losing a race with a PWA', () => {
  it('retry once on the fresh state, keeping the concurrent change', async () => {
    const { racing, id, relais } = await setup(1);
    const saved = racing.save('voyages', id, (current) => ({ ...current, description: 'REST' }));
    expect(saved.doc).toMatchObject({ nom: 'PWA 0', description: 'REST', rev: 3 });
    expect(relais.store.get('voyages', id)).toMatchObject({ nom: 'PWA 0', description: 'REST' });
  });

  it('answer 409 when the second try loses too', async () => {
    const { racing, id } = await setup(2);
    expect(() => racing.save('voyages', id, (current) => ({ ...current, description: 'REST' }))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { reason: 'CONCURRENT_CHANGE' } }) as Error,
    );
  });
});
