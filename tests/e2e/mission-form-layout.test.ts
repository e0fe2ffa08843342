import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushAll } from '../support/replication';
import type { TestServer } from '../support/server';
import { MissionsPage } from './pages/missions-page';
import { SignInPage } from './pages/sign-in-page';
import { openAppPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';

const adminPassword = 'Relais-e2e-formulaire-2031';

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

describe('formulaire de mission', () => {
  test('à 1280 px, le voyage choisi se lit en entier dans sa liste', async () => {
    const voyage = { id: randomUUID(), code: 'LYO-ANV', nom: 'Lyon → Anvers', jours_operation: ['lundi'], is_active: true };
    await pushAll(server.url, adminToken, 'voyages', [voyage]);
    const { page } = await openAppPage(browser, server, contexts, 'formulaire de mission');
    await page.setViewportSize({ width: 1280, height: 800 });
    const signIn = new SignInPage(page);
    await signIn.open('/app/missions');
    await signIn.signIn(server.adminUsername, adminPassword);
    const missions = new MissionsPage(page);
    await missions.waitUntilReady();
    await missions.badge.waitForSynced();
    await missions.newButton.click();
    await missions.form.waitUntilOpen();
    const select = page.locator('dialog[open] select[name="voyage_id"]');
    await select.selectOption(voyage.id);
    // The chosen option's text, in the select's font, against the room the select gives it (its
    // width less its padding and the arrow's ~24 px).
    const fit = await select.evaluate((element) => {
      const style = getComputedStyle(element);
      const context = document.createElement('canvas').getContext('2d');
      if (!context || !(element instanceof HTMLSelectElement)) {
        return { text: 0, room: 0, label: '' };
      }
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const label = element.selectedOptions[0]?.text ?? '';
      const room = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
      return { text: context.measureText(label).width, room, label };
    });
    expect(fit.label).toBe('LYO-ANV — Lyon → Anvers');
    expect(fit.text, `« ${fit.label} » : ${Math.round(fit.text)} px de texte pour ${Math.round(fit.room)} px`).toBeLessThanOrEqual(fit.room);
  });
});
