import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatiSimplySlot } from '../../fixtures/batisimply/server';
import {
  insertChantier,
  insertSalarie,
  realMssqlUrl,
  startBatiSimplyStandIn,
  startHarness,
  startSqlTarget,
  suiviRows,
  type BatiSimplyStandIn,
  type SagesHarness,
  type SqlTarget,
} from './support';

function slot(id: string, user: { id: string; firstName: string; lastName: string }, projectId: string, startDate: string, minutes: number, status: BatiSimplySlot['managementStatus'] = 'VALIDATED'): BatiSimplySlot {
  const end = new Date(Date.parse(startDate) + minutes * 60_000).toISOString();
  return { id, startDate, endDate: end, user, project: { id: projectId }, managementStatus: status, totalTimeMinutes: minutes, hasPackedLunch: true, hasHomeToWorkJourney: false };
}

const alice = { id: 'u-alice', firstName: 'Alice', lastName: 'Martin' };
const bruno = { id: 'u-bruno', firstName: 'Bruno', lastName: 'Petit' };
const inconnu = { id: 'u-zoe', firstName: 'Zoé', lastName: 'Inconnue' };

/**
 * Each flow against each SQL target: the TDS test server always; a real SQL Server when
 * `RELAIS_TEST_MSSQL_URL` is set (otherwise that variant is reported skipped).
 */
describe.each([
  { target: 'tds' as const, enabled: true },
  { target: 'mssql' as const, enabled: realMssqlUrl !== undefined },
])('SAGES connector against $target', ({ target: targetName, enabled }) => {
  let target: SqlTarget;
  let bs: BatiSimplyStandIn;
  let hub: SagesHarness;
  const projectOf = (code: string): string => [...bs.projects.values()].find((project) => project.projectCode === code)?.id ?? '';

  beforeAll(async () => {
    if (!enabled) return;
    target = await startSqlTarget(targetName);
    bs = await startBatiSimplyStandIn();
    hub = startHarness(target, bs, 2);
  });

  afterAll(async () => {
    if (!enabled) return;
    hub.close();
    await bs.close();
    await target.close();
  });

  it.skipIf(!enabled)('chantiers flow SQL Server → hub → BatiSimply, and a second run changes nothing', async () => {
    await insertChantier(target.pool, 'CH001', 'École Jean Jaurès');
    await insertChantier(target.pool, 'CH002', 'Gymnase des Pins');
    await insertChantier(target.pool, 'CH003', 'Chantier terminé', 'T');
    const imported = await hub.run('chantiers-import');
    expect(imported.counts).toMatchObject({ created: 2, updated: 0 });
    const exported = await hub.run('chantiers-export');
    expect(exported.counts).toMatchObject({ created: 2, failed: 0 });
    const codes = [...bs.projects.values()].map((project) => project.projectCode).sort();
    expect(codes).toEqual(['CH001', 'CH002']);
    expect(bs.projects.get(projectOf('CH001'))).toMatchObject({ projectName: 'École Jean Jaurès', startEstimated: '2026-03-02', hoursSold: 350, customerName: 'Mairie de Lyon', address: { city: 'Lyon', postalCode: '69002' } });
    const stored = hub.db.$client.prepare('SELECT bs_project_id FROM sages_chantiers WHERE code = ?').get('CH001') as { bs_project_id: string };
    expect(stored.bs_project_id).toBe(projectOf('CH001'));

    const writesBefore = bs.calls.filter((call) => call.method !== 'GET' && call.path.startsWith('/api/')).length;
    expect((await hub.run('chantiers-import')).counts).toMatchObject({ created: 0, updated: 0, skipped: 2 });
    expect((await hub.run('chantiers-export')).counts).toMatchObject({ created: 0, updated: 0 });
    expect((await hub.run('codes-projet')).counts).toMatchObject({ created: 0, updated: 0 });
    expect(bs.calls.filter((call) => call.method !== 'GET' && call.path.startsWith('/api/')).length).toBe(writesBefore);

    await target.pool.request().query("UPDATE dbo.ChantierDef SET Libelle = N'École Jean Jaurès (phase 2)' WHERE Code = N'CH001'");
    expect((await hub.run('chantiers-import')).counts).toMatchObject({ updated: 1 });
    expect((await hub.run('chantiers-export')).counts).toMatchObject({ updated: 1, created: 0 });
    expect(bs.projects.get(projectOf('CH001'))?.projectName).toBe('École Jean Jaurès (phase 2)');
  });

  it.skipIf(!enabled)('hours flow BatiSimply → hub → SQL Server, unmapped employee reported and the rest sent', async () => {
    await insertSalarie(target.pool, 'S01', 'Martin', alice.id);
    await insertSalarie(target.pool, 'S02', 'Petit', bruno.id);
    // Monday 2 March 2026, 23:30 UTC is already Tuesday in Paris.
    bs.slots.set('t1', slot('t1', alice, projectOf('CH001'), '2026-03-02T07:00:00Z', 450));
    bs.slots.set('t2', slot('t2', bruno, projectOf('CH002'), '2026-03-02T23:30:00Z', 120));
    bs.slots.set('t3', slot('t3', inconnu, projectOf('CH001'), '2026-03-02T07:00:00Z', 480));
    bs.slots.set('t4', slot('t4', bruno, projectOf('CH001'), '2026-03-04T07:00:00Z', 480, 'PENDING'));
    expect((await hub.run('heures-import')).counts).toMatchObject({ created: 4 });
    const exported = await hub.run('heures-export');
    expect(exported.counts).toMatchObject({ created: 2, skipped: 1, failed: 0 });
    expect(exported.unmapped).toEqual([{ name: 'Zoé Inconnue', day: '2026-03-02', reason: 'salarie_inconnu' }]);
    expect(await suiviRows(target.pool)).toEqual([
      { CodeChantier: 'CH001', CodeSalarie: 'S01', Date: new Date('2026-03-02T00:00:00Z'), NbH0: 7.5, NbH3: 0, NbH4: 1 },
      { CodeChantier: 'CH002', CodeSalarie: 'S02', Date: new Date('2026-03-03T00:00:00Z'), NbH0: 2, NbH3: 0, NbH4: 1 },
    ]);

    // Re-running both changes nothing in SQL Server, and the unmapped slot is tried (and reported) again.
    expect((await hub.run('heures-import')).counts).toMatchObject({ created: 0, updated: 0, skipped: 4 });
    const again = await hub.run('heures-export');
    expect(again.counts).toMatchObject({ created: 0, updated: 0 });
    expect(again.unmapped.map((entry) => entry.name)).toEqual(['Zoé Inconnue']);
    expect(await suiviRows(target.pool)).toHaveLength(2);

    // Once Zoé has her BatiSimply id in Batigest, the next run sends her hours.
    await insertSalarie(target.pool, 'S03', 'Inconnue', inconnu.id);
    expect((await hub.run('heures-export')).counts).toMatchObject({ created: 1, skipped: 0 });
    expect(await suiviRows(target.pool)).toHaveLength(3);
  });

  it.skipIf(!enabled)('a slot moved from Monday to Tuesday updates its SuiviMO row instead of adding one', async () => {
    const moved = bs.slots.get('t1');
    if (!moved) throw new Error('slot t1 missing');
    bs.slots.set('t1', { ...moved, startDate: '2026-03-03T07:00:00Z', endDate: '2026-03-03T14:30:00Z' });
    expect((await hub.run('heures-import')).counts).toMatchObject({ updated: 1 });
    const exported = await hub.run('heures-export');
    expect(exported.counts).toMatchObject({ updated: 1, created: 0 });
    expect(exported.changes).toEqual([{ action: 'move', label: 'Alice Martin, 2026-03-03, chantier CH001, 7.50 h' }]);
    const alices = (await suiviRows(target.pool)).filter((row) => row.CodeSalarie === 'S01');
    expect(alices).toEqual([{ CodeChantier: 'CH001', CodeSalarie: 'S01', Date: new Date('2026-03-03T00:00:00Z'), NbH0: 7.5, NbH3: 0, NbH4: 1 }]);
    expect((await hub.run('heures-export')).counts).toMatchObject({ created: 0, updated: 0 });
  });

  it.skipIf(!enabled || targetName !== 'tds')('a failure halfway leaves no batch half-sent, and the next run completes it', async () => {
    for (let day = 5; day <= 9; day++) {
      bs.slots.set(`f${day}`, slot(`f${day}`, bruno, projectOf('CH002'), `2026-03-0${day}T06:00:00Z`, 60));
    }
    expect((await hub.run('heures-import')).counts).toMatchObject({ created: 5 });
    const before = (await suiviRows(target.pool)).length;
    // Batches of 2: the first commits, the third INSERT (first of the second batch) fails.
    target.tds?.inject({ match: (statement) => statement.startsWith('INSERT INTO'), action: 'error', after: 2 });
    await expect(hub.run('heures-export')).rejects.toThrow(/rien de ce lot n'est marqué envoyé/);
    expect((await suiviRows(target.pool)).length).toBe(before + 2);
    const sent = hub.db.$client.prepare("SELECT slot_id FROM sages_heures WHERE slot_id LIKE 'f%' AND sent_hash IS NOT NULL ORDER BY slot_id").all();
    expect(sent).toEqual([{ slot_id: 'f5' }, { slot_id: 'f6' }]);

    expect((await hub.run('heures-export')).counts).toMatchObject({ created: 3, failed: 0 });
    const rows = await suiviRows(target.pool);
    expect(rows.length).toBe(before + 5);
    const keys = rows.map((row) => `${row.CodeChantier}/${row.CodeSalarie}/${row.Date.toISOString()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.skipIf(!enabled)('a dry run reports what would change and writes nothing', async () => {
    await insertChantier(target.pool, 'CH010', 'Médiathèque');
    const report = await hub.connector.dryRun('chantiers-import');
    expect(report).toMatchObject({ dryRun: true, counts: { created: 1 }, changes: [{ action: 'create', label: 'CH010 Médiathèque' }] });
    expect(hub.db.$client.prepare("SELECT count(*) AS n FROM sages_chantiers WHERE code = 'CH010'").get()).toEqual({ n: 0 });
    await hub.run('chantiers-import');
    const projects = bs.projects.size;
    expect((await hub.connector.dryRun('chantiers-export')).counts).toMatchObject({ created: 1 });
    expect(bs.projects.size).toBe(projects);
  });

  it.skipIf(!enabled)('BatiSimply 429, 500 and a dropped connection are retried; a 400 is reported with its message', async () => {
    await insertChantier(target.pool, 'CH011', 'Piscine');
    await hub.run('chantiers-import');
    bs.inject({ method: 'POST', path: '/api/project', kind: 429 });
    bs.inject({ method: 'POST', path: '/api/project', kind: 500 });
    bs.inject({ method: 'POST', path: '/api/project', kind: 'drop' });
    const retried = await hub.run('chantiers-export');
    bs.clearFaults();
    expect(retried.counts).toMatchObject({ created: 2, failed: 0 });
    expect(bs.calls.filter((call) => call.method === 'POST' && call.path === '/api/project').length).toBeGreaterThanOrEqual(5);

    await insertChantier(target.pool, 'CH012', 'Crèche');
    await hub.run('chantiers-import');
    bs.inject({ method: 'POST', path: '/api/project', kind: 400, message: 'projectName is too long' });
    const refused = await hub.run('chantiers-export');
    bs.clearFaults();
    expect(refused.counts).toMatchObject({ created: 0, failed: 1 });
    expect(refused.failures).toEqual([{ label: 'CH012 Crèche', message: 'BatiSimply a répondu 400 : projectName is too long' }]);
    // The refused one is still to export: the next run sends it.
    expect((await hub.run('chantiers-export')).counts).toMatchObject({ created: 1, failed: 0 });
    expect([...bs.projects.values()].map((project) => project.projectCode).sort()).toEqual(['CH001', 'CH002', 'CH010', 'CH011', 'CH012']);
  });
});
