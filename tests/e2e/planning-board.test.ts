import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUserApi, type CreatedUser } from '../support/auth';
import { pullAll, pushAll, type ServerDocument } from '../support/replication';
import type { TestServer } from '../support/server';
import { AppShell, type Box } from './pages/app-shell';
import { PlanningBoardPage } from './pages/planning-board';
import { SignInPage } from './pages/sign-in-page';
import { openAppPage, type OpenedPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';
import { pollUntil } from './support/wait';

const adminPassword = 'Relais-e2e-planning-2031';
const plannerPassword = 'Relais-e2e-planif-2031';

let server: TestServer;
let browser: Browser;
let adminToken: string;
const contexts: BrowserContext[] = [];

/** Next Monday plus a week (YYYY-MM-DD): a future day, which a planner may edit. */
function futureMonday(): string {
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const untilMonday = (8 - day.getUTCDay()) % 7 || 7;
  day.setUTCDate(day.getUTCDate() + untilMonday + 7);
  return day.toISOString().slice(0, 10);
}

function push(collection: string, documents: Record<string, unknown>[]): Promise<void> {
  return pushAll(server.url, adminToken, collection, documents);
}

async function plannerUser(name: string, role = 'planner'): Promise<CreatedUser> {
  return createUserApi(server.url, adminToken, { username: `${name}.${randomUUID().slice(0, 6)}`, display_name: name, role_name: role });
}

/** A planner signed in (first sign-in: new password) in a browser context of its own, on the board. */
async function openBoard(label: string, user: CreatedUser): Promise<{ board: PlanningBoardPage; opened: OpenedPage }> {
  const opened = await openAppPage(browser, server, contexts, label);
  const signIn = new SignInPage(opened.page);
  await signIn.open('/');
  await signIn.signInWithOneTimePassword(user.username, user.temp_password, plannerPassword);
  const board = new PlanningBoardPage(opened.page);
  await board.waitUntilReady();
  await board.badge.waitForSynced();
  return { board, opened };
}

/** Whether `inner` lies within `outer` (to the half pixel: boxes have fractional edges). */
function within(inner: Box, outer: Box): boolean {
  const slack = 0.5;
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

async function serverMission(id: string): Promise<ServerDocument | undefined> {
  return (await pullAll(server.url, 'missions', adminToken)).find((doc) => doc.id === id);
}

beforeAll(async () => {
  ({ server, browser, adminToken } = await startE2eEnvironment(adminPassword));
});

afterAll(async () => {
  await stopE2eEnvironment({ server, browser }, contexts);
});

describe('planning board', () => {
  test('a double booking is refused with its reason; a drop made offline reaches another planner', async () => {
    const suffix = randomUUID().slice(0, 6);
    const day = futureMonday();
    const alice = { id: randomUUID(), nom: `Martin${suffix}`, prenom: 'Alice' };
    const bruno = { id: randomUUID(), nom: `Petit${suffix}`, prenom: 'Bruno' };
    const chauffeur = { adr: false, fimo: true, competences: [], is_active: true, permis: 'CE' };
    await push('chauffeurs', [
      { ...chauffeur, ...alice, code: `A${suffix}` },
      { ...chauffeur, ...bruno, code: `B${suffix}` },
    ]);
    const booked = { id: randomUUID(), destination: `Lyon ${suffix}` };
    const loose = { id: randomUUID(), destination: `Grenoble ${suffix}` };
    const mission = { date_mission: day, type_mission: 'livraison', statut: 'planifie' };
    await push('missions', [
      { ...mission, ...booked, chauffeur_id: alice.id, heure_debut: '08:00', heure_fin: '12:00' },
      { ...mission, ...loose, heure_debut: '09:00', heure_fin: '11:00' },
    ]);
    const planners = await Promise.all(
      ['paul', 'lea'].map((name) =>
        createUserApi(server.url, adminToken, { username: `${name}.${suffix}`, display_name: name, role_name: 'planner' }),
      ),
    );
    const [paul, lea] = planners;
    if (!paul || !lea) {
      throw new Error('planificateurs non créés');
    }

    // 1. A planner on the board, at `/`, shows the future day.
    const first = await openAppPage(browser, server, contexts, 'planificateur 1');
    await new SignInPage(first.page).open('/');
    await new SignInPage(first.page).signInWithOneTimePassword(paul.username, paul.temp_password, plannerPassword);
    const board = new PlanningBoardPage(first.page);
    await board.waitUntilReady();
    await board.badge.waitForSynced();
    await board.showDay(day);
    const aliceRow = board.row(`Alice ${alice.nom}`);
    const brunoRow = board.row(`Bruno ${bruno.nom}`);
    await board.blockIn(aliceRow, booked.destination).waitFor({ state: 'visible' });
    await board.blockIn(board.unassigned, loose.destination).waitFor({ state: 'visible' });
    // A planner has no `view_finance`: no day totals of pallets, revenue and cost.
    expect(await board.totals.count()).toBe(0);

    // 2. Onto Alice, already booked 08:00–12:00: red while hovering, refused with the reason on drop, nothing saved.
    await board.drag(board.block(loose.destination), board.rowName(`Alice ${alice.nom}`), async () => {
      expect(await board.dragPreview.getAttribute('data-severity')).toBe('hard');
      expect(await board.dragPreview.innerText()).toContain('est déjà réservé de 08:00 à 12:00');
    });
    await board.alert.waitFor({ state: 'visible' });
    const alertText = await board.alert.innerText();
    expect(alertText).toContain(`Alice ${alice.nom} est déjà réservé de 08:00 à 12:00`);
    expect(await board.alert.getAttribute('role')).toBe('alert');
    await board.blockIn(board.unassigned, loose.destination).waitFor({ state: 'visible' });
    expect(await board.blockIn(aliceRow, loose.destination).count()).toBe(0);
    expect((await board.badge.state()).pending).toBe(0);
    expect((await serverMission(loose.id))?.chauffeur_id).toBeUndefined();

    // 3. Offline, onto Bruno (free): saved locally at once, pending, not on the server yet.
    await first.context.setOffline(true);
    await board.badge.waitFor('hors ligne', (state) => !state.online);
    await board.drag(board.block(loose.destination), board.rowName(`Bruno ${bruno.nom}`));
    await board.blockIn(brunoRow, loose.destination).waitFor({ state: 'visible' });
    expect(await board.blockIn(board.unassigned, loose.destination).count()).toBe(0);
    expect(await board.alert.count()).toBe(0);
    await board.badge.waitFor('hors ligne avec data-pending ≥ 1', (state) => !state.online && state.pending >= 1);
    expect((await serverMission(loose.id))?.chauffeur_id).toBeUndefined();

    // 4. Back online: the move reaches the server, with its time kept.
    await first.context.setOffline(false);
    await board.badge.waitForSynced();
    const synced = await pollUntil(async () => {
      const doc = await serverMission(loose.id);
      return doc?.chauffeur_id === bruno.id ? doc : undefined;
    }, { what: `la mission ${loose.destination} affectée à Bruno sur le serveur` });
    expect(synced).toMatchObject({ heure_debut: '09:00', heure_fin: '11:00', date_mission: day });
    expect(synced.force_motif).toBeUndefined();

    // 5. Another planner, in another browser context, sees it on Bruno's row.
    const second = await openAppPage(browser, server, contexts, 'planificateur 2');
    await new SignInPage(second.page).open('/');
    await new SignInPage(second.page).signInWithOneTimePassword(lea.username, lea.temp_password, plannerPassword);
    const otherBoard = new PlanningBoardPage(second.page);
    await otherBoard.waitUntilReady();
    await otherBoard.showDay(day);
    await otherBoard.blockIn(otherBoard.row(`Bruno ${bruno.nom}`), loose.destination).waitFor({ state: 'visible' });
    expect(await otherBoard.blockIn(otherBoard.unassigned, loose.destination).count()).toBe(0);

    // 6. The week view shows it on Bruno's row too; then, with the keyboard only, the "Réaffecter…"
    // menu puts it back among the unassigned missions.
    await otherBoard.showWeek();
    await otherBoard.blockIn(otherBoard.row(`Bruno ${bruno.nom}`), loose.destination).waitFor({ state: 'visible' });
    await otherBoard.reassignWithKeyboard(loose.destination, 'none');
    await otherBoard.blockIn(otherBoard.unassigned, loose.destination).waitFor({ state: 'visible' });
    await otherBoard.badge.waitForSynced();
    await pollUntil(async () => ((await serverMission(loose.id))?.chauffeur_id === undefined ? true : undefined), {
      what: 'la mission désaffectée sur le serveur',
    });
    expect(first.diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });

  test('a booking refused by the server on sync shows its reason on the mission until dismissed', async () => {
    const suffix = randomUUID().slice(0, 6);
    const day = futureMonday();
    const carla = { id: randomUUID(), nom: `Roux${suffix}`, prenom: 'Carla' };
    await push('chauffeurs', [{ adr: false, fimo: true, competences: [], is_active: true, permis: 'CE', ...carla, code: `C${suffix}` }]);
    const early = { id: randomUUID(), destination: `Dijon ${suffix}` };
    const late = { id: randomUUID(), destination: `Besançon ${suffix}` };
    const mission = { date_mission: day, type_mission: 'livraison', statut: 'planifie' };
    await push('missions', [
      { ...mission, ...early, heure_debut: '10:00', heure_fin: '12:00' },
      { ...mission, ...late, heure_debut: '10:30', heure_fin: '13:00' },
    ]);
    const carlaName = `Carla ${carla.nom}`;
    const first = await openBoard('planificateur A', await plannerUser('anne'));
    const second = await openBoard('planificateur B', await plannerUser('marc'));
    for (const { board } of [first, second]) {
      await board.showDay(day);
      await board.blockIn(board.unassigned, late.destination).waitFor({ state: 'visible' });
    }

    // Both offline, each books Carla for an overlapping mission: no conflict seen on either PC.
    await first.opened.context.setOffline(true);
    await second.opened.context.setOffline(true);
    await first.board.drag(first.board.block(early.destination), first.board.rowName(carlaName));
    await first.board.blockIn(first.board.row(carlaName), early.destination).waitFor({ state: 'visible' });
    await second.board.drag(second.board.block(late.destination), second.board.rowName(carlaName));
    await second.board.blockIn(second.board.row(carlaName), late.destination).waitFor({ state: 'visible' });

    // The first to sync wins; the second is refused by the server, undone, and told why on the mission.
    await first.opened.context.setOffline(false);
    await first.board.badge.waitForSynced();
    await pollUntil(async () => ((await serverMission(early.id))?.chauffeur_id === carla.id ? true : undefined), {
      what: 'la réservation de A sur le serveur',
    });
    await second.opened.context.setOffline(false);
    const notice = second.board.serverNotice(late.destination);
    await notice.waitFor({ state: 'visible' });
    expect(await notice.innerText()).toContain(`${carlaName} est déjà réservé de 10:00 à 12:00`);
    await second.board.blockIn(second.board.unassigned, late.destination).waitFor({ state: 'visible' });
    await second.board.blockIn(second.board.row(carlaName), early.destination).waitFor({ state: 'visible' });
    expect(await second.board.block(late.destination).getByTestId('planning-block-description').textContent()).toContain('déjà réservé');
    expect((await serverMission(late.id))?.chauffeur_id).toBeUndefined();
    // The sync panel tells it too, whatever the screen.
    await second.board.badge.root.click();
    const entry = second.opened.page.getByTestId('conflict-panel').locator('.conflict-reason[data-code="PLANNING_CONFLICT"]');
    await entry.waitFor({ state: 'visible' });
    // A refusal, kept on this PC with the mission named in words (not a conflict, not a hash).
    expect(await second.opened.page.getByTestId('refused-entry').first().innerText()).toContain(`Modification refusée — la mission ${late.destination}`);
    expect(await entry.innerText()).toContain(`${carlaName} est déjà réservé de 10:00 à 12:00`);
    await second.board.badge.root.click();
    if (process.env['PLANNING_SCREENSHOT']) {
      await second.opened.page.screenshot({ path: process.env['PLANNING_SCREENSHOT'], fullPage: true });
    }

    await second.board.dismissServerNotice(late.destination);
    await notice.waitFor({ state: 'detached' });
  });

  test('an advanced planner forces a blocking conflict with a reason; a later clean move drops the reason', async () => {
    const suffix = randomUUID().slice(0, 6);
    const day = futureMonday();
    const dora = { id: randomUUID(), nom: `Blanc${suffix}`, prenom: 'Dora' };
    const eric = { id: randomUUID(), nom: `Noir${suffix}`, prenom: 'Eric' };
    const chauffeur = { adr: false, fimo: true, competences: [], is_active: true, permis: 'CE' };
    await push('chauffeurs', [
      { ...chauffeur, ...dora, code: `D${suffix}` },
      { ...chauffeur, ...eric, code: `E${suffix}` },
    ]);
    const booked = { id: randomUUID(), destination: `Metz ${suffix}` };
    const loose = { id: randomUUID(), destination: `Nancy ${suffix}` };
    const mission = { date_mission: day, type_mission: 'livraison', statut: 'planifie' };
    await push('missions', [
      { ...mission, ...booked, chauffeur_id: dora.id, heure_debut: '06:00', heure_fin: '09:00' },
      { ...mission, ...loose, heure_debut: '07:00', heure_fin: '08:00' },
    ]);
    const { board } = await openBoard('planificateur avancé', await plannerUser('ines', 'planner_advanced'));
    await board.showDay(day);
    const doraName = `Dora ${dora.nom}`;
    await board.blockIn(board.unassigned, loose.destination).waitFor({ state: 'visible' });

    await board.drag(board.block(loose.destination), board.rowName(doraName));
    await board.forceDialog.waitFor({ state: 'visible' });
    expect(await board.forceDialog.innerText()).toContain(`${doraName} est déjà réservé de 06:00 à 09:00`);
    await board.force('Client prioritaire, départ décalé');
    const forcedBlock = board.blockIn(board.row(doraName), loose.destination);
    await forcedBlock.waitFor({ state: 'visible' });
    expect(await forcedBlock.getAttribute('data-severity')).toBe('hard');
    // The two overlapping blocks are stacked, one above the other, not one hiding the other.
    const bookedBox = await board.blockIn(board.row(doraName), booked.destination).boundingBox();
    const forcedBox = await forcedBlock.boundingBox();
    expect(bookedBox && forcedBox && Math.abs(forcedBox.y - bookedBox.y)).toBeGreaterThanOrEqual(30);
    await board.badge.waitForSynced();
    const forced = await pollUntil(async () => {
      const doc = await serverMission(loose.id);
      return doc?.chauffeur_id === dora.id ? doc : undefined;
    }, { what: 'la mission forcée sur le serveur' });
    expect(forced.force_motif).toBe('Client prioritaire, départ décalé');

    // Moved to a free chauffeur: no blocking conflict left, so the reason goes.
    await board.drag(board.block(loose.destination), board.rowName(`Eric ${eric.nom}`));
    await board.blockIn(board.row(`Eric ${eric.nom}`), loose.destination).waitFor({ state: 'visible' });
    await board.badge.waitForSynced();
    const moved = await pollUntil(async () => {
      const doc = await serverMission(loose.id);
      return doc?.chauffeur_id === eric.id ? doc : undefined;
    }, { what: 'la mission déplacée sur le serveur' });
    expect(moved.force_motif).toBeUndefined();
  });
  test('a vertical drag keeps the start time, undo puts the assignment back on the server; the day lives in the URL; absences are drawn', async () => {
    const suffix = randomUUID().slice(0, 6);
    const day = futureMonday();
    const gina = { id: randomUUID(), nom: `Zola${suffix}`, prenom: 'Gina' };
    const hugo = { id: randomUUID(), nom: `Zidane${suffix}`, prenom: 'Hugo' };
    const ines = { id: randomUUID(), nom: `Faure${suffix}`, prenom: 'Ines' };
    const chauffeur = { adr: false, fimo: true, competences: [], is_active: true, permis: 'CE' };
    await push('chauffeurs', [
      { ...chauffeur, ...gina, code: `G${suffix}` },
      { ...chauffeur, ...hugo, code: `H${suffix}` },
      { ...chauffeur, ...ines, code: `I${suffix}` },
    ]);
    const voyage = { id: randomUUID(), code: `FR${suffix}`, nom: `Frigo ${suffix}`, couleur: '#0e9f6e', is_active: true };
    await push('voyages', [{ ...voyage, jours_operation: ['lundi'] }]);
    const night = { id: randomUUID(), destination: `Valence ${suffix}` };
    const finished = { id: randomUUID(), destination: `Romans ${suffix}` };
    await push('missions', [
      { ...finished, date_mission: day, type_mission: 'livraison', statut: 'termine', chauffeur_id: hugo.id, heure_debut: '10:00', heure_fin: '11:00' },
      {
        ...night,
        date_mission: day,
        type_mission: 'livraison',
        statut: 'planifie',
        chauffeur_id: gina.id,
        voyage_id: voyage.id,
        heure_debut: '03:30',
        heure_fin: '05:00',
        nb_palettes: 12,
      },
    ]);
    await push('disponibilites', [{ id: randomUUID(), chauffeur_id: ines.id, date_debut: day, date_fin: day, type_absence: 'conges', motif: 'Vacances' }]);
    const { board, opened } = await openBoard('planificateur glisser', await plannerUser('jade'));
    const page = opened.page;
    await board.showDay(day);
    const ginaName = `Gina ${gina.nom}`;
    const hugoName = `Hugo ${hugo.nom}`;
    const block = board.blockIn(board.row(ginaName), night.destination);
    await block.waitFor({ state: 'visible' });
    // A short night mission reads its start–end and its pallets, never "0…".
    expect(await block.innerText()).toContain('03:30');
    expect(await block.innerText()).toContain('12 pal.');
    // In its voyage's colour, with the voyage in the legend.
    expect(await block.evaluate((element) => getComputedStyle(element).borderLeftColor)).toBe('rgb(14, 159, 110)');
    expect(await board.legend.innerText()).toContain(voyage.code);

    // Absences are drawn on the row, in words, before anything is dropped there.
    const absence = board.absence(`Ines ${ines.nom}`);
    await absence.waitFor({ state: 'visible' });
    expect(await absence.innerText()).toContain('Congés');
    expect(await absence.getAttribute('title')).toContain('Vacances');

    // Straight down to Hugo: the start time is kept (03:30, not where the pointer was).
    const ginaLane = await board.lane(ginaName).boundingBox();
    const hugoLane = await board.lane(hugoName).boundingBox();
    if (!ginaLane || !hugoLane) {
      throw new Error('lignes invisibles');
    }
    await board.dragBy(block, 3, hugoLane.y - ginaLane.y, async () => {
      expect(await board.dragTime.innerText()).toContain('03:30');
    });
    await board.blockIn(board.row(hugoName), night.destination).waitFor({ state: 'visible' });
    await board.toast.filter({ hasText: 'Mission affectée' }).waitFor({ state: 'visible' });
    await board.badge.waitForSynced();
    const moved = await pollUntil(async () => {
      const doc = await serverMission(night.id);
      return doc?.chauffeur_id === hugo.id ? doc : undefined;
    }, { what: 'la mission sur Hugo sur le serveur' });
    expect(moved).toMatchObject({ heure_debut: '03:30', heure_fin: '05:00', date_mission: day });

    // Ctrl+Z: back on Gina, locally and on the server.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await board.blockIn(board.row(ginaName), night.destination).waitFor({ state: 'visible' });
    await board.badge.waitForSynced();
    await pollUntil(async () => ((await serverMission(night.id))?.chauffeur_id === gina.id ? true : undefined), {
      what: 'l’affectation d’origine rétablie sur le serveur',
    });

    // A horizontal drag moves the start, snapped to the quarter hour, shown while dragging; "Annuler" undoes it.
    const laneWidth = ginaLane.width;
    let shownWhileDragging = '';
    await board.dragBy(board.blockIn(board.row(ginaName), night.destination), Math.round((laneWidth * 120) / (28 * 60)), 0, async () => {
      shownWhileDragging = await board.dragTime.innerText();
    });
    expect(shownWhileDragging).toMatch(/Début 0[45]:(00|15|30|45)/);
    const shifted = await pollUntil(async () => {
      const doc = await serverMission(night.id);
      return doc && doc.heure_debut !== '03:30' ? doc : undefined;
    }, { what: 'le nouvel horaire sur le serveur' });
    expect(String(shifted['heure_debut'])).toMatch(/^0[45]:(00|15|30|45)$/);
    expect(shownWhileDragging).toContain(String(shifted['heure_debut']));
    await board.undoButton.click();
    await pollUntil(async () => ((await serverMission(night.id))?.heure_debut === '03:30' ? true : undefined), {
      what: 'l’horaire d’origine rétabli sur le serveur',
    });

    // Enter on a focused block opens it in a side panel, for editing in place.
    await board.blockIn(board.row(ginaName), night.destination).locator('.block-handle').focus();
    await board.details.waitFor({ state: 'visible' });
    expect(await board.details.innerText()).toContain(`Valence ${suffix}`);
    await page.keyboard.press('Enter');
    const destination = page.getByTestId('mission-form-destination');
    await destination.waitFor({ state: 'visible' });
    expect(await destination.inputValue()).toBe(night.destination);
    expect(await page.locator('dialog.dialog-side').count()).toBe(1);
    await page.keyboard.press('Escape');
    await destination.waitFor({ state: 'detached' });

    // Deleted from its menu, then "Annuler": the mission is back, here and on the server.
    await board.blockIn(board.row(ginaName), night.destination).getByRole('button', { name: /Réaffecter/ }).click();
    await page.getByTestId('reassign-delete').click();
    await board.block(night.destination).waitFor({ state: 'detached' });
    // The toast of the previous undo may still be up for a moment: wait for the deletion's own.
    await board.toast.filter({ hasText: 'Mission supprimée' }).waitFor({ state: 'visible' });
    await pollUntil(async () => ((await serverMission(night.id))?._deleted === true ? true : undefined), { what: 'la suppression sur le serveur' });
    await board.undoButton.click();
    await board.blockIn(board.row(ginaName), night.destination).waitFor({ state: 'visible' });
    const revived = await pollUntil(async () => {
      const doc = await serverMission(night.id);
      return doc && doc._deleted !== true ? doc : undefined;
    }, { what: 'la mission rétablie sur le serveur' });
    expect(revived).toMatchObject({ chauffeur_id: gina.id, heure_debut: '03:30' });

    // Arrows move between blocks: up from Gina's night run (rows by name: Zidane right above Zola, whatever other tests put on this day) reaches Hugo's finished one.
    await board.blockIn(board.row(ginaName), night.destination).locator('.block-handle').focus();
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="planning-block"]')?.textContent ?? '')).toContain(finished.destination);

    // Moving a finished mission asks first: cancelled, nothing moves; confirmed, it moves.
    const finishedBlock = () => board.blockIn(board.row(hugoName), finished.destination);
    const confirm = page.getByTestId('planning-confirm-move');
    await board.dragBy(finishedBlock(), 0, ginaLane.y - hugoLane.y);
    await confirm.waitFor({ state: 'visible' });
    expect(await confirm.innerText()).toContain('est terminée');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await finishedBlock().waitFor({ state: 'visible' });
    await board.dragBy(finishedBlock(), 0, ginaLane.y - hugoLane.y);
    await page.getByTestId('planning-confirm-move-save').click();
    await board.blockIn(board.row(ginaName), finished.destination).waitFor({ state: 'visible' });
    await pollUntil(async () => ((await serverMission(finished.id))?.chauffeur_id === gina.id ? true : undefined), {
      what: 'la mission terminée déplacée après confirmation',
    });

    // Shortcuts: S shows the week, J the day again.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('s');
    await page.getByTestId('planning-week').waitFor({ state: 'visible' });
    await page.keyboard.press('j');
    await page.getByTestId('planning-day').waitFor({ state: 'visible' });

    // The shown week exports as CSV for a French spreadsheet: BOM, ";", names and words, no ids.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('planning-export').click()]);
    const csvPath = await download.path();
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\uFEFFDate;Début;Fin;')).toBe(true);
    const csvLine = csv.split('\r\n').find((line) => line.includes(night.destination)) ?? '';
    expect(csvLine).toContain(`;03:30;05:00;${ginaName};${voyage.code};`);
    expect(csvLine).toContain(';12;Planifiée;');
    expect(csv).not.toContain(night.id);

    // The day is in the URL: it survives another screen and back, back/forward, and a reload.
    expect((await board.shownPlace()).day).toBe(day);
    await board.showWeek();
    expect(await board.shownPlace()).toMatchObject({ day, view: 'semaine' });
    await page.evaluate(() => {
      window.history.pushState(null, '', '/app/missions');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await board.root.waitFor({ state: 'detached' });
    await page.evaluate(() => {
      window.history.pushState(null, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await board.root.waitFor({ state: 'visible' });
    await pollUntil(async () => ((await board.shownPlace()).day === day ? true : undefined), { what: 'le jour rétabli après un autre écran' });
    expect(await board.dateInput.inputValue()).toBe(day);
    await page.getByTestId('planning-week').waitFor({ state: 'visible' });
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await pollUntil(async () => ((await board.shownPlace()).view === 'jour' ? true : undefined), { what: 'la vue jour par retour arrière' });
    await page.reload({ waitUntil: 'load' });
    await board.waitUntilReady();
    expect(await board.dateInput.inputValue()).toBe(day);
    await board.blockIn(board.row(ginaName), night.destination).waitFor({ state: 'visible' });
    expect(opened.diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });

  test('« prêt hors ligne » stands in the header beside the sync badge at 1280 px: it covers nothing of the board and moves nothing when it leaves', async () => {
    // Floating at the bottom of the screen, it covered an early block of the board's bottom row
    // (a press meant for the block hit the notice) and the invoice editor's « Aperçu PDF ».
    const planner = await plannerUser('nora');
    const opened = await openAppPage(browser, server, contexts, 'planificateur, prêt hors ligne');
    await opened.page.setViewportSize({ width: 1280, height: 800 });
    const signIn = new SignInPage(opened.page);
    await signIn.open('/');
    await signIn.signInWithOneTimePassword(planner.username, planner.temp_password, plannerPassword);
    const board = new PlanningBoardPage(opened.page);
    await board.waitUntilReady();
    // The day view's hour scale, 00h to 28h, whole inside its lane (« 28h » was cut at the right edge).
    const scale = await opened.page.locator('.board-scale .lane').evaluate((lane) => {
      const box = lane.getBoundingClientRect();
      return [...lane.querySelectorAll('.hour-mark')].map((mark) => {
        const markBox = mark.getBoundingClientRect();
        return { label: mark.textContent, inside: markBox.left >= box.left - 0.5 && markBox.right <= box.right + 0.5 };
      });
    });
    expect(scale.map((mark) => mark.label)).toEqual(['00h', '02h', '04h', '06h', '08h', '10h', '12h', '14h', '16h', '18h', '20h', '22h', '24h', '26h', '28h']);
    expect(scale.filter((mark) => !mark.inside).map((mark) => mark.label)).toEqual([]);
    // The filters drawn as the date picker beside them, not as the browser's bare, smaller selects.
    const dateHeight = (await board.dateInput.boundingBox())?.height;
    const filterHeights = await opened.page.locator('.planning-toolbar .filter select').evaluateAll((selects) => selects.map((select) => select.getBoundingClientRect().height));
    expect(filterHeights).toHaveLength(3);
    expect(filterHeights.every((height) => height === dateHeight), `filtres ${filterHeights.join(', ')} px, date ${dateHeight ?? '?'} px`).toBe(true);
    const shell = new AppShell(opened.page);
    // Shown once the service worker has cached the app and the first sync is complete, for 6 s.
    await shell.offlineReady.waitFor({ state: 'visible', timeout: 60_000 });
    const shown = await shell.layout();
    const notice = shown.notice;
    if (notice === null) {
      throw new Error('« prêt hors ligne » parti avant la mesure');
    }
    expect(notice.text).toBe('Relais est prêt à fonctionner hors ligne.');
    expect(notice.role).toBe('status');
    expect(notice.inHeaderBar).toBe(true);
    expect(notice.position).not.toBe('fixed');
    expect(within(notice.box, shown.headerBar), `« prêt hors ligne » ${JSON.stringify(notice.box)} hors de l’en-tête ${JSON.stringify(shown.headerBar)}`).toBe(true);
    expect(notice.box.y + notice.box.height).toBeLessThanOrEqual(shown.main.y);
    expect(within(notice.textBox, notice.box), `texte coupé : ${JSON.stringify(notice.textBox)} dans ${JSON.stringify(notice.box)}`).toBe(true);
    expect(shown.headerBarOverflows).toBe(false);
    expect(shown.headerBar.height).toBe(48);

    // It leaves by itself; the board stays where it was.
    await shell.offlineReady.waitFor({ state: 'detached', timeout: 30_000 });
    const left = await shell.layout();
    expect(left.headerBar.height).toBe(48);
    expect(left.main.y).toBe(shown.main.y);
  });
});
