import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { signInApi } from '../support/auth';
import { pullAll, type ServerDocument } from '../support/replication';
import { startTestServer, type TestServer } from '../support/server';
import { MissionsPage } from './pages/missions-page';
import { SignInPage } from './pages/sign-in-page';
import { UserMenu } from './pages/user-menu';
import { launchBrowser, newAppContext, type PageDiagnostics, screenshot, waitForServiceWorkerControl, watchContext } from './support/browser';
import { pollUntil } from './support/wait';

/** A day other than today, so the day filter really has to be used (the filter defaults to today). */
const day = '2031-03-14';
/** What the administrator's one-time password becomes at the first sign-in. */
const adminPassword = 'Relais-e2e-2031';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await browser?.close();
  await server?.stop();
});

let apiToken: string | undefined;

/** What the server holds for the (non-deleted) missions whose destination contains `text`. */
async function serverMissions(text: string): Promise<ServerDocument[]> {
  // A session of its own, opened once the administrator's password has been changed in the browser.
  apiToken ??= (await signInApi(server.url, server.adminUsername, adminPassword)).access_token;
  const missions = await pullAll(server.url, 'missions', apiToken);
  return missions.filter((mission) => !mission._deleted && String(mission.destination).includes(text));
}

interface Watched {
  page: Page | undefined;
  diagnostics: PageDiagnostics;
}

/** Prints the pages' diagnostics and screenshots, and the server output, when the current test fails. */
function reportOnFailure(watched: () => Watched[]): void {
  onTestFailed(async () => {
    const parts: string[] = [];
    for (const { page, diagnostics } of watched()) {
      const shot = page && !page.isClosed() ? await screenshot(page, 'echec') : '(pas de page)';
      parts.push(`${diagnostics.report()}\ncapture : ${shot}`);
    }
    parts.push(`=== serveur ${server.url} ===\n${server.output()}`);
    console.error(parts.join('\n\n'));
  });
}

describe('PWA hors ligne', () => {
  test('une modification faite hors ligne survit au rechargement et se synchronise au retour du réseau', async () => {
    const suffix = randomUUID().slice(0, 8);
    const original = `Entrepôt Lyon-Corbas ${suffix}`;
    const edited = `Port de Marseille ${suffix}`;

    const first = await newAppContext(browser, server.url);
    contexts.push(first);
    const watched: Watched[] = [];
    reportOnFailure(() => watched);
    const page = await first.newPage();
    const firstDiagnostics = watchContext(first, 'navigateur 1');
    watched.push({ page, diagnostics: firstDiagnostics });

    // 1. The built PWA, under the control of its service worker (which precached the app shell), signed
    // in as the administrator created at first start, whose one-time password must be changed.
    const missions = new MissionsPage(page);
    const signIn = new SignInPage(page);
    await signIn.open('/app/missions');
    await signIn.signInWithOneTimePassword(server.adminUsername, server.adminPassword, adminPassword);
    await missions.waitUntilReady();
    await waitForServiceWorkerControl(page);
    // The session survives the reload that puts the page under the worker's control.
    await missions.waitUntilReady();
    expect(await new UserMenu(page).username()).toBe(server.adminUsername);
    const firstState = await missions.badge.waitForSynced();
    expect(firstState).toEqual({ online: true, pending: 0 });

    // 2. Create a mission online on another day; it reaches the server.
    await missions.showDay(day);
    await missions.createMission({ date: day, heureDebut: '07:30', destination: original, statut: 'planifie' });
    await missions.badge.waitForSynced();
    const created = await pollUntil(async () => (await serverMissions(original)).at(0), {
      what: `la mission « ${original} » sur le serveur`,
    });
    expect(created).toMatchObject({ destination: original, date_mission: day, heure_debut: '07:30', statut: 'planifie' });

    // 3. Offline: the edit is kept locally, counted as pending, and does not reach the server.
    await first.setOffline(true);
    const offlineState = await missions.badge.waitFor('hors ligne', (state) => !state.online);
    expect(offlineState.online).toBe(false);
    const networkReachable = await page.evaluate(async () => {
      try {
        await fetch(`/health?hors-ligne=${Date.now()}`, { cache: 'no-store' });
        return true;
      } catch {
        return false;
      }
    });
    expect(networkReachable, 'la page atteint encore le serveur alors que le contexte est hors ligne').toBe(false);

    await missions.editMission(original, { destination: edited });
    await missions.waitForNoRow(original);
    const pendingState = await missions.badge.waitFor('hors ligne avec data-pending ≥ 1', (state) => !state.online && state.pending >= 1);
    expect(pendingState.pending).toBeGreaterThanOrEqual(1);
    expect(await serverMissions(edited)).toHaveLength(0);
    expect(await serverMissions(original)).toHaveLength(1);

    // 4. Reload while offline: the service worker serves the app shell, IndexedDB still holds the edit,
    // and the app opens on the remembered user without reaching the server.
    await page.reload({ waitUntil: 'load' });
    await missions.waitUntilReady();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await new UserMenu(page).username()).toBe(server.adminUsername);
    await missions.showDay(day);
    await missions.waitForRow(edited);
    expect(await missions.row(edited).count()).toBe(1);
    expect(await missions.row(original).count()).toBe(0);
    const reloadedState = await missions.badge.waitFor('hors ligne après rechargement, data-pending ≥ 1', (state) => !state.online && state.pending >= 1);
    expect(reloadedState.pending).toBeGreaterThanOrEqual(1);

    // 5. Back online: the session is renewed (the token lived only in the reloaded page's memory) and
    // the pending edit is pushed.
    await first.setOffline(false);
    await missions.badge.waitForSynced();
    const synced = await pollUntil(async () => (await serverMissions(edited)).at(0), {
      what: `la destination modifiée « ${edited} » sur le serveur`,
    });
    expect(synced.id).toBe(created.id);
    expect(synced.rev).toBeGreaterThan(created.rev);
    expect(await serverMissions(original)).toHaveLength(0);

    // 6. A second browser, with its own empty storage, gets the edit from the server.
    const second = await newAppContext(browser, server.url);
    contexts.push(second);
    const secondPage = await second.newPage();
    const secondDiagnostics = watchContext(second, 'navigateur 2');
    watched.push({ page: secondPage, diagnostics: secondDiagnostics });
    const otherMissions = new MissionsPage(secondPage);
    const otherSignIn = new SignInPage(secondPage);
    await otherSignIn.open('/app/missions');
    await otherSignIn.signIn(server.adminUsername, adminPassword);
    await otherMissions.waitUntilReady();
    await otherMissions.badge.waitForSynced();
    await otherMissions.showDay(day);
    const row = await otherMissions.waitForRow(edited);
    expect(await row.count()).toBe(1);
    expect(await row.first().getAttribute('data-id')).toBe(created.id);
    expect(await otherMissions.row(original).count()).toBe(0);

    expect(firstDiagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
    expect(secondDiagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });
});
