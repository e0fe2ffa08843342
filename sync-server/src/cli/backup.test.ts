import { truncateSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { backupTestApp, type BackupTestApp } from '../test-support/backup';
import { missionDoc } from '../test-support/fixtures';
import { backupUsage, runBackupCommand } from './backup';

let relais: BackupTestApp;
afterEach(() => relais.dispose());

async function run(args: string[], description?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBackupCommand(relais.backups, args, { description, actor: 'root (ligne de commande)' }, {
    print: (line) => out.push(line),
    printError: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('relais backup', () => {
  it('creates, lists and restores, in French, exit code 0', async () => {
    relais = backupTestApp();
    relais.store.push('missions', [{ newDocumentState: missionDoc({ destination: 'Avant' }) }], { actor: null, source: 'rest' });
    const created = await run(['create'], 'avant la paie');
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(created.out).toMatch(new RegExp(`^Sauvegarde créée : backup_\\d{8}_\\d{6}\\.db\\.gz \\(\\d+ ko\\) dans ${relais.backupDir}$`));
    const name = (await relais.backups.list())[0]!.manifest.filename;
    const listed = await run(['list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`^${name}\\t\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}\\t\\d+ ko\\tmanuelle\\tavant la paie$`));
    relais.store.push('missions', [{ newDocumentState: missionDoc({ destination: 'Après' }) }], { actor: null, source: 'rest' });
    const restored = await run(['restore', name]);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(new RegExp(`^Base restaurée depuis ${name}\\.\\nSauvegarde de sécurité de la base remplacée : backup_\\S+\\.db\\.gz\\n1 document\\(s\\) restauré\\(s\\), 1 document\\(s\\) absent\\(s\\) de la sauvegarde supprimé\\(s\\)\\.$`));
    expect((await run(['list'])).out.split('\n')[0]).toContain('\tsécurité\tAvant la restauration de ');
  });

  it('says why it refuses, exit code 1, and leaves the base alone', async () => {
    relais = backupTestApp();
    const entry = await relais.backups.create({ description: '', actor: null });
    expect(await run(['restore', '../relais.db'])).toMatchObject({ code: 1, err: 'Échec : Nom de sauvegarde invalide : « ../relais.db » (attendu : backup_AAAAMMJJ_HHMMSS.db.gz).' });
    expect(await run(['restore', 'backup_20990101_000000.db.gz'])).toMatchObject({ code: 1, err: 'Échec : Sauvegarde introuvable : backup_20990101_000000.db.gz.' });
    truncateSync(entry.path, 10);
    const truncated = await run(['restore', entry.manifest.filename]);
    expect(truncated).toMatchObject({ code: 1, err: expect.stringMatching(/^Échec : La sauvegarde backup_\S+ est tronquée \(10 octets au lieu de \d+\)\.$/) as string });
  });

  it('answers a usage error with the usage, exit code 2', async () => {
    relais = backupTestApp();
    expect(await run([])).toMatchObject({ code: 2, err: `Sous-commande manquante : create, list ou restore.\n\n${backupUsage}` });
    expect(await run(['purge'])).toMatchObject({ code: 2, err: `Sous-commande inconnue : relais backup purge\n\n${backupUsage}` });
    expect(await run(['restore'])).toMatchObject({ code: 2, err: `Nom de la sauvegarde manquant.\n\n${backupUsage}` });
    expect(await run(['create', 'de trop'])).toMatchObject({ code: 2, err: `Argument inattendu : de trop\n\n${backupUsage}` });
  });
});
