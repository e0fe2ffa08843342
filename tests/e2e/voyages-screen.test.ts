import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushAll } from '../support/replication';
import type { TestServer } from '../support/server';
import { SignInPage } from './pages/sign-in-page';
import { SyncBadge } from './pages/sync-badge';
import { openAppPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';

const adminPassword = 'Relais-e2e-voyages-2031';

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

describe('écran des voyages', () => {
  test('à 1280 px, le tableau tient dans la page : les boutons Modifier et Supprimer de chaque ligne restent visibles', async () => {
    const suffix = randomUUID().slice(0, 4).toUpperCase();
    // Lines as the demo data writes them: a long route, every day of the week, skills and a night run.
    const voyage = (code: string, nom: string, jours: string[], competences: string[]) => ({
      id: randomUUID(),
      code: `${code}-${suffix}`,
      nom,
      depart: 'Lyon',
      destination: nom.split(' → ')[1],
      pays_destination: 'Belgique',
      heure_depart_defaut: '21:00',
      heure_arrivee_defaut: '27:30',
      jours_operation: jours,
      nb_palettes_moyen: 32,
      duree_conduite_min: 295,
      permis_requis: 'CE',
      competences_requises: competences,
      couleur: '#d62728',
      is_active: true,
    });
    await pushAll(server.url, adminToken, 'voyages', [
      voyage('LYO-BRU', 'Lyon → Bruxelles', ['lundi', 'mercredi', 'vendredi'], ['international']),
      voyage('LYO-GRE', 'Lyon → Grenoble', ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'], ['frigo']),
    ]);

    const { page } = await openAppPage(browser, server, contexts, 'voyages');
    await page.setViewportSize({ width: 1280, height: 800 });
    const signIn = new SignInPage(page);
    await signIn.open('/app/voyages');
    await signIn.signIn(server.adminUsername, adminPassword);
    await page.locator('tbody tr').filter({ hasText: `LYO-GRE-${suffix}` }).waitFor({ state: 'visible' });
    await new SyncBadge(page).waitForSynced();

    const wrap = page.locator('.table-wrap');
    expect(await wrap.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    const wrapBox = await wrap.boundingBox();
    const buttons = page.locator('tbody td.col-actions .button');
    expect(await buttons.count()).toBe(4);
    for (const button of await buttons.all()) {
      const box = await button.boundingBox();
      expect(box && wrapBox && box.x + box.width <= wrapBox.x + wrapBox.width, await button.innerText()).toBe(true);
    }
  });

  test('un voyage enregistré vide : le pied du formulaire dit pourquoi rien n’est enregistré', async () => {
    const { page } = await openAppPage(browser, server, contexts, 'voyage vide');
    const signIn = new SignInPage(page);
    await signIn.open('/app/voyages');
    await signIn.signIn(server.adminUsername, adminPassword);
    await page.locator('.toolbar .button.primary').click();
    const form = page.locator('dialog[open] form');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('.form-footer').innerText()).toContain('Corrigez les champs signalés.');
  });
});
