import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/client';
import { csvFixtures, pttFixture } from '../planning/import/test-helpers';
import { runImportCommand } from './import';

const folders: string[] = [];

/** A database file on disk, as `relais import` opens it. */
function databaseFile(): { db: Db; path: string } {
  const folder = mkdtempSync(join(tmpdir(), 'relais-import-cli-'));
  folders.push(folder);
  const path = join(folder, 'relais.db');
  return { db: openDatabase(path), path };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { print: (line: string) => out.push(line), printError: (line: string) => err.push(line) } };
}

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

describe('relais import', () => {
  it('prints progress and the report in French, dry run then real import, exit code 0 despite rejections', async () => {
    const { db } = databaseFile();
    const dry = capture();
    expect(await runImportCommand(db, ['ptt', pttFixture], { dryRun: true }, dry.output)).toBe(0);
    expect(dry.out[0]).toBe(`Simulation de l’import du dossier ${pttFixture}…`);
    expect(dry.out).toContain('  … Missions : 5 seraient créé(s), 0 seraient mis à jour, 0 inchangé(s), 4 rejeté(s)');
    expect(dry.out).toContain('Simulation : rien n’a été écrit.');
    expect(dry.out).toContain('  missions.json #5 (id 105) : voyage « ANVERS-99 » inconnu');
    expect(dry.out).toContain('  notes.txt : ignoré — pas un fichier JSON');
    expect(db.$client.prepare('SELECT COUNT(*) AS n FROM missions').get()).toEqual({ n: 0 });

    const real = capture();
    expect(await runImportCommand(db, ['ptt', pttFixture], { dryRun: false }, real.output)).toBe(0);
    expect(real.out).toContain('Import terminé.');
    expect(real.out).toContain('  Missions : 5 créé(s), 0 mis à jour, 0 inchangé(s), 4 rejeté(s)');
    expect(db.$client.prepare('SELECT COUNT(*) AS n FROM missions').get()).toEqual({ n: 5 });
    expect(real.err).toEqual([]);
    db.$client.close();
  });

  it('imports a CSV file', async () => {
    const { db } = databaseFile();
    const run = capture();
    expect(await runImportCommand(db, ['csv', 'chauffeurs', join(csvFixtures, 'chauffeurs.csv')], { dryRun: false }, run.output)).toBe(0);
    expect(run.out).toContain('  Chauffeurs : 2 créé(s), 0 mis à jour, 0 inchangé(s), 1 rejeté(s), 1 avertissement(s)');
    expect(run.out).toContain('  chauffeurs.csv ligne 4 : is_active : oui/non attendu, reçu « peut-être »');
    db.$client.close();
  });

  it('exits 1 on an unusable folder or file, 2 on a usage error', async () => {
    const { db } = databaseFile();
    const missing = capture();
    expect(await runImportCommand(db, ['ptt', join(pttFixture, 'absent')], { dryRun: true }, missing.output)).toBe(1);
    expect(missing.err[0]).toMatch(/^Dossier illisible/);
    const empty = capture();
    expect(await runImportCommand(db, ['ptt', csvFixtures], { dryRun: true }, empty.output)).toBe(1);
    expect(empty.err[0]).toMatch(/^Aucun fichier de données lisible/);
    expect(await runImportCommand(db, ['csv', 'chauffeurs', join(csvFixtures, 'absent.csv')], { dryRun: true }, capture().output)).toBe(1);
    const latin1 = join(folders[0] ?? tmpdir(), 'chauffeurs-latin1.csv');
    writeFileSync(latin1, Buffer.from('code;nom;prenom\nJD01;Dupr\xe9;Jean\n', 'latin1'));
    const notUtf8 = capture();
    expect(await runImportCommand(db, ['csv', 'chauffeurs', latin1], { dryRun: true }, notUtf8.output)).toBe(1);
    expect(notUtf8.err[0]).toMatch(/n’est pas en UTF-8/);
    const unknown = capture();
    expect(await runImportCommand(db, ['csv', 'sst', join(csvFixtures, 'chauffeurs.csv')], { dryRun: true }, unknown.output)).toBe(2);
    expect(unknown.err[0]).toMatch(/non importable en CSV/);
    expect(await runImportCommand(db, ['ptt'], { dryRun: true }, capture().output)).toBe(2);
    db.$client.close();
  });
});
