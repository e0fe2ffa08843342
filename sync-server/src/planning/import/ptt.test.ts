import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collections } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { importPtt, readPttFolder, ImportFolderError } from './ptt';
import { importOrder, type ImportReport } from './report';
import { importId } from './values';
import { copyOfPttFixture, countRows, importBench, pttFixture, type ImportBench } from './test-helpers';

function counts(report: ImportReport) {
  return Object.fromEntries(
    importOrder.map((name) => {
      const { created, updated, unchanged, rejected, warnings } = report.collections[name];
      return [name, { created, updated, unchanged, rejected: rejected.length, warnings: warnings.length }];
    }),
  );
}

function run(bench: ImportBench, dryRun: boolean, folder = pttFixture): Promise<ImportReport> {
  return importPtt(bench.target, readPttFolder(folder), { dryRun });
}

const firstImport = {
  sst: { created: 3, updated: 0, unchanged: 0, rejected: 4, warnings: 0 },
  chauffeurs: { created: 3, updated: 0, unchanged: 0, rejected: 2, warnings: 0 },
  disponibilites: { created: 2, updated: 0, unchanged: 0, rejected: 0, warnings: 0 },
  voyages: { created: 4, updated: 0, unchanged: 0, rejected: 1, warnings: 0 },
  revenus_palettes: { created: 2, updated: 0, unchanged: 0, rejected: 1, warnings: 1 },
  missions: { created: 5, updated: 0, unchanged: 0, rejected: 4, warnings: 0 },
};

/** Where the first import's documents are: what the fixture's names map to. */
const ids = {
  dupre: importId('sst', 'transports dupre'),
  henin: importId('sst', 'logistique henin'),
  lefevre: importId('chauffeur', '1'),
  dubois: importId('chauffeur', '2'),
  martin: importId('chauffeur', '3'),
  bru: importId('voyage', 'bru-01'),
  lil: importId('voyage', 'lil-02'),
  gand: importId('voyage', 'gand'),
  lux: importId('voyage', 'lux-03'),
  mission101: importId('mission', 'id:101'),
  mission102: importId('mission', 'id:102'),
  mission103: importId('mission', 'id:103'),
  mission106: importId('mission', 'id:106'),
};

describe('import of the PTT _data folder', () => {
  it('dry run: reports exact counts and French reasons, writes nothing', async () => {
    const bench = importBench();
    const report = await run(bench, true);
    expect(report.dryRun).toBe(true);
    expect(counts(report)).toEqual(firstImport);
    expect(report.collections.missions.rejected).toEqual([
      { file: 'missions.json', entry: '#4 (id 104)', reason: 'mission sans date : ignorée, comme le faisait l’ancien outil' },
      { file: 'missions.json', entry: '#5 (id 105)', reason: 'voyage « ANVERS-99 » inconnu' },
      { file: 'missions.json', entry: '#7 (id 107)', reason: 'palettes : nombre attendu, reçu « douze »' },
      { file: 'missions.json', entry: '#8', reason: 'objet attendu, reçu une liste' },
    ]);
    expect(report.collections.sst.rejected).toEqual([
      { file: 'sst.json', entry: '#4', reason: 'nom de sous-traitant attendu, reçu « 42 »' },
      { file: 'sst_emails.json', entry: 'Logistique Hénin #2', reason: 'adresse e-mail invalide : « pas-une-adresse »' },
      { file: 'sst_emails.json', entry: 'Inconnu SARL', reason: 'sous-traitant absent de sst.json' },
      { file: 'tarifs_sst.json', entry: 'Transports Dupré / ANVERS', reason: 'voyage « ANVERS » inconnu' },
    ]);
    expect(report.collections.chauffeurs.rejected).toEqual([
      { file: 'chauffeurs.json', entry: '#4', reason: 'sous-traitant « Transports Inconnus » inconnu' },
      { file: 'chauffeurs.json', entry: '#5', reason: 'objet attendu, reçu « Chauffeur sans fiche »' },
    ]);
    expect(report.collections.voyages.rejected).toEqual([{ file: 'voyages.json', entry: '#5', reason: 'code manquant' }]);
    expect(report.collections.revenus_palettes.rejected).toEqual([{ file: 'revenus_palettes.json', entry: 'ZZZ-99', reason: 'voyage « ZZZ-99 » inconnu' }]);
    expect(report.collections.revenus_palettes.warnings[0]?.reason).toBe(
      'tranche 1–10 palettes à 250,00 € (soit 25,00 € par palette) non représentable : 20,00 € par palette retenu',
    );
    expect(report.files).toContainEqual(expect.objectContaining({ file: 'announcement_config.json', status: 'illisible' }));
    expect(report.files).toContainEqual(expect.objectContaining({ file: 'notes.txt', status: 'ignoré' }));
    expect(bench.store.currentSequence()).toBe(0);
    for (const name of importOrder) {
      expect(countRows(bench.db, name)).toBe(0);
    }
  });

  it('imports what the dry run announced, valid against the shared schemas', async () => {
    const bench = importBench();
    const dry = await run(bench, true);
    const report = await run(bench, false);
    expect(counts(report)).toEqual(counts(dry));
    const created = importOrder.reduce((sum, name) => sum + report.collections[name].created, 0);
    expect(bench.store.currentSequence()).toBe(created);
    for (const name of importOrder) {
      expect(countRows(bench.db, name)).toBe(report.collections[name].created);
    }
    const mission = bench.store.get('missions', ids.mission101);
    expect(collections.missions.wireSchema.safeParse(mission).success).toBe(true);
    const activity = bench.db.$client.prepare<[], { source: string; n: number }>('SELECT source, COUNT(*) AS n FROM activity_log GROUP BY source').all();
    expect(activity).toEqual([{ source: 'import', n: created }]);
  });

  it('resolves references by name and code, and converts euros to cents', async () => {
    const bench = importBench();
    await run(bench, false);
    expect(bench.store.get('missions', ids.mission101)).toMatchObject({
      date_mission: '2025-09-15',
      heure_debut: '06:30',
      type_mission: 'livraison',
      voyage_id: ids.bru,
      sst_id: ids.dupre,
      chauffeur_id: ids.dubois,
      nb_palettes: 18,
      numero: 'CMD-2025-0915',
      destination: 'BRU-01',
      commentaire: 'Quai n°3, appeler à l\'arrivée',
      statut: 'termine',
      revenu: 36000,
      cout_sst: 18550,
    });
    // Chauffeur named by old numeric id, a night run past midnight.
    expect(bench.store.get('missions', ids.mission102)).toMatchObject({ chauffeur_id: ids.lefevre, voyage_id: ids.lux, heure_debut: '26:15', revenu: 30000, statut: 'planifie' });
    expect(bench.store.get('missions', ids.mission103)).toMatchObject({ type_mission: 'ramasse', sst_id: ids.henin, heure_debut: '00:00', cout_sst: 31000 });
    expect(bench.store.get('missions', ids.mission106)).toMatchObject({ chauffeur_id: ids.martin, voyage_id: ids.lil, nb_palettes: 22, revenu: 33050 });
    const noIdMission = bench.db.$client.prepare<[], { sst_id: string | null }>("SELECT sst_id FROM missions WHERE numero = 'R-77'").get();
    expect(noIdMission).toEqual({ sst_id: null }); // sans_sst: the named subcontractor is not kept
    expect(bench.store.get('sst', ids.dupre)).toMatchObject({
      nom: 'Transports Dupré',
      code: 'TRANSPORTSDUPRE',
      is_active: true,
      email: 'exploitation@dupre-transports.fr',
      contacts: [
        expect.objectContaining({ email: 'exploitation@dupre-transports.fr', is_primary: true }),
        expect.objectContaining({ email: 'compta@dupre-transports.fr', is_primary: false }),
      ],
      tarifs: [
        expect.objectContaining({ destination: 'BRU-01', pays: 'Belgique', prix: 18550, unite: 'voyage' }),
        expect.objectContaining({ destination: 'LIL-02', prix: 12000, unite: 'voyage' }),
      ],
    });
    expect(bench.store.get('chauffeurs', ids.dubois)).toMatchObject({ code: 'AD01', sst_id: ids.dupre, prenom: 'Amélie', commentaire: 'Préfère les tournées du matin', is_active: true });
    expect(bench.store.get('chauffeurs', ids.martin)).toMatchObject({ code: 'LM01', is_active: false, telephone: '612345678' });
    expect(bench.store.get('voyages', ids.lil)).toMatchObject({ code: 'LIL-02', nom: 'LIL-02', type_mission: 'livraison', pays_destination: 'Belgique', duree_conduite_min: 95, jours_operation: [], is_active: true });
    expect(bench.store.get('voyages', ids.gand)).toMatchObject({ type_mission: 'ramasse', is_active: false, duree_conduite_min: 210 });
    expect(bench.store.get('revenus_palettes', importId('revenu-palette', 'bru-01'))).toMatchObject({ destination: 'BRU-01', revenu_par_palette: 2000 });
    expect(bench.store.get('revenus_palettes', importId('revenu-palette', 'lil-02'))).toMatchObject({ revenu_par_palette: 1500 });
    const absences = bench.db.$client.prepare('SELECT chauffeur_id, date_debut, date_fin, type_absence, motif FROM disponibilites ORDER BY date_debut').all();
    expect(absences).toEqual([
      { chauffeur_id: ids.lefevre, date_debut: '2025-08-04', date_fin: '2025-08-15', type_absence: 'conges', motif: null },
      { chauffeur_id: ids.martin, date_debut: '2025-09-12', date_fin: '2025-09-12', type_absence: 'autre', motif: 'Visite médicale' },
    ]);
  });

  it('re-importing the same folder changes nothing', async () => {
    const bench = importBench();
    await run(bench, false);
    const sequence = bench.store.currentSequence();
    const report = await run(bench, false);
    for (const name of importOrder) {
      expect(report.collections[name]).toMatchObject({ created: 0, updated: 0, unchanged: firstImport[name].created });
    }
    expect(bench.store.currentSequence()).toBe(sequence);
  });

  it('editing one value in the folder updates exactly that document (rev + 1)', async () => {
    const bench = importBench();
    const folder = copyOfPttFixture();
    try {
      await run(bench, false, folder);
      const sequence = bench.store.currentSequence();
      const path = join(folder, 'missions.json');
      writeFileSync(path, readFileSync(path, 'utf8').replace('"palettes": "22"', '"palettes": "23"'));
      const dry = await run(bench, true, folder);
      expect(dry.collections.missions).toMatchObject({ created: 0, updated: 1, unchanged: 5 - 1 });
      expect(bench.store.currentSequence()).toBe(sequence);
      const report = await run(bench, false, folder);
      expect(counts(report)).toEqual({
        ...Object.fromEntries(importOrder.map((name) => [name, { ...firstImport[name], created: 0, unchanged: firstImport[name].created }])),
        missions: { created: 0, updated: 1, unchanged: 4, rejected: 4, warnings: 0 },
      });
      expect(bench.store.currentSequence()).toBe(sequence + 1);
      expect(bench.store.get('missions', ids.mission106)).toMatchObject({ nb_palettes: 23, rev: 2 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps what Relais added since the import, and adopts a voyage created by hand with the same code', async () => {
    const bench = importBench();
    await run(bench, false);
    const chauffeur = bench.store.get('chauffeurs', ids.dubois);
    const edited = { ...chauffeur, code: 'DUBOIS', email: 'amelie@example.fr', rev: Number(chauffeur?.['rev']) + 1, updated_at: new Date().toISOString(), _deleted: false };
    expect(bench.store.push('chauffeurs', [{ assumedMasterState: chauffeur, newDocumentState: edited }], { actor: 'planner', source: 'rest' })).toMatchObject({ ok: true, written: 1 });
    const report = await run(bench, false);
    expect(report.collections.chauffeurs).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(bench.store.get('chauffeurs', ids.dubois)).toMatchObject({ code: 'DUBOIS', email: 'amelie@example.fr' });

    const other = importBench();
    const handMade = { id: crypto.randomUUID(), rev: 1, updated_at: new Date().toISOString(), code: 'BRU-01', nom: 'Bruxelles', jours_operation: ['lundi'], is_active: true, _deleted: false };
    other.store.push('voyages', [{ newDocumentState: handMade }], { actor: 'planner', source: 'rest' });
    const adopted = await run(other, false);
    expect(adopted.collections.voyages).toMatchObject({ created: 3, updated: 1, rejected: [expect.anything()] });
    expect(other.store.get('voyages', handMade.id)).toMatchObject({ nom: 'Bruxelles', jours_operation: ['lundi'], duree_conduite_min: 180, rev: 2 });
    expect(other.store.get('missions', ids.mission101)).toMatchObject({ voyage_id: handMade.id });
  });

  it('leaves a document deleted in Relais deleted, and says so', async () => {
    const bench = importBench();
    await run(bench, false);
    const mission = bench.store.get('missions', ids.mission106);
    const tombstone = { ...mission, rev: Number(mission?.['rev']) + 1, updated_at: new Date().toISOString(), _deleted: true };
    expect(bench.store.push('missions', [{ assumedMasterState: mission, newDocumentState: tombstone }], { actor: 'planner', source: 'rest' })).toMatchObject({ ok: true, written: 1 });
    const sequence = bench.store.currentSequence();
    const report = await run(bench, false);
    expect(report.collections.missions).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(report.collections.missions.rejected).toContainEqual({ file: 'missions.json', entry: '#6 (id 106)', reason: 'supprimé dans Relais depuis un import précédent : laissé supprimé' });
    expect(bench.store.currentSequence()).toBe(sequence);
    expect(bench.store.get('missions', ids.mission106)?._deleted).toBe(true);
  });

  it('reports what the server refuses instead of stopping', async () => {
    const bench = importBench();
    const refusing = {
      ...bench.target,
      push: (...args: Parameters<typeof bench.target.push>) => {
        const [collection, rows] = args;
        if (collection !== 'voyages') {
          return bench.target.push(collection, rows);
        }
        const [first, ...rest] = rows;
        const outcome = bench.target.push(collection, rest);
        return outcome.ok ? { ...outcome, refused: [{ id: String(first?.newDocumentState['id']), code: 'TEST', message: 'refus de test' }] } : outcome;
      },
    };
    const report = await importPtt(refusing, readPttFolder(pttFixture), { dryRun: false });
    expect(report.collections.voyages.created).toBe(3);
    expect(report.collections.voyages.rejected).toContainEqual({ file: 'voyages.json', entry: '#1', reason: 'refusé par le serveur : refus de test' });
    expect(report.collections.missions.created).toBe(5);
  });

  it('writes a large folder in batches the write path accepts (at most 1000 per push)', async () => {
    const bench = importBench();
    const pushes: number[] = [];
    const counting = {
      ...bench.target,
      push: (...[collection, rows]: Parameters<typeof bench.target.push>) => {
        pushes.push(rows.length);
        return bench.target.push(collection, rows);
      },
    };
    const missions = Array.from({ length: 2100 }, (_, index) => ({ id: index + 1, date: '2025-10-01', heure: '05:00', voyage: 'V1', palettes: index % 33 }));
    const folder = { contents: { 'voyages.json': [{ code: 'V1' }], 'missions.json': missions }, notes: [] };
    const report = await importPtt(counting, folder, { dryRun: false });
    expect(report.collections.missions).toMatchObject({ created: 2100, rejected: [] });
    expect(pushes).toEqual([1, 1000, 1000, 100]);
    expect(countRows(bench.db, 'missions')).toBe(2100);
  });

  it('reports a data file that is not valid JSON (or not UTF-8) and imports the rest', async () => {
    const bench = importBench();
    const folder = copyOfPttFixture();
    try {
      writeFileSync(join(folder, 'voyages.json'), '[{ "code": "BRU-01", ');
      writeFileSync(join(folder, 'sst.json'), Buffer.from('["Transports Dupr\xe9"]', 'latin1'));
      const report = await run(bench, true, folder);
      expect(report.files).toContainEqual(expect.objectContaining({ file: 'voyages.json', status: 'illisible', message: expect.stringMatching(/^JSON invalide .* : fichier ignoré$/) as unknown }));
      expect(report.files).toContainEqual({ file: 'sst.json', status: 'illisible', message: 'fichier qui n’est pas en UTF-8 (enregistrez-le en UTF-8, « CSV UTF-8 » dans Excel) : fichier ignoré' });
      expect(report.collections.voyages.created).toBe(0);
      expect(report.collections.chauffeurs.created).toBe(2);
      expect(report.collections.missions.rejected).toContainEqual({ file: 'missions.json', entry: '#1 (id 101)', reason: 'voyage « BRU-01 » inconnu' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a folder it cannot use', () => {
    expect(() => readPttFolder(join(pttFixture, 'absent'))).toThrow(ImportFolderError);
    expect(() => readPttFolder(join(pttFixture, 'sst.json'))).toThrow(/n’est pas un dossier/);
  });
});
