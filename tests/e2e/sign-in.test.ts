import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../sync-server/src/test-support/smtp-sink';
import { changePasswordApi, createUserApi, signInApi, type CreatedUser } from '../support/auth';
import { pullAll } from '../support/replication';
import { startTestServer, type TestServer } from '../support/server';
import { AppNav } from './pages/app-nav';
import { MissionsPage } from './pages/missions-page';
import { SignInPage } from './pages/sign-in-page';
import { UserMenu } from './pages/user-menu';
import { launchBrowser, openAppPage, type OpenedPage, waitForServiceWorkerControl } from './support/browser';
import { pollUntil } from './support/wait';

const day = '2031-05-20';
const newPassword = 'Relais-e2e-2031';

let sink: SmtpSink;
let server: TestServer;
let browser: Browser;
let adminToken: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // A real SMTP server on loopback receives the sign-in codes the sync server sends.
  sink = await startSmtpSink();
  server = await startTestServer({ env: { RELAIS_SMTP_HOST: '127.0.0.1', RELAIS_SMTP_PORT: String(sink.port), RELAIS_SMTP_SECURE: 'false' } });
  browser = await launchBrowser();
  const first = await signInApi(server.url, server.adminUsername, server.adminPassword);
  await changePasswordApi(server.url, first.access_token, server.adminPassword, newPassword);
  adminToken = (await signInApi(server.url, server.adminUsername, newPassword)).access_token;
});

afterAll(async () => {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

function uniqueName(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 6)}`;
}

function openPage(label: string): Promise<OpenedPage> {
  return openAppPage(browser, server, contexts, label);
}

/** The databases this origin holds in IndexedDB (RxDB's Dexie storage names them after the replica). */
async function indexedDbNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''));
}

describe('connexion', () => {
  test('avec le code reçu par e-mail, puis hors ligne : rechargement, travail local et synchro au retour', async () => {
    const username = uniqueName('marie.curie');
    const email = `${username}@relais.test`;
    const created: CreatedUser = await createUserApi(server.url, adminToken, {
      username,
      display_name: 'Marie Curie',
      role_name: 'planner',
      email,
      mfa_enabled: true,
    });
    const { context, page, diagnostics } = await openPage('navigateur MFA');
    const signIn = new SignInPage(page);
    const missions = new MissionsPage(page);

    await signIn.open('/app/missions');
    await signIn.submitCredentials(username, created.temp_password);
    const mail = await sink.nextMailTo(email, 15_000);
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
    expect(code, `code absent du courriel : ${mail.text}`).toBeDefined();

    // A wrong code is refused, and the right one still works.
    const wrong = code === '000000' ? '111111' : '000000';
    await signIn.submitMfaCode(wrong);
    await signIn.error.waitFor({ state: 'visible' });
    expect(await signIn.errorText()).toContain('Code de vérification incorrect');
    await signIn.submitMfaCode(code ?? '');

    // The one-time password must be replaced; the policy is checked before sending.
    await signIn.changePassword('court');
    await signIn.error.waitFor({ state: 'visible' });
    expect(await signIn.errorText()).toContain('ne respecte pas');
    await signIn.changePassword(newPassword);
    expect(await signIn.waitForApp()).toBe(username.toUpperCase());
    expect(await new UserMenu(page).role()).toBe('planner');

    await waitForServiceWorkerControl(page);
    await missions.waitUntilReady();
    await missions.badge.waitForSynced();
    const destination = `Quai MFA ${randomUUID().slice(0, 8)}`;
    await missions.showDay(day);
    await missions.createMission({ date: day, heureDebut: '06:15', destination, statut: 'planifie' });
    await missions.badge.waitForSynced();

    // Offline: the reload opens on the remembered user and the local data; work goes on.
    await context.setOffline(true);
    await missions.badge.waitFor('hors ligne', (state) => !state.online);
    await page.reload({ waitUntil: 'load' });
    await missions.waitUntilReady();
    expect(await new UserMenu(page).username()).toBe(username.toUpperCase());
    await missions.showDay(day);
    const edited = `${destination} (modifiée)`;
    await missions.editMission(destination, { destination: edited });
    await missions.badge.waitFor('hors ligne avec data-pending ≥ 1', (state) => !state.online && state.pending >= 1);

    // Back online: the session is renewed and the edit reaches the server.
    await context.setOffline(false);
    await missions.badge.waitForSynced();
    const onServer = await pollUntil(
      async () => (await pullAll(server.url, 'missions', adminToken)).find((mission) => mission.destination === edited && !mission._deleted),
      { what: `la mission « ${edited} » sur le serveur` },
    );
    expect(onServer.date_mission).toBe(day);
    expect(diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });

  test('un mot de passe erroné est refusé avec un message', async () => {
    const { page } = await openPage('navigateur erreur');
    const signIn = new SignInPage(page);
    await signIn.open('/app/missions');
    await signIn.submitCredentials(server.adminUsername, 'Mauvais-mot-2031');
    await signIn.error.waitFor({ state: 'visible' });
    expect(await signIn.errorText()).toContain('Identifiant ou mot de passe incorrect');
    expect(await signIn.userMenu.count()).toBe(0);
  });

  test('l’écran suit les droits du rôle : la finance ne voit ni les chauffeurs ni les boutons de modification', async () => {
    const username = uniqueName('paul.compta');
    const created = await createUserApi(server.url, adminToken, { username, display_name: 'Paul Compta', role_name: 'finance' });
    const { page, diagnostics } = await openPage('navigateur finance');
    const signIn = new SignInPage(page);
    const missions = new MissionsPage(page);
    await signIn.open('/app/missions');
    await signIn.signInWithOneTimePassword(username, created.temp_password, newPassword);
    await missions.waitUntilReady();
    // The collections it may not read are not replicated: no sync error.
    await missions.badge.waitForSynced();
    expect(await page.locator('.sync-error').count()).toBe(0);

    const nav = new AppNav(page);
    // Administration holds, for finance, only the SAGES chantiers and hours (read-only).
    expect(await nav.texts()).toEqual({ groups: ['Planning', 'Facturation', 'Administration'], entries: ['Tableau', 'Missions', 'Voyages', 'Sous-traitants', 'Revenus'] });
    expect(await missions.newButton.count()).toBe(0);
    // A typed address of a page the role may not open says so, and which roles may.
    await page.goto('/app/chauffeurs', { waitUntil: 'load' });
    await nav.accessDenied.waitFor({ state: 'visible' });
    expect(await nav.accessDenied.innerText()).toContain('Accès refusé : la page « Chauffeurs » est réservée aux rôles');
    expect(diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });

  test('la déconnexion garde les données du poste, ou les efface sur un PC partagé', async () => {
    const username = uniqueName('luc.partage');
    const created = await createUserApi(server.url, adminToken, { username, display_name: 'Luc Partagé', role_name: 'planner' });
    const { page } = await openPage('navigateur déconnexion');
    const signIn = new SignInPage(page);
    const missions = new MissionsPage(page);
    const menu = new UserMenu(page);
    await signIn.open('/app/missions');
    await signIn.signInWithOneTimePassword(username, created.temp_password, newPassword);
    await missions.waitUntilReady();
    await missions.badge.waitForSynced();
    expect((await indexedDbNames(page)).some((name) => name.includes('relais-u'))).toBe(true);

    // Without the wipe: the sign-in page after a reload too, the username kept, the local data kept.
    await menu.signOut({ wipe: false });
    await page.reload({ waitUntil: 'load' });
    await signIn.username.waitFor({ state: 'visible' });
    expect(await signIn.username.inputValue()).toBe(username.toUpperCase());
    expect((await indexedDbNames(page)).some((name) => name.includes('relais-u'))).toBe(true);

    // The session was closed on the server: signing in again is needed, and works.
    await signIn.signIn(username, newPassword);
    await missions.waitUntilReady();

    // With the wipe: nothing of this user is left on the device.
    await menu.signOut({ wipe: true });
    expect(await signIn.username.inputValue()).toBe('');
    await pollUntil(async () => !(await indexedDbNames(page)).some((name) => name.includes('relais-u')), {
      what: 'la suppression des bases locales relais-u*',
      describe: async () => (await indexedDbNames(page)).join(', '),
    });
    expect(await page.evaluate(() => localStorage.getItem('relais-session'))).toBeNull();
    await page.reload({ waitUntil: 'load' });
    await signIn.username.waitFor({ state: 'visible' });
    expect(await signIn.userMenu.count()).toBe(0);
  });
});
