import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestSshd, type TestSshd } from '../fixtures/sshd/sshd';
import { createWmsDatabase, dropWmsDatabase, expectedExpedition, wmsDbUser } from '../fixtures/wms/mariadb';
import type { TestServer } from '../support/server';
import { SignInPage } from './pages/sign-in-page';
import { WmsPage } from './pages/wms-page';
import { openAppPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';

const adminPassword = 'Relais-e2e-wms-2031';
const shots = '/work/shots/wms';
// Its own database: the integration tests use `ntl_wms_test`.
const database = 'ntl_wms_e2e';
const connectionName = 'WMS Entrepôt Orléans';

let server: TestServer;
let browser: Browser;
let sshd: TestSshd;
let backupDir: string;
const contexts: BrowserContext[] = [];

async function shoot(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/${name}-${width}x${height}.png`, fullPage: true });
  }
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  backupDir = mkdtempSync(join(tmpdir(), 'relais-wms-e2e-'));
  [sshd] = await Promise.all([startTestSshd(), createWmsDatabase(database, { expeditions: 300, receptions: 60 })]);
  ({ server, browser } = await startE2eEnvironment(adminPassword));
});

afterAll(async () => {
  await stopE2eEnvironment({ server, browser }, contexts);
  await sshd?.stop();
  await dropWmsDatabase(database);
  rmSync(backupDir, { recursive: true, force: true });
});

describe('connecteur WMS', () => {
  test('un administrateur crée une connexion, épingle la clé, teste, sauvegarde, enregistre un export et télécharge son CSV', async () => {
    const { page } = await openAppPage(browser, server, contexts, 'wms-admin');
    const signIn = new SignInPage(page);
    await signIn.open('/app/admin/wms');
    await signIn.signIn(server.adminUsername, adminPassword);
    const wms = new WmsPage(page);
    await wms.root.waitFor({ state: 'visible' });

    await wms.createConnection({
      name: connectionName,
      host: sshd.host,
      port: sshd.port,
      user: sshd.username,
      privateKey: sshd.privateKey,
      dbUser: wmsDbUser.user,
      dbPassword: wmsDbUser.password,
      dbName: database,
      backupDir,
      remoteTemp: sshd.remoteTempDir,
    });
    const row = wms.connections.getByRole('row', { name: new RegExp(connectionName) });
    await row.waitFor({ state: 'visible' });
    expect(await row.textContent()).toContain('Non épinglée');

    // Not pinned yet: the test stops at the host key, and says so.
    const unpinned = await wms.test();
    expect(await unpinned.textContent()).toContain('Échec à l’étape : Clé d’hôte');

    const fingerprint = await wms.fetchFingerprint();
    expect(await fingerprint.textContent()).toContain(sshd.fingerprint);
    await shoot(page, 'empreinte');
    await wms.pin();
    await row.getByText('Épinglée').waitFor({ state: 'visible' });

    const report = await wms.test();
    await report.getByText('Connexion vérifiée : toutes les étapes ont réussi.').waitFor({ state: 'visible' });
    expect(await report.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^✓ Nom d’hôte \(DNS\) — /),
      expect.stringMatching(/^✓ Connexion TCP — /),
      expect.stringMatching(/^✓ Clé d’hôte — /),
      expect.stringMatching(/^✓ Authentification SSH — /),
      expect.stringMatching(/^✓ SFTP — /),
      expect.stringMatching(/^✓ Accès à la base — /),
    ]);
    await shoot(page, 'test-connexion');

    const backup = await wms.backup();
    expect(await backup.getAttribute('data-status')).toBe('succeeded');
    expect(await backup.textContent()).toContain('Sauvegarde terminée et vérifiée');
    // The progress of the download: its size, in kilobytes for so small a dump.
    expect(await backup.getByTestId('wms-run-progress').textContent()).toMatch(/^Vérification · \d+,\d Ko sur \d+,\d Ko$/);
    const point = wms.restorePoints.locator('tbody tr').first();
    await point.waitFor({ state: 'visible' });
    const pointText = (await point.textContent()) ?? '';
    expect(pointText).toContain('Sauvegarde');
    expect(pointText).toContain('expedition : 300 lignes');
    expect(pointText).toContain('reception : 60 lignes');
    expect(pointText).toMatch(/\d+,\d Ko/);
    expect(pointText).toContain(server.adminUsername);
    // A restore point shows dates, sizes and names, never its file's checksum.
    expect(pointText).not.toMatch(/[0-9a-f]{32}/);
    const files = readdirSync(join(backupDir), { recursive: true }).map(String);
    expect(files.filter((file) => file.endsWith('.sql.gz'))).toHaveLength(1);
    await shoot(page, 'sauvegarde');

    // A query that is not a single SELECT: refused with the server's reason, in French; the dialog stays open.
    const dialog = await wms.openExportDialog();
    await wms.fillQueryExport(dialog, { name: 'Expéditions du mois', query: 'DELETE FROM expedition', separator: ';', format: 'fr' });
    await wms.saveExport(dialog);
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor({ state: 'visible' });
    expect(await refusal.textContent()).toBe('Enregistrement impossible : Requête refusée : une seule instruction SELECT est permise.');
    await shoot(page, 'export-refuse');
    await dialog.getByLabel('Requête (lecture seule)', { exact: true }).fill('SELECT numero, client, poids_kg FROM expedition WHERE id <= 40 ORDER BY id');
    await wms.saveExport(dialog);
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Export « Expéditions du mois » enregistré.').waitFor({ state: 'visible' });
    expect(await wms.exportRow('Expéditions du mois').textContent()).toContain('Requête');

    const download = await wms.downloadExport('Expéditions du mois');
    expect(download.suggestedFilename()).toBe('Expéditions du mois.csv');
    const csv = readFileSync(await download.path());
    expect(csv.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const records: string[][] = parse(csv, { delimiter: ';', bom: true });
    expect(records[0]).toEqual(['numero', 'client', 'poids_kg']);
    expect(records.slice(1)).toEqual(
      Array.from({ length: 40 }, (_, index) => {
        const expected = expectedExpedition(index + 1);
        return [expected.numero, expected.client ?? '', expected.poids_kg === null ? '' : expected.poids_kg.replace('.', ',')];
      }),
    );

    // Run now: written into the connection's export folder.
    const run = await wms.runExport('Expéditions du mois');
    expect(await run.getAttribute('data-status')).toBe('succeeded');
    expect(readdirSync(backupDir, { recursive: true }).map(String).filter((file) => file.endsWith('.csv'))).toHaveLength(1);
    await shoot(page, 'exports');

    await wms.deleteExport('Expéditions du mois');
    await page.getByText('Aucun export enregistré.').waitFor({ state: 'visible' });
  });
});
