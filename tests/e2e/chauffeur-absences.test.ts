import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUserApi } from '../support/auth';
import { pullAll, pushAll } from '../support/replication';
import type { TestServer } from '../support/server';
import { ChauffeursPage } from './pages/chauffeurs-page';
import { SignInPage } from './pages/sign-in-page';
import { openAppPage, waitForServiceWorkerControl } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';
import { pollUntil } from './support/wait';

const adminPassword = 'Relais-e2e-absences-2031';
const userPassword = 'Relais-e2e-exploit-2031';

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

describe('absences des chauffeurs', () => {
  test('une absence ajoutée hors ligne reste listée après rechargement et part au serveur au retour du réseau', async () => {
    const suffix = randomUUID().slice(0, 6);
    const chauffeur = { id: randomUUID(), code: `C${suffix}`, nom: `Durand${suffix}`, prenom: 'Léa', telephone: '06 60 38 38 64', adr: false, fimo: true, competences: [], is_active: true };
    await pushAll(server.url, adminToken, 'chauffeurs', [chauffeur]);
    const user = await createUserApi(server.url, adminToken, { username: `exploit.${suffix}`, display_name: 'Exploitation', role_name: 'driver_admin' });

    // 1. Signed in with edit_driver_planning, the chauffeurs screen under the service worker's control.
    const { context, page } = await openAppPage(browser, server, contexts, 'exploitation');
    const signIn = new SignInPage(page);
    await signIn.open('/app/chauffeurs');
    await signIn.signInWithOneTimePassword(user.username, user.temp_password, userPassword);
    const chauffeurs = new ChauffeursPage(page);
    await chauffeurs.waitForChauffeur(chauffeur.id);
    await waitForServiceWorkerControl(page);
    await chauffeurs.waitForChauffeur(chauffeur.id);
    await chauffeurs.badge.waitForSynced();

    // 1b. At 1280 px the phone number stays on one line (cut in two, it was misread when dialled).
    await page.setViewportSize({ width: 1280, height: 800 });
    const phone = chauffeurs.row(chauffeur.id).locator('td', { hasText: chauffeur.telephone });
    expect.soft(await phone.evaluate((cell) => getComputedStyle(cell).whiteSpace)).toBe('nowrap');
    const lines = await phone.evaluate((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect.soft(lines).toBe(1);

    // 1c. A chauffeur saved empty: besides each field's message, the footer says why nothing was saved.
    await page.locator('.toolbar .button.primary').click();
    const chauffeurForm = page.locator('dialog[open] form');
    await chauffeurForm.locator('button[type="submit"]').click();
    expect.soft(await chauffeurForm.locator('.form-footer').innerText()).toContain('Corrigez les champs signalés.');
    await chauffeurForm.getByRole('button', { name: 'Annuler' }).click();
    await chauffeurForm.waitFor({ state: 'detached' });

    // 2. Offline: the absence is written locally.
    await context.setOffline(true);
    await chauffeurs.badge.waitFor('hors ligne', (state) => !state.online);
    const motif = `Mariage ${suffix}`;
    await chauffeurs.openAbsences(chauffeur.id);
    await chauffeurs.addAbsence({ from: '2031-07-14', to: '2031-07-18', type: 'conges', motif });
    await chauffeurs.absenceRow(motif).waitFor({ state: 'visible' });

    // 3. Reloaded offline: still listed, from IndexedDB.
    await page.reload({ waitUntil: 'load' });
    await chauffeurs.waitForChauffeur(chauffeur.id);
    await chauffeurs.openAbsences(chauffeur.id);
    const row = chauffeurs.absenceRow(motif);
    await row.waitFor({ state: 'visible' });
    // Dates as a French reader writes them, not ISO.
    expect.soft(await row.textContent()).toContain('14/07/2031');
    expect.soft(await row.textContent()).toContain('18/07/2031');
    expect.soft(await row.textContent()).not.toContain('2031-07-14');

    // The calendar, the list and the add button keep a margin inside the dialog (they touched its edges).
    const dialogBox = await page.locator('dialog[open]').boundingBox();
    const calendarBox = await page.getByTestId('absence-calendar').boundingBox();
    const addBox = await page.getByTestId('absence-new').boundingBox();
    expect(dialogBox && calendarBox && addBox).toBeTruthy();
    if (dialogBox && calendarBox && addBox) {
      expect.soft(calendarBox.x - dialogBox.x).toBeGreaterThanOrEqual(12);
      expect.soft(addBox.x - dialogBox.x).toBeGreaterThanOrEqual(12);
      expect.soft(dialogBox.y + dialogBox.height - (addBox.y + addBox.height)).toBeGreaterThanOrEqual(12);
    }

    // An absence saved without its days: the footer says why nothing was saved.
    await page.getByTestId('absence-new').click();
    const absenceForm = page.getByTestId('absence-form');
    await page.getByTestId('absence-save').click();
    expect.soft(await absenceForm.locator('.form-footer').innerText()).toContain('Corrigez les champs signalés.');
    await absenceForm.getByRole('button', { name: 'Annuler' }).click();
    await absenceForm.waitFor({ state: 'detached' });

    // 3b. The month calendar: a free day starts a one-day absence there, coloured by its type.
    const calendar = page.getByTestId('absence-calendar');
    const month = await calendar.getAttribute('data-month');
    const day = `${month ?? ''}-28`;
    expect(await chauffeurs.calendarDay(day).getAttribute('data-absence')).toBe('');
    await chauffeurs.addAbsenceFromCalendar(day, 'formation');
    await pollUntil(async () => (await chauffeurs.calendarDay(day).getAttribute('data-absence')) === 'formation', {
      what: `le ${day} marqué en formation sur le calendrier`,
    });

    // 4. Back online: the absence reaches the server.
    await context.setOffline(false);
    const stored = await pollUntil(
      async () => (await pullAll(server.url, 'disponibilites', adminToken)).find((doc) => !doc._deleted && doc.motif === motif),
      { what: `l’absence « ${motif} » sur le serveur` },
    );
    expect(stored).toMatchObject({ chauffeur_id: chauffeur.id, date_debut: '2031-07-14', date_fin: '2031-07-18', type_absence: 'conges' });
  });
});
