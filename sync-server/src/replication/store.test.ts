import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { newDatabaseIdentity, replaceDatabaseIdentity } from '../db/identity';
import { missionDoc } from '../test-support/fixtures';
import { createReplicationEvents } from './events';
import { createReplicationStore } from './store';

const context = { actor: null, source: 'replication' } as const;

function setup() {
  const db = openDatabase(':memory:');
  const events = createReplicationEvents();
  const store = createReplicationStore(db, events);
  return { db, events, store };
}

describe('replication store', () => {
  it('stamps a strictly increasing sequence inside the write and pulls every write once, in order', () => {
    const { store } = setup();
    const docs = Array.from({ length: 25 }, () => missionDoc());
    for (const doc of docs) {
      expect(store.push('missions', [{ newDocumentState: doc }], context)).toMatchObject({ ok: true, conflicts: [] });
    }
    const updated = { ...docs[3]!, rev: 2, destination: 'Lille' };
    store.push('missions', [{ assumedMasterState: docs[3], newDocumentState: updated }], context);

    const seen: string[] = [];
    let checkpoint = { seq: 0 };
    let previous = 0;
    for (;;) {
      const page = store.pull('missions', checkpoint, 7);
      if (page.documents.length === 0) {
        expect(page.checkpoint).toEqual(checkpoint);
        break;
      }
      expect(page.checkpoint.seq).toBeGreaterThan(previous);
      previous = page.checkpoint.seq;
      checkpoint = page.checkpoint;
      seen.push(...page.documents.map((doc) => String(doc['id'])));
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    // The updated document moved to the end: it was written last.
    expect(seen.at(-1)).toBe(docs[3]!.id);
    expect(store.currentSequence()).toBe(26);
  });

  it('gives the guards of one batch the facts they read once for the batch, and reads them again for the next', () => {
    const db = openDatabase(':memory:');
    const loads: string[] = [];
    const store = createReplicationStore(db, createReplicationEvents(), {
      guards: [
        ({ incoming, batch }) => {
          const palettes = batch.once('capacite', () => {
            loads.push(String(incoming['destination']));
            return 33;
          });
          return Number(incoming['nb_palettes']) > palettes ? { ok: false, code: 'TROP_DE_PALETTES', message: 'trop de palettes' } : { ok: true };
        },
      ],
    });
    const first = [missionDoc({ destination: 'Lyon', nb_palettes: 40 }), missionDoc({ destination: 'Lille', nb_palettes: 3 }), missionDoc({ destination: 'Paris', nb_palettes: 5 })];
    const outcome = store.push('missions', first.map((doc) => ({ newDocumentState: doc })), context);
    expect(outcome).toMatchObject({ ok: true, written: 2, refused: [{ id: first[0]!.id, code: 'TROP_DE_PALETTES' }] });
    expect(loads).toEqual(['Lyon']);
    store.push('missions', [{ newDocumentState: missionDoc({ destination: 'Nantes' }) }], context);
    expect(loads).toEqual(['Lyon', 'Nantes']);
  });

  it('answers a write the guards completed or changed with the stored state, and why (adjusted)', () => {
    const db = openDatabase(':memory:');
    const store = createReplicationStore(db, createReplicationEvents(), {
      guards: [
        ({ incoming }) =>
          incoming['destination'] === 'Lyon'
            ? { ok: true, set: { commentaire: 'complété par le serveur' } }
            : incoming['destination'] === 'Lille'
              ? { ok: true, set: { nb_palettes: undefined }, notice: { code: 'REPORTE', message: 'palettes retirées' } }
              : { ok: true },
      ],
    });
    const completed = missionDoc({ destination: 'Lyon' });
    const noticed = missionDoc({ destination: 'Lille', nb_palettes: 3 });
    const plain = missionDoc({ destination: 'Paris' });
    const outcome = store.push('missions', [completed, noticed, plain].map((doc) => ({ newDocumentState: doc })), context);
    expect(outcome).toEqual({
      ok: true,
      conflicts: [],
      written: 3,
      refused: [],
      adjusted: [
        { doc: { ...completed, commentaire: 'complété par le serveur' }, adjustment: { id: completed.id } },
        { doc: { ...noticed, nb_palettes: undefined }, adjustment: { id: noticed.id, notice: { code: 'REPORTE', message: 'palettes retirées' } } },
      ],
    });
    expect(store.get('missions', noticed.id)?.['nb_palettes']).toBeUndefined();
    expect(store.get('missions', plain.id)).toEqual(plain);
  });

  it('returns the document exactly as sent, optional fields absent', () => {
    const { store } = setup();
    const doc = missionDoc({ commentaire: 'quai 4', nb_palettes: 0, poids_kg: 1234.5 });
    store.push('missions', [{ newDocumentState: doc }], context);
    expect(store.pull('missions', { seq: 0 }, 10).documents).toEqual([doc]);
  });

  it('is idempotent: the same batch twice writes nothing the second time and reports no conflict', () => {
    const { store, events } = setup();
    const published: number[] = [];
    events.subscribe('missions', (message) => published.push(message === 'RESYNC' ? -1 : message.documents.length));
    const batch = [{ newDocumentState: missionDoc() }, { newDocumentState: missionDoc() }];
    expect(store.push('missions', batch, context)).toEqual({ ok: true, conflicts: [], written: 2, refused: [], adjusted: [] });
    expect(store.push('missions', batch, context)).toEqual({ ok: true, conflicts: [], written: 0, refused: [], adjusted: [] });
    expect(store.currentSequence()).toBe(2);
    expect(published).toEqual([2]);
  });

  it('refuses a push whose assumed state is stale and returns the server state', () => {
    const { store } = setup();
    const original = missionDoc();
    store.push('missions', [{ newDocumentState: original }], context);
    const serverEdit = { ...original, rev: 2, destination: 'Bordeaux' };
    store.push('missions', [{ assumedMasterState: original, newDocumentState: serverEdit }], context);
    const staleEdit = { ...original, rev: 2, destination: 'Nantes' };
    const outcome = store.push('missions', [{ assumedMasterState: original, newDocumentState: staleEdit }], context);
    expect(outcome).toEqual({ ok: true, conflicts: [serverEdit], written: 0, refused: [], adjusted: [] });
    expect(store.get('missions', original.id)).toEqual(serverEdit);
  });

  it('reads a document written earlier in the same batch as stored by then (the batch is read at once)', () => {
    const { store } = setup();
    const stored = missionDoc();
    store.push('missions', [{ newDocumentState: stored }], context);
    const created = missionDoc();
    const edited = { ...stored, rev: 2, destination: 'Bordeaux' };
    const outcome = store.push(
      'missions',
      [
        { newDocumentState: created },
        { assumedMasterState: stored, newDocumentState: edited },
        { assumedMasterState: created, newDocumentState: { ...created, rev: 2, destination: 'Nantes' } },
        // Stale: the first row of the batch already moved it on.
        { assumedMasterState: stored, newDocumentState: { ...stored, rev: 2, destination: 'Lille' } },
      ],
      context,
    );
    expect(outcome).toEqual({ ok: true, conflicts: [edited], written: 3, refused: [], adjusted: [] });
    expect(store.get('missions', created.id)).toEqual({ ...created, rev: 2, destination: 'Nantes' });
    expect(store.get('missions', stored.id)).toEqual(edited);
  });

  it('refuses a create over an existing document that differs', () => {
    const { store } = setup();
    const doc = missionDoc();
    store.push('missions', [{ newDocumentState: doc }], context);
    const outcome = store.push('missions', [{ newDocumentState: { ...doc, destination: 'Autre' } }], context);
    expect(outcome).toMatchObject({ ok: true, conflicts: [doc] });
  });

  it('writes nothing from a batch with one invalid document and names the field path', () => {
    const { store } = setup();
    const good = missionDoc();
    const bad = { ...missionDoc(), heure_debut: '6h' };
    const outcome = store.push('missions', [{ newDocumentState: good }, { newDocumentState: bad }], context);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.code).toBe('VALIDATION_FAILED');
      expect(outcome.issues[0]?.path).toEqual([1, 'newDocumentState', 'heure_debut']);
    }
    expect(store.currentSequence()).toBe(0);
    expect(store.get('missions', good.id)).toBeUndefined();
  });

  it('applies the domain rules as the authority', () => {
    const { store } = setup();
    const outcome = store.push('missions', [{ newDocumentState: missionDoc({ heure_debut: '10:00', heure_fin: '08:00' }) }], context);
    expect(outcome).toMatchObject({ ok: false, code: 'DOMAIN_RULE' });
    expect(store.currentSequence()).toBe(0);
  });

  it('keeps tombstones and logs every write in the activity log', () => {
    const { store, db } = setup();
    const doc = missionDoc();
    store.push('missions', [{ newDocumentState: doc }], { actor: 'JEAN.DUPONT', source: 'rest' });
    const deleted = { ...doc, rev: 2, _deleted: true };
    store.push('missions', [{ assumedMasterState: doc, newDocumentState: deleted }], context);
    expect(store.pull('missions', { seq: 1 }, 10).documents).toEqual([deleted]);
    const log = db.$client.prepare('SELECT actor, source, action, seq FROM activity_log ORDER BY id').all();
    expect(log).toEqual([
      { actor: 'JEAN.DUPONT', source: 'rest', action: 'create', seq: 1 },
      { actor: null, source: 'replication', action: 'delete', seq: 2 },
    ]);
  });

  it('counts what a pull from a checkpoint sends, tombstones included, from the start for another database', () => {
    const { store } = setup();
    const docs = Array.from({ length: 12 }, () => missionDoc());
    store.push('missions', docs.map((doc) => ({ newDocumentState: doc })), context);
    expect(store.count('missions', { seq: 0 })).toBe(12);
    const page = store.pull('missions', { seq: 0 }, 5);
    expect(store.count('missions', page.checkpoint)).toBe(7);
    store.push('missions', [{ assumedMasterState: docs[0], newDocumentState: { ...docs[0]!, rev: 2, _deleted: true } }], context);
    expect(store.count('missions', page.checkpoint)).toBe(8);
    expect(store.count('missions', { seq: page.checkpoint.seq, db: 'another-database' })).toBe(12);
    expect(store.count('chauffeurs', { seq: 0 })).toBe(0);
    let pulled = 0;
    let checkpoint = page.checkpoint;
    for (let next = store.pull('missions', checkpoint, 5); next.documents.length > 0; next = store.pull('missions', checkpoint, 5)) {
      pulled += next.documents.length;
      checkpoint = next.checkpoint;
    }
    expect(pulled).toBe(8);
    expect(store.count('missions', checkpoint)).toBe(0);
  });

  it('shares one sequence across collections', () => {
    const { store } = setup();
    store.push('missions', [{ newDocumentState: missionDoc() }], context);
    const chauffeur = {
      id: crypto.randomUUID(),
      rev: 1,
      updated_at: '2026-11-27T08:00:00.000Z',
      code: 'JD01',
      nom: 'Dupont',
      prenom: 'Jean',
      adr: false,
      fimo: true,
      competences: ['hayon'],
      is_active: true,
      _deleted: false,
    };
    store.push('chauffeurs', [{ newDocumentState: chauffeur }], context);
    expect(store.pull('chauffeurs', { seq: 0 }, 10)).toEqual({ documents: [chauffeur], checkpoint: { seq: 2, db: store.databaseIdentity() } });
  });
});

describe('writes from another process on the same database', () => {
  it('are noticed once, and make the next local write ask streams to pull instead of sending a batch', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relais-ext-')), 'relais.db');
    const server = createReplicationStore(openDatabase(path), createReplicationEvents());
    const serverEvents = createReplicationEvents();
    const serverStore = createReplicationStore(openDatabase(path), serverEvents);
    const messages: string[] = [];
    serverEvents.subscribe('missions', (message) => messages.push(message === 'RESYNC' ? 'RESYNC' : `batch:${message.checkpoint.seq}`));
    expect(serverStore.noticeExternalWrites()).toBe(false);

    // "server" plays the other process (e.g. `relais demo`) here.
    server.push('missions', [{ newDocumentState: missionDoc() }], { actor: null, source: 'demo' });
    expect(serverStore.noticeExternalWrites()).toBe(true);
    expect(serverStore.noticeExternalWrites()).toBe(false);

    server.push('missions', [{ newDocumentState: missionDoc() }], { actor: null, source: 'demo' });
    serverStore.push('missions', [{ newDocumentState: missionDoc() }], context);
    serverStore.push('missions', [{ newDocumentState: missionDoc() }], context);
    expect(messages).toEqual(['RESYNC', 'batch:4']);
    expect(serverStore.noticeExternalWrites()).toBe(false);
  });

  it('notice a new database identity (a restore by `relais backup restore`) even when the sequence did not grow', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relais-ext-')), 'relais.db');
    const other = openDatabase(path);
    const serverStore = createReplicationStore(openDatabase(path), createReplicationEvents());
    const before = serverStore.databaseIdentity();
    expect(serverStore.noticeExternalWrites()).toBe(false);
    replaceDatabaseIdentity(other.$client, newDatabaseIdentity());
    expect(serverStore.databaseIdentity()).not.toBe(before);
    expect(serverStore.noticeExternalWrites()).toBe(true);
    expect(serverStore.noticeExternalWrites()).toBe(false);
  });
});

describe('pull answers written from the rows', () => {
  it('gives, as text, exactly the JSON of pull: hidden fields left out, JSON columns and tombstones included', () => {
    const { store } = setup();
    const docs = [missionDoc({ revenu: 12_000, cout_sst: 8_000, commentaire: 'Quai « 3 »\n"urgent"' }), missionDoc(), missionDoc({ nb_palettes: 0 })];
    store.push('missions', docs.map((doc) => ({ newDocumentState: doc })), context);
    store.push('missions', [{ assumedMasterState: docs[1], newDocumentState: { ...docs[1]!, rev: 2, _deleted: true } }], context);
    const chauffeur = { id: '0b9f5a8e-6c1d-4d1e-9a51-0c2b7f3a9e11', rev: 1, updated_at: '2026-01-05T08:00:00.000Z', code: 'CH1', nom: 'Martin', prenom: 'Léa', type_contrat: 'CDI', permis: 'CE', adr: true, fimo: false, competences: ['hayon', 'ADR'], is_active: true, _deleted: false };
    expect(store.push('chauffeurs', [{ newDocumentState: chauffeur }], context)).toMatchObject({ ok: true, written: 1 });
    for (const [collection, hidden] of [['missions', []], ['missions', ['revenu', 'cout_sst']], ['chauffeurs', []]] as const) {
      for (const checkpoint of [{ seq: 0 }, { seq: 2 }]) {
        const text = new TextDecoder().decode(store.pullJson(collection, checkpoint, 10, hidden));
        expect(text).toBe(JSON.stringify(store.pull(collection, checkpoint, 10, hidden)));
      }
    }
    const page = JSON.parse(new TextDecoder().decode(store.pullJson('missions', { seq: 0 }, 10, ['revenu']))) as { documents: Record<string, unknown>[] };
    expect(page.documents).toHaveLength(3);
    for (const doc of page.documents) {
      expect(doc['_deleted']).toBe(doc['id'] === docs[1]!.id);
    }
    expect(page.documents.some((doc) => 'revenu' in doc)).toBe(false);
    expect(page.documents.some((doc) => doc['cout_sst'] === 8_000)).toBe(true);
  });

  it('writes reals that are not whole numbers so that they parse to the same numbers as pull', () => {
    const { store } = setup();
    const docs = [missionDoc({ poids_kg: 1 / 3 }), missionDoc({ poids_kg: 0.1 + 0.2 }), missionDoc({ poids_kg: 820 })];
    store.push('missions', docs.map((doc) => ({ newDocumentState: doc })), context);
    const page = JSON.parse(new TextDecoder().decode(store.pullJson('missions', { seq: 0 }, 10))) as unknown;
    expect(page).toEqual(store.pull('missions', { seq: 0 }, 10));
    expect(store.pull('missions', { seq: 0 }, 10).documents.map((doc) => doc['poids_kg'])).toEqual([1 / 3, 0.1 + 0.2, 820]);
  });
});
