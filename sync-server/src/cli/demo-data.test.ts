import { checkDocument, checkPlanning } from '@relais/domain';
import { collections, type CollectionDocuments } from '@relais/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/client';
import { createReplicationEvents } from '../replication/events';
import { createReplicationStore } from '../replication/store';
import { serverWriteGuards } from '../write-rules';
import { loadDemoDataset, storeDemoTarget } from './demo';
import { buildDemoDataset, demoId, demoWeek, uuidV5, type DemoDataset } from './demo-data';

const names = ['chauffeurs', 'disponibilites', 'sst', 'revenus_palettes', 'voyages', 'missions', 'entreprises', 'contacts', 'articles', 'devis', 'factures', 'reglements'] as const satisfies readonly (keyof DemoDataset)[];

/** A Wednesday, and the same week's Sunday. */
const wednesday = new Date(2026, 10, 25, 9, 30);
const sunday = new Date(2026, 10, 29, 20, 0);

function issuesOf<K extends keyof DemoDataset>(collection: K, doc: CollectionDocuments[K]): string[] {
  const parsed = collections[collection].wireSchema.safeParse({ ...doc, _deleted: false });
  const schemaIssues = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  return [...schemaIssues, ...checkDocument(collection, doc).map((issue) => issue.code)];
}

describe('demo dataset', () => {
  it('derives RFC 4122 version 5 ids', () => {
    // Reference vector: uuid v5 of "www.example.com" in the DNS namespace.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(demoId('chauffeur/JD01')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['a Wednesday', wednesday],
    ['a Sunday', sunday],
    ['today', new Date()],
  ])('passes the schemas and domain rules (%s)', (_label, today) => {
    const dataset = buildDemoDataset(today);
    for (const name of names) {
      for (const doc of dataset[name]) {
        expect(issuesOf(name, doc), `${name} ${doc.id}`).toEqual([]);
      }
      expect(new Set(dataset[name].map((doc) => doc.id)).size).toBe(dataset[name].length);
    }
  });

  it('is the size of a small firm', () => {
    const dataset = buildDemoDataset(wednesday);
    expect(dataset.chauffeurs.length).toBeGreaterThanOrEqual(10);
    expect(dataset.voyages.length).toBeGreaterThanOrEqual(6);
    expect(dataset.missions.length).toBeGreaterThanOrEqual(6 * 3);
    expect(dataset.voyages.find((voyage) => voyage.code === 'LYO-PAR')).toMatchObject({ depart: 'Lyon', destination: 'Paris' });
  });

  it('keeps the same ids from one call to the next', () => {
    const first = buildDemoDataset(wednesday);
    const second = buildDemoDataset(new Date(wednesday.getTime() + 3 * 3600_000));
    expect(second).toEqual(first);
    // Another day of the same week: same documents, only their progress differs.
    const friday = buildDemoDataset(new Date(2026, 10, 27, 8, 0));
    for (const name of names) {
      expect(friday[name].map((doc) => doc.id)).toEqual(first[name].map((doc) => doc.id));
    }
  });

  it('plans Monday to Saturday of the current week, with statuses that follow the date', () => {
    const { missions } = buildDemoDataset(wednesday);
    expect(new Set(missions.map((mission) => mission.date_mission))).toEqual(new Set(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']));
    expect(demoWeek(wednesday).map((day) => day.getDay())).toEqual([1, 2, 3, 4, 5, 6]);
    for (const mission of missions) {
      if (mission.statut === 'annule') {
        continue;
      }
      if (mission.date_mission < '2026-11-25') {
        expect(mission.statut).toBe('termine');
      } else if (mission.date_mission > '2026-11-25') {
        expect(mission.statut).toBe('planifie');
      } else {
        expect(['en_cours', 'planifie']).toContain(mission.statut);
      }
    }
    const statuts = new Set(missions.map((mission) => mission.statut));
    expect(statuts).toEqual(new Set(['termine', 'en_cours', 'planifie', 'annule']));
    expect(buildDemoDataset(sunday).missions.every((mission) => ['termine', 'annule'].includes(mission.statut))).toBe(true);
  });

  it('references existing, active and qualified drivers and active lines', () => {
    const { chauffeurs, voyages, missions } = buildDemoDataset(wednesday);
    const drivers = new Map(chauffeurs.map((chauffeur) => [chauffeur.id, chauffeur]));
    const lines = new Map(voyages.map((voyage) => [voyage.id, voyage]));
    for (const mission of missions) {
      if (mission.voyage_id !== undefined) {
        expect(lines.get(mission.voyage_id)?.is_active).toBe(true);
      }
      if (mission.chauffeur_id !== undefined) {
        const driver = drivers.get(mission.chauffeur_id);
        expect(driver?.is_active).toBe(true);
        if (lines.get(mission.voyage_id ?? '')?.code === 'LYO-ANV') {
          expect(driver?.adr).toBe(true);
        }
      }
    }
    expect(missions.filter((mission) => mission.chauffeur_id !== undefined).length).toBeGreaterThan(missions.length / 2);
    // Nobody drives two missions the same day.
    const duties = missions.filter((mission) => mission.chauffeur_id !== undefined).map((mission) => `${mission.date_mission}/${mission.chauffeur_id}`);
    expect(new Set(duties).size).toBe(duties.length);
  });

  it('plans a week the planning rules accept: no blocking conflict, driving times and skills included', () => {
    const { chauffeurs, voyages, missions, disponibilites, sst } = buildDemoDataset(wednesday);
    expect(voyages.every((voyage) => voyage.duree_conduite_min !== undefined && voyage.duree_conduite_min > 0)).toBe(true);
    expect(voyages.find((voyage) => voyage.code === 'LYO-ANV')?.competences_requises).toEqual(['ADR']);
    expect(sst.length).toBeGreaterThan(0);
    expect(disponibilites.length).toBeGreaterThan(0);
    const found = checkPlanning({
      missions,
      chauffeurs: new Map(chauffeurs.map((chauffeur) => [chauffeur.id, chauffeur])),
      voyages: new Map(voyages.map((voyage) => [voyage.id, voyage])),
      absences: disponibilites,
    });
    expect([...found.values()].flat().filter((conflict) => conflict.severity === 'hard')).toEqual([]);
  });
});

describe('the demo dataset bills its missions', () => {
  it('gives every mission a customer and a price: from the revenue per pallet of its destination, or typed for a one-off job', () => {
    const { missions, revenus_palettes, contacts } = buildDemoDataset(wednesday);
    const customers = new Set(contacts.map((contact) => contact.id));
    for (const mission of missions.filter((candidate) => candidate.type_mission !== 'autre')) {
      expect(customers.has(mission.client_id ?? ''), mission.destination).toBe(true);
      expect(mission.revenu, mission.destination).toBeGreaterThan(0);
    }
    const rungis = missions.find((mission) => mission.destination === 'Rungis (94)');
    expect(rungis?.revenu).toBe((rungis?.nb_palettes ?? 0) * (revenus_palettes.find((entry) => entry.destination === 'Rungis (94)')?.revenu_par_palette ?? 0));
    // Delivered missions of several customers to invoice on Wednesday (Monday's and Tuesday's).
    const delivered = missions.filter((mission) => mission.statut === 'termine');
    expect(new Set(delivered.map((mission) => mission.client_id)).size).toBeGreaterThanOrEqual(2);
  });
});

describe('loading the demo dataset', () => {
  let db: Db | undefined;
  afterEach(() => {
    db?.$client.close();
    db = undefined;
  });

  it('writes everything once, then nothing on the second run', async () => {
    db = openDatabase(':memory:');
    // The server's own rules, as `relais demo` runs them: invoices get their numbers.
    const store = createReplicationStore(db, createReplicationEvents(), { guards: serverWriteGuards(db.$client) });
    const dataset = buildDemoDataset(wednesday);
    const total = names.reduce((sum, name) => sum + dataset[name].length, 0);

    const first = await loadDemoDataset(storeDemoTarget(store), dataset);
    expect(first.missions).toEqual({ total: dataset.missions.length, added: dataset.missions.length, unchanged: 0, kept: 0 });
    expect(store.currentSequence()).toBe(total);
    expect(store.get('missions', dataset.missions[0]?.id ?? '')).toEqual({ ...dataset.missions[0], _deleted: false });
    const numbers = db.$client
      .prepare<[], { numero: string; date_facture: string }>("SELECT numero, date_facture FROM factures WHERE statut = 'validee' ORDER BY numero")
      .all();
    // Numbered in the order loaded, which is the order of their dates of issue.
    expect(numbers.map((row) => row.numero)).toEqual(['AV-2026-00001', 'FA-2026-00001', 'FA-2026-00002', 'FA-2026-00003', 'FA-2026-00004', 'FA-2026-00005']);
    const invoices = numbers.filter((row) => row.numero.startsWith('FA-')).map((row) => row.date_facture);
    expect(invoices).toEqual([...invoices].sort());

    const second = await loadDemoDataset(storeDemoTarget(store), buildDemoDataset(wednesday));
    expect(store.currentSequence()).toBe(total);
    for (const name of names) {
      expect(second[name]).toEqual({ total: dataset[name].length, added: 0, unchanged: dataset[name].length, kept: 0 });
    }
    const logged = db.$client.prepare<[], { n: number }>("SELECT count(*) AS n FROM activity_log WHERE source = 'demo'").get();
    expect(logged?.n).toBe(total);
  });

  it('leaves documents edited since untouched', async () => {
    db = openDatabase(':memory:');
    const store = createReplicationStore(db, createReplicationEvents());
    await loadDemoDataset(storeDemoTarget(store), buildDemoDataset(wednesday));
    const sequence = store.currentSequence();
    // Two days later, the statuses of Wednesday and Thursday have moved on.
    const friday = await loadDemoDataset(storeDemoTarget(store), buildDemoDataset(new Date(2026, 10, 27, 8, 0)));
    expect(store.currentSequence()).toBe(sequence);
    expect(friday.missions.kept).toBeGreaterThan(0);
    expect(friday.missions.added).toBe(0);
    expect(friday.chauffeurs.unchanged).toBe(friday.chauffeurs.total);
  });
});
