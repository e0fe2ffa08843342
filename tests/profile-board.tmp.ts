import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { addDays, today, weekStart } from '@relais/domain';
import { changePasswordApi, signInApi } from './support/auth';
import { pushAll } from './support/replication';
import { startTestServer } from './support/server';
import { PlanningBoardPage } from './e2e/pages/planning-board';
import { SignInPage } from './e2e/pages/sign-in-page';
import { launchBrowser, newAppContext } from './e2e/support/browser';

const password = 'Relais-bench-2026';
const slots = [['05:00', '08:00'], ['08:30', '11:30'], ['12:00', '15:00'], ['15:30', '17:30']] as const;
const server = await startTestServer({ logLevel: 'warn' });
const browser = await launchBrowser();
try {
  const first = await signInApi(server.url, server.adminUsername, server.adminPassword);
  await changePasswordApi(server.url, first.access_token, server.adminPassword, password);
  const token = (await signInApi(server.url, server.adminUsername, password)).access_token;
  const monday = weekStart(today());
  const chauffeurs = Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), code: `B${i}`, nom: `Chauffeur${String(i).padStart(3, '0')}`, prenom: 'Banc', adr: false, fimo: true, competences: [], permis: 'CE', is_active: true }));
  const missions = Array.from({ length: 5000 }, (_, i) => {
    const per = Math.floor(i / 200);
    const [d, f] = slots[per % 4] ?? slots[0];
    return { id: randomUUID(), date_mission: addDays(monday, Math.floor(per / 4) % 7), heure_debut: d, heure_fin: f, chauffeur_id: chauffeurs[i % 200]?.id, type_mission: 'livraison', destination: `Destination ${i % 40}`, nb_palettes: 1 + (i % 30), statut: 'planifie' };
  });
  await pushAll(server.url, token, 'chauffeurs', chauffeurs);
  await pushAll(server.url, token, 'missions', missions);
  const context = await newAppContext(browser, server.url);
  const page = await context.newPage();
  await new SignInPage(page).open('/');
  await new SignInPage(page).signIn(server.adminUsername, password);
  const board = new PlanningBoardPage(page);
  await board.waitUntilReady();
  await board.showDay(monday);
  await board.showWeek();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="planning-block"]').length >= 5000, undefined, { timeout: 300_000, polling: 1000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  for (let run = 0; run < 3; run += 1) {
    await page.getByTestId('planning-view-day').click();
    await page.getByTestId('planning-week').waitFor({ state: 'detached' });
    if (run === 2) await cdp.send('Profiler.start');
    const ms = await page.evaluate(`(async () => { const s = performance.now(); document.querySelector('[data-testid="planning-view-week"]').click();
      await new Promise((r) => { const tick = () => document.querySelectorAll('[data-testid="planning-block"]').length >= 5000 ? r() : requestAnimationFrame(tick); tick(); });
      await new Promise((r) => requestAnimationFrame(r)); return performance.now() - s; })()`);
    process.stdout.write(`run ${run}: ${String(ms)} ms\n`);
  }
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync('/tmp/screen-profile.json', JSON.stringify(profile));
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
