import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUserApi, signInApi } from '../support/auth';
import type { TestServer } from '../support/server';
import { AdminConsole } from './pages/admin-console';
import { AppNav } from './pages/app-nav';
import { SignInPage } from './pages/sign-in-page';
import { openAppPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';
import { pollUntil } from './support/wait';

const adminPassword = 'Relais-e2e-admin-2031';
const plannerPassword = 'Relais-e2e-planif-2031';

let server: TestServer;
let browser: Browser;
let adminToken: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ server, browser, adminToken } = await startE2eEnvironment(adminPassword));
});

afterAll(async () => {
  await stopE2eEnvironment({ server, browser }, contexts);
});

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

describe('console d’administration', () => {
  test('à 1280×800, chaque entrée du menu est visible et rien ne la couvre', async () => {
    const { page } = await openAppPage(browser, server, contexts, 'admin menu');
    await page.setViewportSize({ width: 1280, height: 800 });
    const signIn = new SignInPage(page);
    await signIn.open('/app/admin');
    await signIn.signIn(server.adminUsername, adminPassword);
    const nav = new AppNav(page);
    for (const [group, screen] of [
      ['planning', 'planning'],
      ['facturation', 'facturation'],
      ['administration', 'adminJobs'],
    ] as const) {
      await nav.open(group, screen === 'facturation' ? 'group-facturation' : screen);
      await page.waitForLoadState('load');
      const boxes = await nav.boxes();
      expect(boxes.length).toBeGreaterThan(5);
      for (const box of boxes) {
        expect(box.width, `${box.name} a une taille`).toBeGreaterThan(0);
        expect(box.x, `${box.name} commence dans la fenêtre`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${box.name} finit dans la fenêtre (${group})`).toBeLessThanOrEqual(1280);
        expect(box.y, `${box.name} est en haut`).toBeGreaterThanOrEqual(0);
      }
      const { groups, entries } = await nav.texts();
      expect(groups).toEqual(['Planning', 'Facturation', 'Administration']);
      for (const link of await nav.groups.all()) {
        expect(await nav.uncovered(link), await link.innerText()).toBe(true);
      }
      if (group === 'administration') {
        expect(entries).toEqual(['Tableau de bord', 'Utilisateurs', 'Rôles', 'Sessions', 'Tâches', 'Sauvegardes', 'Configuration', 'Journal serveur', 'WMS', 'SAGES', 'Journal']);
      }
      for (const entry of await nav.subnav.getByRole('link').all()) {
        expect(await nav.uncovered(entry), await entry.innerText()).toBe(true);
      }
      // The active menu and its active screen are in sight.
      expect(await nav.group(group).getAttribute('aria-current')).toBe('true');
      if (screen !== 'facturation') {
        expect(await nav.entry(screen).getAttribute('aria-current')).toBe('page');
        expect(await nav.uncovered(nav.entry(screen))).toBe(true);
      }
    }
    // The server log's text filter shows its whole hint (« utilisateur, chemin, message… »).
    await nav.open('administration', 'adminLogs');
    const hintFits = await page.getByTestId('logs-text').evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const probe = document.createElement('span');
      probe.style.font = style.font;
      probe.style.whiteSpace = 'pre';
      probe.textContent = input.placeholder;
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      probe.remove();
      return input.clientWidth >= needed;
    });
    expect(hintFits).toBe(true);
  });

  test('l’administrateur sauvegarde, lance une tâche jusqu’au bout, change l’horaire de sauvegarde et ferme une session', async () => {
    const suffix = randomUUID().slice(0, 6);
    const { page } = await openAppPage(browser, server, contexts, 'admin console');
    await page.setViewportSize({ width: 1280, height: 800 });
    const signIn = new SignInPage(page);
    await signIn.open('/app/admin');
    await signIn.signIn(server.adminUsername, adminPassword);
    const admin = new AdminConsole(page);
    await page.getByTestId('admin-dashboard').waitFor({ state: 'visible' });
    await page.getByTestId('dashboard-uptime').waitFor({ state: 'visible' });

    // A backup with a description, listed with its size in words.
    await admin.openScreen('adminBackups');
    await admin.createBackup(`Avant essai ${suffix}`);
    expect(await admin.backupSize(`Avant essai ${suffix}`)).toMatch(/^\d+(,\d)? (o|Ko|Mo)$/);
    const listed = await getJson<{ description: string; size_bytes: number }[]>('/admin/backups');
    expect(listed.find((backup) => backup.description === `Avant essai ${suffix}`)?.size_bytes).toBeGreaterThan(0);

    // A job run by hand: its progress bar goes to the end, then the run is recorded as succeeded.
    await admin.openScreen('adminJobs');
    await admin.jobRow('housekeeping').waitFor({ state: 'visible' });
    await admin.recordProgress('housekeeping');
    await admin.runJob('housekeeping');
    await admin.waitForLastStatus('housekeeping', 'succeeded');
    const seen = await admin.progressSeen();
    const [last = '', status] = (seen[seen.length - 1] ?? '').split(' ');
    const [done, total] = last.split('/').map(Number);
    expect(status).toBe('succeeded');
    expect(seen.length, `états vus : ${seen.join(', ')}`).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(0);
    expect(done, `états vus : ${seen.join(', ')}`).toBe(total);

    // The backup schedule: a wrong one is explained, a right one saved and applied.
    await admin.typeSchedule('backup', '0 25 * * *');
    await page.getByTestId('schedule-invalid').waitFor({ state: 'visible' });
    expect(await page.getByTestId('schedule-invalid').innerText()).toContain('heure 0–23');
    // The field sits inside the dialog with a margin, as in the other dialogs, not against its edges.
    const dialogBox = await page.locator('dialog[open]').boundingBox();
    const inputBox = await page.getByTestId('schedule-input').boundingBox();
    expect((inputBox?.x ?? 0) - (dialogBox?.x ?? 0)).toBeGreaterThanOrEqual(12);
    await admin.typeSchedule('backup', '30 3 * * *');
    await pollUntil(async () => (await admin.schedule('backup')) === '30 3 * * *' || undefined, { what: 'le nouvel horaire affiché' });
    const config = await getJson<{ settings: { job_schedules: Record<string, string> } }>('/admin/config');
    expect(config.settings.job_schedules['backup']).toBe('30 3 * * *');

    // A planner's session, closed from the console.
    const username = `kick.${suffix}`;
    const planner = await createUserApi(server.url, adminToken, { username, display_name: `Paul ${suffix}`, role_name: 'planner' });
    await signInApi(server.url, planner.username, planner.temp_password);
    await admin.openScreen('adminSessions');
    await admin.sessionRows(planner.username).first().waitFor({ state: 'visible' });
    await admin.kickFirstSession(planner.username);
    await admin.notice.waitFor({ state: 'visible' });
    await pollUntil(async () => (await admin.sessionRows(planner.username).count()) === 0 || undefined, { what: 'la session fermée retirée de la liste' });
    const sessions = await getJson<{ username: string }[]>('/admin/sessions');
    expect(sessions.some((session) => session.username === planner.username)).toBe(false);
  });

  test('un planificateur qui ouvre la facturation lit « Accès refusé » et le rôle qu’il faut', async () => {
    const suffix = randomUUID().slice(0, 6);
    const planner = await createUserApi(server.url, adminToken, { username: `planif.${suffix}`, display_name: 'Paul Planif', role_name: 'planner' });
    const { page } = await openAppPage(browser, server, contexts, 'planificateur');
    const signIn = new SignInPage(page);
    await signIn.open('/app/facturation');
    await signIn.signInWithOneTimePassword(planner.username, planner.temp_password, plannerPassword);
    const nav = new AppNav(page);
    await nav.accessDenied.waitFor({ state: 'visible' });
    expect(await nav.accessDenied.innerText()).toContain('Accès refusé : la page « Facturation » est réservée aux rôles Finance, Administrateur.');
    expect(page.url()).toContain('/app/facturation');
    await page.goto('/app/admin/sauvegardes', { waitUntil: 'load' });
    await nav.accessDenied.waitFor({ state: 'visible' });
    expect(await nav.accessDenied.innerText()).toContain('« Sauvegardes » est réservée aux rôles Administrateur.');
  });
});
