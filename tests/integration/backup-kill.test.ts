import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Mission } from '@relais/schema';
import { createApp, openDatabase, type Db } from '@relais/sync-server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/server';
import { contentFingerprint } from './support/backups';

const child = fileURLToPath(new URL('./support/restore-child.ts', import.meta.url));

interface Template {
  dir: string;
  name: string;
  /** The live database before the restore, and the backup's content it must become. */
  old: { fingerprint: string; identity: string };
  restored: { fingerprint: string };
}

let template: Template;
const work: string[] = [];

function identityOf(db: Db): string {
  return (db.$client.prepare("SELECT value FROM server_meta WHERE key = 'database_id'").get() as { value: string }).value;
}

function mission(index: number, overrides: Partial<Mission> = {}): Mission & { _deleted: boolean } {
  return {
    id: crypto.randomUUID(),
    rev: 1,
    updated_at: new Date().toISOString(),
    date_mission: '2030-01-07',
    heure_debut: '06:00',
    type_mission: 'livraison',
    destination: `Ville ${index}`,
    statut: 'planifie',
    commentaire: `mission ${index} ${'z'.repeat(400)}`,
    _deleted: false,
    ...overrides,
  };
}

/** A database with a backup, then many changes after it: a half-done swap would show. */
async function prepare(): Promise<Template> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-kill-template-'));
  const db = openDatabase(join(dir, 'relais.db'));
  const relais = createApp({ db, logger: pino({ level: 'silent' }), backups: { dir: join(dir, 'backups'), retention: { retentionDays: 30, minKeep: 7 } } });
  const write = (rows: { assumedMasterState?: Mission; newDocumentState: Mission & { _deleted: boolean } }[]): void => {
    for (let start = 0; start < rows.length; start += 1000) {
      const batch = rows.slice(start, start + 1000);
      const outcome = relais.store.push('missions', batch, { actor: null, source: 'import' });
      expect(outcome.ok && outcome.written).toBe(batch.length);
    }
  };
  const seeded = Array.from({ length: 3000 }, (_, index) => mission(index));
  write(seeded.map((doc) => ({ newDocumentState: doc })));
  const entry = await relais.backups!.create({ description: 'cible', actor: null });
  write(seeded.slice(0, 1500).map((doc) => ({ assumedMasterState: doc, newDocumentState: { ...doc, rev: 2, destination: `${doc.destination} (modifiée)` } })));
  write(seeded.slice(1500, 1800).map((doc) => ({ assumedMasterState: doc, newDocumentState: { ...doc, rev: 2, _deleted: true } })));
  write(Array.from({ length: 800 }, (_, index) => ({ newDocumentState: mission(10_000 + index) })));
  const old = { fingerprint: contentFingerprint(db), identity: identityOf(db) };
  db.$client.close();

  const copyDir = mkdtempSync(join(tmpdir(), 'relais-kill-expected-'));
  writeFileSync(join(copyDir, 'copy.db'), gunzipSync(readFileSync(entry.path)));
  const copy = openDatabase(join(copyDir, 'copy.db'));
  const restored = { fingerprint: contentFingerprint(copy) };
  copy.$client.close();
  rmSync(copyDir, { recursive: true, force: true });
  expect(restored.fingerprint).not.toBe(old.fingerprint);
  return { dir, name: entry.manifest.filename, old, restored };
}

interface Killed {
  /** Bytes in the WAL when the process was killed: the swap's uncommitted pages on disk. */
  walBytes: number;
  db: Db;
}

/** Runs the restore in a child on a fresh copy of the template and kills it (SIGKILL) at `stopAt`. */
async function restoreAndKill(stopAt: string): Promise<Killed> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-kill-'));
  work.push(dir);
  cpSync(template.dir, dir, { recursive: true });
  const databasePath = join(dir, 'relais.db');
  const restoring = spawn(process.execPath, ['--import', 'tsx', child, databasePath, join(dir, 'backups'), template.name, stopAt], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  restoring.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  restoring.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => restoring.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pas de PAUSED pour ${stopAt} : ${output}`)), 60_000);
    const check = (): void => {
      if (output.includes('PAUSED')) {
        clearTimeout(timer);
        resolve();
      } else if (restoring.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`le processus s'est arrêté avant ${stopAt} : ${output}`));
      }
    };
    restoring.stdout.on('data', check);
    restoring.once('exit', check);
  });
  const wal = `${databasePath}-wal`;
  const walBytes = existsSync(wal) ? statSync(wal).size : 0;
  restoring.kill('SIGKILL');
  await exited;
  return { walBytes, db: openDatabase(databasePath) };
}

beforeAll(async () => {
  template = await prepare();
});

afterAll(() => {
  for (const dir of [template.dir, ...work]) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('a restore killed (SIGKILL) at any point leaves the old database or the new one, never a mix', () => {
  const points: [string, 'old' | 'new'][] = [
    ['sauvegarde de sécurité : copie de la base', 'old'],
    ['début de la transaction', 'old'],
    ['missions', 'old'],
    ['journal', 'old'],
    ['after-commit', 'new'],
  ];
  for (const [stopAt, expected] of points) {
    it(`killed at « ${stopAt} »: the ${expected} database`, async () => {
      const { db, walBytes } = await restoreAndKill(stopAt);
      try {
        expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
        const fingerprint = contentFingerprint(db);
        expect(fingerprint).toBe(expected === 'old' ? template.old.fingerprint : template.restored.fingerprint);
        expect(identityOf(db) === template.old.identity).toBe(expected === 'old');
        // The sequence agrees with the rows: no half-renumbered state.
        const { seq } = db.$client.prepare('SELECT max(_seq) AS seq FROM missions').get() as { seq: number };
        expect((db.$client.prepare('SELECT value FROM sync_sequence').get() as { value: number }).value).toBe(seq);
        if (stopAt === 'missions' || stopAt === 'journal') {
          // Killed with the swap's pages already written to the WAL, uncommitted.
          expect(walBytes).toBeGreaterThan(1_000_000);
        }
      } finally {
        db.$client.close();
      }
    });
  }
});
