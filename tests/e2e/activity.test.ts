import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUserApi, signInApi } from '../support/auth';
import { pullAll } from '../support/replication';
import { startTestServer, type TestServer } from '../support/server';
import { ActivityPage } from './pages/activity-page';
import { AppNav } from './pages/app-nav';
import { MissionsPage } from './pages/missions-page';
import { SignInPage } from './pages/sign-in-page';
import { UserMenu } from './pages/user-menu';
import { launchBrowser, openAppPage, type OpenedPage, type PageDiagnostics } from './support/browser';
import { pollUntil } from './support/wait';

const day = '2031-06-12';
/** What the one-time passwords become at the first sign-in. */
const newPassword = 'Relais-e2e-2031';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // Legacy Windows sign-in switched on (for a subnet no test uses): the server reports it as a risk.
  server = await startTestServer({ env: { RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS: '192.0.2.0/24' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await browser?.close();
  await server?.stop();
});

function openPage(label: string): Promise<OpenedPage> {
  return openAppPage(browser, server, contexts, label);
}

function pageErrors(diagnostics: PageDiagnostics): string[] {
  return diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'));
}

describe('journal d’activité', () => {
  test('l’administrateur voit la création et la modification de sa mission ; un planificateur n’a pas le journal', async () => {
    const suffix = randomUUID().slice(0, 8);
    const original = `Metz ${suffix}`;
    const edited = `Thionville ${suffix}`;

    // 1. The administrator of the first start, whose one-time password must be changed.
    const { context, page, diagnostics } = await openPage('administrateur');
    const signIn = new SignInPage(page);
    const missions = new MissionsPage(page);
    const journal = new ActivityPage(page);
    await signIn.open('/app/missions');
    await signIn.signInWithOneTimePassword(server.adminUsername, server.adminPassword, newPassword);
    await missions.waitUntilReady();
    await missions.badge.waitForSynced();

    // 2. A mission created, then edited, in the UI; both reach the server.
    await missions.showDay(day);
    await missions.createMission({ date: day, heureDebut: '08:00', destination: original, statut: 'planifie' });
    await missions.badge.waitForSynced();
    await missions.editMission(original, { destination: edited });
    await missions.badge.waitForSynced();
    const adminToken = (await signInApi(server.url, server.adminUsername, newPassword)).access_token;
    const mission = await pollUntil(
      async () => (await pullAll(server.url, 'missions', adminToken)).find((doc) => doc.destination === edited && !doc._deleted),
      { what: `la mission « ${edited} » sur le serveur` },
    );
    const missionId = String(mission.id);

    // 3. The log, from the navigation: the risk banner, then the missions' entries only.
    await journal.openFromNav();
    expect(new URL(page.url()).pathname).toBe('/app/journal');
    expect(await page.locator('h1').first().innerText()).toBe('Journal d’activité');
    await journal.risks.waitFor({ state: 'visible' });
    expect(await journal.risks.innerText()).toContain('anciens clients TomatoPlan');

    await journal.filterCollection('missions');
    const created = journal.row(missionId, 'create');
    await created.waitFor({ state: 'visible' });
    expect(new Set(await journal.shownCollections())).toEqual(new Set(['missions']));
    expect(await journal.rowText(created)).toMatchObject({ user: server.adminUsername, action: 'Création' });
    // Named as people call it (its current destination, French day and time), never by its id.
    expect(await journal.documentName(created)).toBe(`${edited}, jeu. 12 juin 08:00`);
    expect(await journal.root.innerText()).not.toContain(missionId.slice(0, 8));
    expect(await created.locator('.col-when').innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    const updated = journal.row(missionId, 'update');
    await updated.waitFor({ state: 'visible' });
    const updatedText = await journal.rowText(updated);
    expect(updatedText).toMatchObject({ user: server.adminUsername, action: 'Modification' });
    expect(updatedText.details).toContain(`Destination : ${original} → ${edited}`);

    // The action filter keeps the creations only; everything fits on one page.
    await journal.action.selectOption('create');
    await journal.waitUntilLoaded();
    await pollUntil(async () => ((await journal.rows.count()) > 0 && (await journal.row(missionId, 'update').count()) === 0) || undefined, {
      what: 'le journal filtré sur les créations',
    });
    expect(await journal.row(missionId, 'create').count()).toBe(1);
    expect(await journal.next.isDisabled()).toBe(true);
    expect(await journal.previous.isDisabled()).toBe(true);

    // Offline: the log says it needs the server.
    await context.setOffline(true);
    await journal.offline.waitFor({ state: 'visible' });
    expect(await journal.offline.innerText()).toContain('Le journal nécessite une connexion au serveur');
    expect(await journal.rows.count()).toBe(0);
    await context.setOffline(false);
    await journal.row(missionId, 'create').waitFor({ state: 'visible' });
    expect(pageErrors(diagnostics)).toEqual([]);

    // 4. A planner (created through the API) has no log in the navigation, nor at its address.
    const username = `paul.planif.${suffix.slice(0, 6)}`;
    const planner = await createUserApi(server.url, adminToken, { username, display_name: 'Paul Planif', role_name: 'planner' });
    const second = await openPage('planificateur');
    const plannerSignIn = new SignInPage(second.page);
    const plannerMissions = new MissionsPage(second.page);
    await plannerSignIn.open('/app/missions');
    await plannerSignIn.signInWithOneTimePassword(username, planner.temp_password, newPassword);
    await plannerMissions.waitUntilReady();
    expect(await new UserMenu(second.page).role()).toBe('planner');
    const plannerJournal = new ActivityPage(second.page);
    const plannerNav = new AppNav(second.page);
    expect(await plannerNav.texts()).toEqual({
      groups: ['Planning'],
      entries: ['Tableau', 'Missions', 'Chauffeurs', 'Voyages', 'Sous-traitants', 'Feuille de route', 'Annonces SST'],
    });
    expect(await plannerJournal.navLink.count()).toBe(0);
    // Without the right, the log's address says so and which roles may read it.
    await second.page.goto('/app/journal', { waitUntil: 'load' });
    await plannerNav.accessDenied.waitFor({ state: 'visible' });
    expect(await plannerNav.accessDenied.innerText()).toContain('Accès refusé : la page « Journal » est réservée aux rôles Administrateur.');
    expect(await plannerJournal.root.count()).toBe(0);
    expect(pageErrors(second.diagnostics)).toEqual([]);
  });
});
