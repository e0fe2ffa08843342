import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { generatedMissionId } from '@relais/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signInApi } from '../support/auth';
import { pullAll, pushAll } from '../support/replication';
import { startTestServer, type TestServer } from '../support/server';
import { ActivityPage } from './pages/activity-page';
import { GenerateDialog } from './pages/generate-dialog';
import { MissionsPage } from './pages/missions-page';
import { RefusedMissions } from './pages/refused-missions';
import { SignInPage } from './pages/sign-in-page';
import { launchBrowser, openAppPage, type OpenedPage } from './support/browser';
import { pollUntil } from './support/wait';

const newPassword = 'Relais-e2e-2031';
/** Where the screens of this work are kept, to be looked at (`SHOTS_DIR` to change it). */
const shotsDir = process.env['SHOTS_DIR'] ?? '/work/shots/nolost';

let server: TestServer;
let browser: Browser;
let token: string;
let opened: OpenedPage;
const contexts: BrowserContext[] = [];
const jean = { id: randomUUID(), code: 'JDUP', nom: 'Dupont', prenom: 'Jean', adr: false, fimo: true, competences: [], is_active: true };
const luc = { id: randomUUID(), code: 'LMAR', nom: 'Martin', prenom: 'Luc', adr: false, fimo: true, competences: [], is_active: true };
const voyageId = randomUUID();

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

/** Signs the administrator in (one-time password changed) and seeds the chauffeurs, absences and voyage. */
async function prepare(): Promise<void> {
  opened = await openAppPage(browser, server, contexts, 'administrateur');
  const signIn = new SignInPage(opened.page);
  await signIn.open('/app/missions');
  await signIn.signInWithOneTimePassword(server.adminUsername, server.adminPassword, newPassword);
  await new MissionsPage(opened.page).waitUntilReady();
  token = (await signInApi(server.url, server.adminUsername, newPassword)).access_token;
  await pushAll(server.url, token, 'chauffeurs', [jean, luc]);
  // 2031-06-09 is a Monday: Jean is on leave Monday–Tuesday and in training on Thursday.
  await pushAll(server.url, token, 'disponibilites', [
    { id: randomUUID(), chauffeur_id: jean.id, date_debut: '2031-06-09', date_fin: '2031-06-10', type_absence: 'conges' },
    { id: randomUUID(), chauffeur_id: jean.id, date_debut: '2031-06-12', date_fin: '2031-06-12', type_absence: 'formation' },
  ]);
  await pushAll(server.url, token, 'voyages', [
    {
      id: voyageId,
      code: 'FRIGO',
      nom: 'Frigo Grenoble',
      depart: 'Lyon',
      destination: 'Grenoble',
      heure_depart_defaut: '06:00',
      heure_arrivee_defaut: '09:00',
      jours_operation: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
      is_active: true,
      chauffeur_habituel_id: jean.id,
    },
  ]);
}

afterAll(async () => {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await browser?.close();
  await server?.stop();
});

/** The page at 1280×800 and 1440×900, saved under `shotsDir`. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shotsDir}/${name}-${width}x${height}.png` });
  }
}

describe('rien de ce que l’utilisateur écrit n’est perdu', () => {
  test('la génération laisse le chauffeur habituel hors de ses congés et formations, le dit, et chaque mission est sur le serveur', async () => {
    await prepare();
    const { page } = opened;
    const dialog = new GenerateDialog(page);
    await dialog.open('FRIGO');
    await dialog.generate('2031-06-09', '2031-06-15');
    expect(await dialog.created.innerText()).toBe('5 mission(s) créée(s)');
    const reasons = await dialog.unassigned.allInnerTexts();
    expect(reasons).toEqual([
      'Lyon → Grenoble, lun. 9 juin 06:00 (FRIGO) — Jean Dupont est absent (congés) du lun. 9 juin au mar. 10 juin 2031',
      'Lyon → Grenoble, mar. 10 juin 06:00 (FRIGO) — Jean Dupont est absent (congés) du lun. 9 juin au mar. 10 juin 2031',
      'Lyon → Grenoble, jeu. 12 juin 06:00 (FRIGO) — Jean Dupont est absent (formation) du jeu. 12 juin au jeu. 12 juin 2031',
    ]);
    // The dialog follows them to the server: all five, as the server holds them.
    await pollUntil(async () => (await dialog.onServer()) === 5 || undefined, { what: '5 missions sur le serveur selon le dialogue' });
    const days = ['2031-06-09', '2031-06-10', '2031-06-11', '2031-06-12', '2031-06-13'];
    const stored = new Map((await pullAll(server.url, 'missions', token)).map((doc) => [doc.id, doc]));
    expect(days.every((day) => stored.has(generatedMissionId(voyageId, day)))).toBe(true);
    expect(days.map((day) => stored.get(generatedMissionId(voyageId, day))?.['chauffeur_id'] ?? null)).toEqual([null, null, jean.id, null, jean.id]);
    await shoot(page, 'generation-dialog');
    await page.keyboard.press('Escape');
  });

  test('une création hors ligne refusée à la synchronisation reste visible comme refusée, avec la raison, jusqu’à sa correction', async () => {
    const { page, context } = opened;
    const missions = new MissionsPage(page);
    const refused = new RefusedMissions(page);
    const day = '2031-06-17';
    await missions.open();
    await missions.showDay(day);
    await missions.badge.waitForSynced();

    await context.setOffline(true);
    await missions.createMission({ date: day, heureDebut: '08:00', depart: 'Lyon', destination: 'Annecy', chauffeurId: luc.id, statut: 'planifie' });
    // Meanwhile another PC books Luc at the same time, and syncs first.
    await pushAll(server.url, token, 'missions', [
      { id: randomUUID(), date_mission: day, heure_debut: '07:00', heure_fin: '10:00', destination: 'Chambéry', chauffeur_id: luc.id, type_mission: 'livraison', statut: 'planifie' },
    ]);
    await context.setOffline(false);

    await refused.entries.first().waitFor({ state: 'visible' });
    const id = String(await refused.entries.first().getAttribute('data-id'));
    const laneText = await refused.entry(id).innerText();
    expect(laneText).toContain('Lyon → Annecy, mar. 17 juin 08:00');
    expect(laneText).toContain('Raison : Luc Martin est déjà réservé de 07:00 à 10:00 le mar. 17 juin');
    expect(await refused.badgeCount.innerText()).toBe('1 refus à revoir');

    // The sync panel calls it a refusal, names the mission in words, and shows no id nor ISO date.
    await refused.openPanel();
    const panel = page.getByTestId('conflict-panel');
    const entry = refused.panelEntries.first();
    expect(await entry.innerText()).toContain('Création refusée — la mission Lyon → Annecy, mar. 17 juin 08:00');
    const panelText = await panel.innerText();
    expect(panelText).not.toContain(id.slice(0, 8));
    expect(panelText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(panelText).not.toContain('supprimé par un autre poste');
    await shoot(page, 'sync-panel-refusal');
    await page.getByRole('button', { name: 'Fermer' }).first().click();

    // Kept on this PC: a reload does not lose it, and the board shows it in its "À revoir" lane.
    await page.reload({ waitUntil: 'load' });
    await refused.entry(id).waitFor({ state: 'visible' });
    await page.goto('/app/planning', { waitUntil: 'load' });
    await refused.entry(id).waitFor({ state: 'visible' });
    await shoot(page, 'board-a-revoir');

    // Fixed (in the afternoon) and sent again: on the server, gone from the lane.
    await refused.fix(id);
    await page.getByTestId('mission-form-heure-debut').fill('13:00');
    await page.getByTestId('mission-form-save').click();
    await refused.lane.waitFor({ state: 'detached' });
    const stored = await pollUntil(async () => (await pullAll(server.url, 'missions', token)).find((doc) => doc.id === id && !doc._deleted), {
      what: 'la mission corrigée sur le serveur',
    });
    expect(stored).toMatchObject({ heure_debut: '13:00', destination: 'Annecy', chauffeur_id: luc.id });

    // Then given to Jean: the journal names the mission and the chauffeurs, never their ids.
    await missions.open();
    await missions.showDay(day);
    const row = await missions.waitForRow('Annecy');
    await row.first().getByTestId('mission-edit').click();
    await missions.form.waitUntilOpen();
    await missions.form.fill({ chauffeurId: jean.id });
    await missions.form.submit();
    await missions.badge.waitForSynced();
    const journal = new ActivityPage(page);
    await page.goto('/app/journal', { waitUntil: 'load' });
    await journal.filterCollection('missions');
    const refusedRow = journal.row(id, 'refused');
    await refusedRow.waitFor({ state: 'visible' });
    expect(await journal.documentName(refusedRow)).toBe('Lyon → Annecy, mar. 17 juin 13:00');
    expect((await journal.rowText(refusedRow)).details).toContain('Luc Martin est déjà réservé de 07:00 à 10:00 le mar. 17 juin');
    const updated = journal.row(id, 'update');
    await updated.first().waitFor({ state: 'visible' });
    expect((await journal.rowText(updated.first())).details).toContain('Chauffeur : Luc Martin → Jean Dupont');
    const journalText = await journal.root.innerText();
    for (const hidden of [id, jean.id, luc.id].map((value) => value.slice(0, 8))) {
      expect(journalText).not.toContain(hidden);
    }
    await shoot(page, 'journal');
  });
});
