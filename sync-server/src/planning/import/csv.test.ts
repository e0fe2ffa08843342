import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, importCsv, type CsvCollection } from './csv';
import { ImportFolderError } from './ptt';
import { countRows, csvFixtures, importBench, type ImportBench } from './test-helpers';

async function runCsv(bench: ImportBench, collection: CsvCollection, dryRun: boolean) {
  const file = `${collection}.csv`;
  return (await importCsv(bench.target, collection, readFileSync(join(csvFixtures, file), 'utf8'), { dryRun, file })).collections[collection];
}

describe('CSV import', () => {
  it('detects the separator of the header line', () => {
    expect(detectDelimiter('\uFEFFcode;nom;prenom\n1,5;a;b')).toBe(';');
    expect(detectDelimiter('code,nom,prenom\n"a;b",c,d')).toBe(',');
  });

  it('imports chauffeurs from a `;` file with a BOM, with a dry run first', async () => {
    const bench = importBench();
    const dry = await runCsv(bench, 'chauffeurs', true);
    expect(dry).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(dry.rejected).toEqual([{ file: 'chauffeurs.csv', entry: 'ligne 4', reason: 'is_active : oui/non attendu, reçu « peut-être »' }]);
    expect(dry.warnings).toEqual([{ file: 'chauffeurs.csv', entry: 'en-tête', reason: 'colonne « couleur_preferee » ignorée' }]);
    expect(countRows(bench.db, 'chauffeurs')).toBe(0);
    expect(bench.store.currentSequence()).toBe(0);

    expect(await runCsv(bench, 'chauffeurs', false)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const rows = bench.db.$client.prepare('SELECT code, nom, prenom, telephone, is_active, competences, commentaire, adr FROM chauffeurs ORDER BY code').all();
    expect(rows).toEqual([
      { code: 'EL01', nom: 'Lemaître', prenom: 'Élise', telephone: null, is_active: 0, competences: '[]', commentaire: null, adr: 0 },
      { code: 'JD01', nom: 'Dupont', prenom: 'Jean', telephone: '06 11 22 33 44', is_active: 1, competences: '["ADR","Hayon"]', commentaire: 'Ancien de l’équipe ; très fiable', adr: 0 },
    ]);
    const sequence = bench.store.currentSequence();
    expect(await runCsv(bench, 'chauffeurs', false)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(bench.store.currentSequence()).toBe(sequence);
  });

  it('imports voyages from a `,` file and missions with references by code and euros in cents', async () => {
    const bench = importBench();
    await runCsv(bench, 'chauffeurs', false);
    const voyages = await runCsv(bench, 'voyages', false);
    expect(voyages).toMatchObject({ created: 2, rejected: [{ file: 'voyages.csv', entry: 'ligne 4', reason: 'code manquant' }] });
    const bru = bench.db.$client.prepare<[], { id: string; nom: string; jours_operation: string; type_mission: string }>("SELECT id, nom, jours_operation, type_mission FROM voyages WHERE code = 'BRU-01'").get();
    expect(bru).toMatchObject({ nom: 'Bruxelles centre', jours_operation: '["lundi","mercredi"]', type_mission: 'livraison' });
    expect(bench.db.$client.prepare("SELECT nom, type_mission FROM voyages WHERE code = 'LIL-02'").get()).toEqual({ nom: 'LIL-02', type_mission: 'ramasse' });

    const missions = await runCsv(bench, 'missions', false);
    expect(missions.created).toBe(2);
    expect(missions.rejected.map((item) => item.entry)).toEqual(['ligne 4', 'ligne 5']);
    expect(missions.rejected[0]?.reason).toBe('voyage_id : « XXX-9 » introuvable dans voyages');
    expect(missions.rejected[1]?.reason).toMatch(/^heure_debut : heure attendue au format HH:MM/);
    const jd = bench.db.$client.prepare<[], { id: string }>("SELECT id FROM chauffeurs WHERE code = 'JD01'").get();
    expect(bench.db.$client.prepare("SELECT voyage_id, chauffeur_id, revenu, cout_sst, nb_palettes, heure_debut FROM missions WHERE numero = 'CMD-1'").get()).toEqual({
      voyage_id: bru?.id,
      chauffeur_id: jd?.id,
      revenu: 125050,
      cout_sst: 18550,
      nb_palettes: 18,
      heure_debut: '06:30',
    });
    expect(bench.db.$client.prepare("SELECT heure_debut, destination, statut FROM missions WHERE numero = 'CMD-2'").get()).toEqual({ heure_debut: '00:00', destination: 'LIL-02', statut: 'termine' });
    expect(await runCsv(bench, 'missions', true)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('rejects a row whose id is not a Relais id', async () => {
    const bench = importBench();
    const report = (await importCsv(bench.target, 'voyages', 'id;code\n12;BRU-01\n;LIL-02\n', { dryRun: true, file: 'v.csv' })).collections.voyages;
    expect(report.created).toBe(1);
    expect(report.rejected).toEqual([
      { file: 'v.csv', entry: 'ligne 2', reason: 'id : identifiant Relais (UUID) attendu, reçu « 12 » ; laissez la colonne vide pour un nouveau document' },
    ]);
  });

  it('refuses a file without a header of field names', async () => {
    const bench = importBench();
    await expect(importCsv(bench.target, 'voyages', 'a;b;c\n1;2;3\n', { dryRun: true, file: 'x.csv' })).rejects.toThrow(ImportFolderError);
  });
});
