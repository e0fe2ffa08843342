import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUserApi } from '../support/auth';
import { pullAll, pushAll } from '../support/replication';
import type { TestServer } from '../support/server';
import { SignInPage } from './pages/sign-in-page';
import { SstPage } from './pages/sst-page';
import { openAppPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';
import { pollUntil } from './support/wait';

const adminPassword = 'Relais-e2e-sst-2031';
const financePassword = 'Relais-e2e-compta-2031';

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

describe('sous-traitants et revenus', () => {
  test('un sous-traitant avec contact et tarif en euros, un revenu par palette : le serveur reçoit des centimes', async () => {
    const suffix = randomUUID().slice(0, 6);
    const user = await createUserApi(server.url, adminToken, { username: `compta.${suffix}`, display_name: 'Comptabilité', role_name: 'finance' });
    const { page } = await openAppPage(browser, server, contexts, 'finance');
    const signIn = new SignInPage(page);
    await signIn.open('/app/sst');
    await signIn.signInWithOneTimePassword(user.username, user.temp_password, financePassword);
    const screen = new SstPage(page);
    await page.getByTestId('sst-new').waitFor({ state: 'visible' });
    await screen.badge.waitForSynced();

    await screen.createSst({
      code: `S${suffix}`,
      nom: `Dupont ${suffix}`,
      contactEmail: `exploitation.${suffix}@dupont.example`,
      tarif: { destination: `Lyon ${suffix}`, euros: '450,50' },
    });
    await screen.row(`Dupont ${suffix}`).waitFor({ state: 'visible' });
    expect(await screen.row(`Dupont ${suffix}`).textContent()).toContain('450,50');
    // Reopened, each filled box of a contact or a tariff still says what it holds (a placeholder
    // alone went with the typing, and the tariff's two dates were never named on screen).
    await screen.row(`Dupont ${suffix}`).getByRole('button', { name: 'Modifier' }).click();
    await screen.dialog.waitFor({ state: 'visible' });
    const shownLabels = async (testId: string): Promise<string[]> =>
      page.getByTestId(testId).locator('.row-line').first().locator('label > span:first-child:visible').allInnerTexts();
    expect(await shownLabels('sst-contacts')).toEqual(['E-mail', 'Nom', 'Fonction']);
    expect(await shownLabels('sst-tarifs')).toEqual(['Destination', 'Pays', 'Prix (€)', 'Unité', 'Du', 'Au']);
    await screen.dialog.getByRole('button', { name: 'Annuler' }).click();
    await screen.dialog.waitFor({ state: 'detached' });
    const sst = await pollUntil(
      async () => (await pullAll(server.url, 'sst', adminToken)).find((doc) => !doc._deleted && doc.code === `S${suffix}`),
      { what: `le sous-traitant S${suffix} sur le serveur` },
    );
    expect(sst.contacts).toEqual([expect.objectContaining({ email: `exploitation.${suffix}@dupont.example`, is_primary: true })]);
    expect(sst.tarifs).toEqual([expect.objectContaining({ destination: `Lyon ${suffix}`, prix: 45050, unite: 'voyage' })]);

    await page.getByTestId('nav-revenus').click();
    await page.getByTestId('revenu-new').waitFor({ state: 'visible' });
    // Saved empty: besides each field's message, the footer says why nothing was saved.
    await page.getByTestId('revenu-new').click();
    await page.getByTestId('revenu-save').click();
    expect(await screen.dialog.locator('.form-footer').innerText()).toContain('Corrigez les champs signalés.');
    await screen.dialog.getByRole('button', { name: 'Annuler' }).click();
    await screen.dialog.waitFor({ state: 'detached' });
    await screen.createRevenu(`Marseille ${suffix}`, '42,10');
    await screen.row(`Marseille ${suffix}`).waitFor({ state: 'visible' });
    const revenu = await pollUntil(
      async () => (await pullAll(server.url, 'revenus_palettes', adminToken)).find((doc) => !doc._deleted && doc.destination === `Marseille ${suffix}`),
      { what: `le revenu vers Marseille ${suffix} sur le serveur` },
    );
    expect(revenu.revenu_par_palette).toBe(4210);

    // A period's days as a French reader writes them (dd/mm/yyyy), not ISO.
    await pushAll(server.url, adminToken, 'revenus_palettes', [
      { id: randomUUID(), destination: `Lille ${suffix}`, revenu_par_palette: 6800, date_debut: '2031-01-01', date_fin: '2031-12-31' },
    ]);
    const dated = screen.row(`Lille ${suffix}`);
    await dated.waitFor({ state: 'visible' });
    expect(await dated.textContent()).toContain('01/01/2031');
    expect(await dated.textContent()).toContain('31/12/2031');
    expect(await dated.textContent()).not.toContain('2031-01-01');
  });
});
