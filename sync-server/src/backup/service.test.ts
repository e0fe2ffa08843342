import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, signIn } from '../test-support/auth';
import { backupTestApp, dumpDatabase, liveDocuments, openBackup, type BackupTestApp } from '../test-support/backup';
import { missionDoc } from '../test-support/fixtures';
import { sha256OfFile } from './files';
import { knownMigrations } from './schema';

const context = { actor: 'PLANIF', source: 'replication' } as const;

let relais: BackupTestApp;

afterEach(() => relais.dispose());

function write(docs: ReturnType<typeof missionDoc>[]): void {
  for (let start = 0; start < docs.length; start += 1000) {
    const batch = docs.slice(start, start + 1000);
    const outcome = relais.store.push('missions', batch.map((doc) => ({ newDocumentState: doc })), context);
    expect(outcome.ok && outcome.written).toBe(batch.length);
  }
}

function update(doc: ReturnType<typeof missionDoc>, patch: Partial<ReturnType<typeof missionDoc>>): ReturnType<typeof missionDoc> {
  const next = { ...doc, ...patch, rev: doc.rev + 1 };
  const outcome = relais.store.push('missions', [{ assumedMasterState: doc, newDocumentState: next }], context);
  expect(outcome.ok && outcome.written).toBe(1);
  return next;
}

describe('online backup', () => {
  it('writes a private compressed copy that passes the integrity check, with its manifest (size, SHA-256, schema, who, why)', async () => {
    relais = backupTestApp();
    const docs = [missionDoc({ destination: 'Lyon' }), missionDoc({ destination: 'Nantes' })];
    write(docs);
    const entry = await relais.backups.create({ description: 'Avant la clôture', actor: 'ADMIN' });
    expect(entry.manifest).toMatchObject({
      filename: expect.stringMatching(/^backup_\d{8}_\d{6}\.db\.gz$/) as string,
      description: 'Avant la clôture',
      trigger: 'manual',
      created_by: 'ADMIN',
      size_bytes: statSync(entry.path).size,
      sha256: await sha256OfFile(entry.path),
      schema_version: knownMigrations().length,
      schema_migration: knownMigrations().at(-1)?.tag,
    });
    for (const file of readdirSync(relais.backupDir)) {
      expect(statSync(join(relais.backupDir, file)).mode & 0o777, file).toBe(0o600);
    }
    expect(statSync(relais.backupDir).mode & 0o777).toBe(0o700);
    // Two files, nothing temporary left.
    expect(readdirSync(relais.backupDir).sort()).toEqual([entry.manifest.filename, entry.manifest.filename.replace('.db.gz', '.json')]);
    const copy = await openBackup(entry);
    try {
      expect(copy.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.sqlite.pragma('journal_mode', { simple: true })).toBe('delete');
      const destinations = (copy.sqlite.prepare('SELECT destination FROM missions ORDER BY destination').all() as { destination: string }[]).map((row) => row.destination);
      expect(destinations).toEqual(['Lyon', 'Nantes']);
      // A copy is another database: put back by hand, it makes the clients pull everything again.
      const copyIdentity = copy.sqlite.prepare("SELECT value FROM server_meta WHERE key = 'database_id'").get() as { value: string };
      expect(copyIdentity.value).not.toBe(relais.store.databaseIdentity());
    } finally {
      copy.close();
    }
    expect((await relais.backups.list()).map((listed) => listed.manifest.filename)).toEqual([entry.manifest.filename]);
  });

  it('keeps serving writes while it copies, and the copy holds every write acknowledged before it started', async () => {
    // Small steps: writes land between them.
    relais = backupTestApp({ pagesPerStep: 8 });
    const before = Array.from({ length: 3000 }, (_, index) => missionDoc({ destination: `Avant ${index}`, commentaire: 'x'.repeat(200) }));
    write(before);
    let copying = true;
    const backup = relais.backups.create({
      description: '',
      actor: null,
      progress: ({ label }) => {
        copying &&= label === 'copie de la base';
      },
    });
    void backup.finally(() => {
      copying = false;
    });
    let duringCopy = 0;
    while (copying) {
      write([missionDoc({ destination: `Pendant ${duringCopy}` })]);
      duringCopy += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const entry = await backup;
    expect(duringCopy).toBeGreaterThan(5);
    const copy = await openBackup(entry);
    try {
      const ids = new Set((copy.sqlite.prepare('SELECT id FROM missions').all() as { id: string }[]).map((row) => row.id));
      expect(before.every((doc) => ids.has(doc.id))).toBe(true);
      const sequence = copy.sqlite.prepare('SELECT value FROM sync_sequence').get() as { value: number };
      const highest = copy.sqlite.prepare('SELECT max(_seq) AS seq, count(*) AS count FROM missions').get() as { seq: number; count: number };
      // One consistent instant: the sequence and the rows agree, no write half in.
      expect(highest.seq).toBe(sequence.value);
      expect(highest.count).toBe(sequence.value);
    } finally {
      copy.close();
    }
  });

  it('stops on abort and leaves no file behind, listed or temporary', async () => {
    relais = backupTestApp();
    write(Array.from({ length: 2000 }, () => missionDoc({ commentaire: 'y'.repeat(300) })));
    const controller = new AbortController();
    const attempt = relais.backups.create({
      description: 'interrompue',
      actor: null,
      signal: controller.signal,
      progress: () => controller.abort(),
    });
    await expect(attempt).rejects.toMatchObject({ details: { reason: 'aborted' } });
    expect(readdirSync(relais.backupDir)).toEqual([]);
    // And the service takes the next one.
    await relais.backups.create({ description: 'ensuite', actor: null });
    expect(await relais.backups.list()).toHaveLength(1);
  });

  it('runs one operation at a time', async () => {
    relais = backupTestApp();
    const first = relais.backups.create({ description: 'une', actor: null });
    await expect(relais.backups.create({ description: 'deux', actor: null })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'busy' } });
    await first;
  });
});

describe('restore', () => {
  it('puts back the documents of the backup, deletes those written since, keeps the signed-in sessions and the journals', async () => {
    relais = backupTestApp();
    await addUser(relais.auth, { username: 'PLANIF', role: 'planner' });
    const kept = missionDoc({ destination: 'Avant' });
    const changed = missionDoc({ destination: 'Avant aussi' });
    const removed = missionDoc({ destination: 'Supprimée après' });
    write([kept, changed, removed]);
    const atBackup = liveDocuments(relais);
    const entry = await relais.backups.create({ description: 'point de retour', actor: 'ADMIN' });

    const session = await signIn(relais.app, 'PLANIF');
    const latecomer = await addUser(relais.auth, { username: 'NOUVEAU', role: 'viewer' });
    const latecomerSession = await signIn(relais.app, 'NOUVEAU');
    // A renewed session leaves its old refresh tokens behind (reuse detection): they go with it.
    relais.db.$client
      .prepare('INSERT INTO refresh_token_rotations (token_hash, session_id, rotated_at) VALUES (?, ?, ?)')
      .run('ancien-jeton', String(decodeJwt(latecomerSession.token)['sid']), new Date().toISOString());
    update(changed, { destination: 'Changée après' });
    write([missionDoc({ destination: 'Créée après' })]);
    relais.store.push('missions', [{ assumedMasterState: removed, newDocumentState: { ...removed, rev: 2, _deleted: true } }], context);
    const identityBefore = relais.store.databaseIdentity();
    const sequenceBefore = relais.store.currentSequence();
    const liveBefore = liveDocuments(relais);

    const result = await relais.backups.restore(entry.manifest.filename, { actor: 'ADMIN' });

    expect(liveDocuments(relais)).toEqual(atBackup);
    expect(result).toMatchObject({ restored_from: entry.manifest.filename, restored_documents: 3, deleted_documents: 1 });
    // Every restored row and tombstone is numbered after everything clients may have seen: even a
    // client that does not carry the identity (an old build) pulls them all after its checkpoint.
    expect(relais.store.currentSequence()).toBe(sequenceBefore + 4);
    expect(relais.store.pull('missions', { seq: sequenceBefore }, 100).documents).toHaveLength(4);
    expect(relais.store.databaseIdentity()).not.toBe(identityBefore);
    // The safety backup holds what the restore replaced.
    const safety = (await relais.backups.list()).find((listed) => listed.manifest.filename === result.safety_backup);
    expect(safety?.manifest).toMatchObject({ trigger: 'safety', created_by: 'ADMIN' });
    const safetyCopy = await openBackup(safety!);
    try {
      const destinations = (safetyCopy.sqlite.prepare('SELECT destination FROM missions WHERE _deleted = 0 ORDER BY destination').all() as { destination: string }[]).map((row) => row.destination);
      expect(destinations).toEqual(liveBefore['missions']!.map((doc) => (doc as { destination: string }).destination).sort());
    } finally {
      safetyCopy.close();
    }
    // A session open now stays open; the account created since the backup is gone, with its session.
    expect((await relais.app.request('/auth/me', { headers: { authorization: `Bearer ${session.token}` } })).status).toBe(200);
    expect((await relais.app.request('/auth/me', { headers: { authorization: `Bearer ${latecomerSession.token}` } })).status).toBe(401);
    expect(relais.auth.repo.userByUsername('NOUVEAU')).toBeUndefined();
    expect(relais.db.$client.prepare('SELECT count(*) AS n FROM refresh_token_rotations').get()).toEqual({ n: 0 });
    // The journals are not rewound, and they tell of the restore.
    const events = relais.db.$client.prepare("SELECT action, target, actor FROM auth_events WHERE action IN ('login', 'backup_restored') ORDER BY id").all();
    expect(events).toContainEqual({ action: 'backup_restored', target: entry.manifest.filename, actor: 'ADMIN' });
    expect(events.filter((event) => (event as { action: string }).action === 'login')).toHaveLength(2);
    expect(latecomer.id).toBeGreaterThan(0);
    // Writes go on after it, numbered after it.
    write([missionDoc({ destination: 'Après la restauration' })]);
    expect(relais.store.currentSequence()).toBe(sequenceBefore + 5);
  });

  it('never gives again an invoice number given since the backup', async () => {
    relais = backupTestApp();
    const sqlite = relais.db.$client;
    const bump = sqlite.prepare("INSERT INTO numbering_series VALUES ('E1', 'facture', 'F-2026', ?) ON CONFLICT DO UPDATE SET last_number = excluded.last_number");
    const issue = sqlite.prepare("INSERT INTO issued_numbers VALUES ('E1', ?, 'facture', ?, '2026-12-01T08:00:00.000Z')");
    bump.run(41);
    issue.run('F-2026-041', 'f41');
    const entry = await relais.backups.create({ description: '', actor: null });
    bump.run(45);
    issue.run('F-2026-045', 'f45');
    sqlite.prepare("INSERT INTO numbering_series VALUES ('E1', 'avoir', 'A-2026', 3)").run();
    await relais.backups.restore(entry.manifest.filename, { actor: null });
    expect(sqlite.prepare('SELECT document_type, last_number FROM numbering_series ORDER BY document_type').all()).toEqual([
      { document_type: 'avoir', last_number: 3 },
      { document_type: 'facture', last_number: 45 },
    ]);
    expect(sqlite.prepare('SELECT numero FROM issued_numbers ORDER BY numero').all()).toEqual([{ numero: 'F-2026-041' }, { numero: 'F-2026-045' }]);
  });

  it('refuses writes while it swaps, and takes them again after', async () => {
    relais = backupTestApp();
    write([missionDoc()]);
    const entry = await relais.backups.create({ description: '', actor: null });
    const refused: string[] = [];
    await relais.backups.restore(entry.manifest.filename, {
      actor: null,
      progress: ({ label }) => {
        if (label === 'début de la transaction') {
          try {
            write([missionDoc()]);
          } catch (error) {
            refused.push((error as { code: string }).code);
          }
        }
      },
    });
    expect(refused).toEqual(['MAINTENANCE']);
    write([missionDoc()]);
  });

  it('leaves the live database exactly as it was when the restore is aborted before the swap', async () => {
    relais = backupTestApp();
    write([missionDoc()]);
    const entry = await relais.backups.create({ description: '', actor: null });
    write([missionDoc()]);
    const before = dumpDatabase(relais.db.$client);
    const controller = new AbortController();
    const attempt = relais.backups.restore(entry.manifest.filename, {
      actor: null,
      signal: controller.signal,
      progress: ({ label }) => {
        if (label === "contrôle d'intégrité") {
          controller.abort();
        }
      },
    });
    await expect(attempt).rejects.toMatchObject({ details: { reason: 'aborted' } });
    expect(dumpDatabase(relais.db.$client)).toBe(before);
    expect(readdirSync(relais.backupDir).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });
});
