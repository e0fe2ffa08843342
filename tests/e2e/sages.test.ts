import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBatiSimplyStandIn, type BatiSimplyStandIn } from '../fixtures/batisimply/server';
import { startTdsTestServer, type TdsTestServer } from '../fixtures/tds/server';
import { createUserApi } from '../support/auth';
import type { TestServer } from '../support/server';
import { SagesPage } from './pages/sages-page';
import { SignInPage } from './pages/sign-in-page';
import { openAppPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';
import { pollUntil } from './support/wait';

const adminPassword = 'Relais-e2e-sages-2031';
const financePassword = 'Relais-e2e-sages-compta-2031';
const shots = '/work/shots/sages';

let server: TestServer;
let browser: Browser;
let adminToken: string;
let tds: TdsTestServer;
let bs: BatiSimplyStandIn;
const contexts: BrowserContext[] = [];

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return response.json();
}

async function runJob(job: string): Promise<void> {
  await api('POST', `/api/sages/jobs/${job}/run`);
  await pollUntil(
    async () => {
      const { runs } = (await api('GET', `/api/sages/jobs/${job}/runs`)) as { runs: { status: string }[] };
      return runs[0] && runs[0].status !== 'running' ? true : undefined;
    },
    { what: `fin de ${job}` },
  );
}

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
  ({ server, browser, adminToken } = await startE2eEnvironment(adminPassword));
  tds = await startTdsTestServer();
  bs = await startBatiSimplyStandIn();
  tds.engine.db.exec(`
    INSERT INTO ChantierDef (Code, Libelle, DateDebut, Etat, NomClient, Adresse, CodePostal, Ville, HeuresVendues) VALUES
      ('CH001', 'École Jean Jaurès', '2026-03-02 00:00:00', 'E', 'Mairie de Lyon', '1 place Bellecour', '69002', 'Lyon', 350),
      ('CH002', 'Gymnase des Pins', '2026-02-16 00:00:00', 'E', 'Métropole', '4 rue des Pins', '69100', 'Villeurbanne', 120.5);
    INSERT INTO Salarie (Code, Nom, codebs) VALUES ('S01', 'Martin', 'u-alice');`);
  await api('PUT', '/api/sages/config', {
    sqlServer: { host: tds.host, port: tds.port, database: tds.database, user: tds.user, password: tds.password, encrypt: false },
    batisimply: { tokenUrl: bs.tokenUrl, apiUrl: bs.url, clientId: bs.clientId, clientSecret: bs.clientSecret, username: bs.username, password: bs.password },
    windowDays: 400,
  });
  await runJob('chantiers-import');
  await runJob('chantiers-export');
  const project = [...bs.projects.values()].find((candidate) => candidate.projectCode === 'CH001')?.id ?? '';
  const today = new Date().toISOString().slice(0, 10);
  const slot = (id: string, user: { id: string; firstName: string; lastName: string }) => ({
    id,
    startDate: `${today}T06:00:00Z`,
    endDate: `${today}T14:00:00Z`,
    user,
    project: { id: project },
    managementStatus: 'VALIDATED' as const,
    totalTimeMinutes: 450,
    hasPackedLunch: true,
    hasHomeToWorkJourney: true,
  });
  bs.slots.set('a1', slot('a1', { id: 'u-alice', firstName: 'Alice', lastName: 'Martin' }));
  bs.slots.set('z1', slot('z1', { id: 'u-zoe', firstName: 'Zoé', lastName: 'Leroy' }));
  await runJob('heures-import');
  await runJob('heures-export');
});

afterAll(async () => {
  await stopE2eEnvironment({ server, browser }, contexts);
  await bs.close();
  await tds.close();
});

describe('connecteur SAGES', () => {
  test('un administrateur teste les connexions, voit les tâches, les non rapprochés et un essai à blanc', async () => {
    const { page } = await openAppPage(browser, server, contexts, 'sages-admin');
    const signIn = new SignInPage(page);
    await signIn.open('/app/admin/sages');
    await signIn.signIn(server.adminUsername, adminPassword);
    const sages = new SagesPage(page);
    await sages.root.waitFor({ state: 'visible' });
    expect(await page.locator('input[type=password]').first().inputValue()).toBe('********');
    expect(await sages.testConnection('sql-server')).toContain('table SuiviMO lisible');
    expect(await sages.testConnection('batisimply')).toContain('jeton obtenu');
    await shoot(page, 'configuration');

    await sages.tab('Tâches');
    const panel = await sages.openJob('Heures Relais → Batigest');
    await panel.getByTestId('sages-unmapped').waitFor({ state: 'visible' });
    expect(await panel.getByTestId('sages-unmapped').textContent()).toContain('Zoé Leroy');
    expect(await panel.textContent()).toContain('Réussie');
    await shoot(page, 'tache-heures-export');
    await sages.openJob('Chantiers Batigest → Relais');
    tds.engine.db.exec("INSERT INTO ChantierDef (Code, Libelle, Etat) VALUES ('CH003', 'Médiathèque', 'E')");
    expect(await sages.dryRun()).toContain('Création : CH003 Médiathèque');
    await shoot(page, 'tache-essai-a-blanc');

    await sages.tab('Chantiers');
    await page.getByTestId('sages-chantiers').getByText('École Jean Jaurès').waitFor({ state: 'visible' });
    await shoot(page, 'chantiers');
    await sages.tab('Heures');
    await page.getByTestId('sages-heures').getByText('Alice Martin').waitFor({ state: 'visible' });
    await shoot(page, 'heures');
  });

  test('la comptabilité lit chantiers et heures, sans la configuration', async () => {
    const user = await createUserApi(server.url, adminToken, { username: 'compta.sages', display_name: 'Comptabilité', role_name: 'finance' });
    const { page } = await openAppPage(browser, server, contexts, 'sages-finance');
    const signIn = new SignInPage(page);
    await signIn.open('/app/admin/sages');
    await signIn.signInWithOneTimePassword(user.username, user.temp_password, financePassword);
    const sages = new SagesPage(page);
    await sages.root.waitFor({ state: 'visible' });
    expect(await page.getByRole('tab').allTextContents()).toEqual(['Chantiers', 'Heures']);
    await page.getByTestId('sages-chantiers').getByText('Gymnase des Pins').waitFor({ state: 'visible' });
    await shoot(page, 'finance-chantiers');
  });
});
