import { randomUUID } from 'node:crypto';
import { addDays, today, weekStart } from '@relais/domain';
import type { Page } from 'playwright-core';
import { changePasswordApi, signInApi } from '../support/auth';
import { pushAll } from '../support/replication';
import { startTestServer } from '../support/server';
import { PlanningBoardPage } from '../e2e/pages/planning-board';
import { SignInPage } from '../e2e/pages/sign-in-page';
import { launchBrowser, newAppContext } from '../e2e/support/browser';

/**
 * Board render in Chromium: the week view of 200 chauffeurs and 5 000 missions, from the click on
 * "Semaine" to the frame that paints every block (conflict check included, as the PWA runs it),
 * against the same week view with no mission (200 empty rows) measured in the same run. Needs the
 * built PWA and server (`pnpm build`) and Debian's chromium.
 */
const chauffeurCount = Number(process.env['BENCH_BOARD_CHAUFFEURS'] ?? 200);
const missionCount = Number(process.env['BENCH_BOARD_MISSIONS'] ?? 5000);
const runs = Number(process.env['BENCH_BOARD_RUNS'] ?? 7);
const password = 'Relais-bench-2026';

/** Four slots a day inside 13 hours: a plan the rules accept (no overlap, 11 h of rest). */
const slots = [
  ['05:00', '08:00'],
  ['08:30', '11:30'],
  ['12:00', '15:00'],
  ['15:30', '17:30'],
] as const;

function seedWeek(monday: string): { chauffeurs: Record<string, unknown>[]; missions: Record<string, unknown>[] } {
  const chauffeurs = Array.from({ length: chauffeurCount }, (_, index) => ({
    id: randomUUID(),
    code: `B${String(index).padStart(3, '0')}`,
    nom: `Chauffeur${String(index).padStart(3, '0')}`,
    prenom: 'Banc',
    adr: index % 3 === 0,
    fimo: true,
    competences: [],
    permis: 'CE',
    is_active: true,
  }));
  const missions = Array.from({ length: missionCount }, (_, index) => {
    const chauffeur = chauffeurs[index % chauffeurs.length];
    const perChauffeur = Math.floor(index / chauffeurs.length);
    const [debut, fin] = slots[perChauffeur % slots.length] ?? slots[0];
    return {
      id: randomUUID(),
      date_mission: addDays(monday, Math.floor(perChauffeur / slots.length) % 7),
      heure_debut: debut,
      heure_fin: fin,
      chauffeur_id: chauffeur?.id,
      type_mission: 'livraison',
      destination: `Destination ${index % 40}`,
      nb_palettes: 1 + (index % 30),
      statut: 'planifie',
    };
  });
  return { chauffeurs, missions };
}

/** Milliseconds from the click on the week view to the frame after `blocks` blocks are in the page. */
async function measureWeek(page: Page, blocks: number): Promise<number> {
  await page.getByTestId('planning-view-day').click();
  await page.getByTestId('planning-week').waitFor({ state: 'detached' });
  const source = `(async (blocks) => {
    const start = performance.now();
    document.querySelector('[data-testid="planning-view-week"]').click();
    await new Promise((resolve) => {
      const tick = () => {
        const ready = document.querySelector('[data-testid="planning-week"]') && document.querySelectorAll('[data-testid="planning-block"]').length >= blocks;
        if (ready) resolve(); else requestAnimationFrame(tick);
      };
      tick();
    });
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    return performance.now() - start;
  })(${blocks})`;
  return page.evaluate<number>(source);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startTestServer({ logLevel: 'warn' });
  const browser = await launchBrowser();
  try {
    const first = await signInApi(server.url, server.adminUsername, server.adminPassword);
    await changePasswordApi(server.url, first.access_token, server.adminPassword, password);
    const token = (await signInApi(server.url, server.adminUsername, password)).access_token;
    const monday = weekStart(today());
    const { chauffeurs, missions } = seedWeek(monday);
    await pushAll(server.url, token, 'chauffeurs', chauffeurs);
    await pushAll(server.url, token, 'missions', missions);
    process.stdout.write(`Banc du tableau : ${chauffeurs.length} chauffeurs, ${missions.length} missions la semaine du ${monday}, ${runs} mesures\n`);

    const context = await newAppContext(browser, server.url);
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open('/');
    await signIn.signIn(server.adminUsername, password);
    const board = new PlanningBoardPage(page);
    await board.waitUntilReady();
    await board.showDay(monday);
    const syncStart = Date.now();
    await board.showWeek();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="planning-block"]').length >= count, missions.length, {
      timeout: 300_000,
      polling: 1000,
    });
    process.stdout.write(`réplication des ${missions.length} missions vers le navigateur : ${((Date.now() - syncStart) / 1000).toFixed(1)} s\n`);

    const full: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      full.push(await measureWeek(page, missions.length));
    }
    await board.showDay(addDays(monday, 7 * 52));
    const empty: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      empty.push(await measureWeek(page, 0));
    }
    const fullMedian = median(full);
    const emptyMedian = median(empty);
    process.stdout.write(
      [
        '',
        'mesure                                              médiane (ms)   min     max',
        `semaine de ${missions.length} missions, ${chauffeurs.length} lignes      ${fullMedian.toFixed(0).padStart(10)} ${Math.min(...full).toFixed(0).padStart(7)} ${Math.max(...full).toFixed(0).padStart(7)}`,
        `référence : même semaine vide, ${chauffeurs.length} lignes        ${emptyMedian.toFixed(0).padStart(10)} ${Math.min(...empty).toFixed(0).padStart(7)} ${Math.max(...empty).toFixed(0).padStart(7)}`,
        `rapport semaine pleine / semaine vide : ${(fullMedian / emptyMedian).toFixed(1)} ×`,
        `durée totale : ${((Date.now() - started) / 1000).toFixed(0)} s`,
        '',
      ].join('\n'),
    );
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
