import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { addDays, today, weekStart } from '@relais/domain';
import { pushAll, pullAll } from './support/replication';
import { SignInPage } from './e2e/pages/sign-in-page';
import { newAppContext } from './e2e/support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './e2e/support/environment';

const password = 'Relais-captures-2026';
const env = await startE2eEnvironment(password);
try {
  execFileSync('node', ['sync-server/dist/cli.js', 'demo'], { env: { ...process.env, RELAIS_DATABASE_PATH: env.server.databasePath }, stdio: 'ignore' });
  const chauffeurs = await pullAll(env.server.url, 'chauffeurs', env.adminToken);
  const monday = weekStart(today());
  const history = Array.from({ length: 12000 }, (_, index) => ({
    id: randomUUID(),
    date_mission: addDays(monday, -60 + Math.floor(index / (chauffeurs.length * 2))),
    heure_debut: index % 2 === 0 ? '05:00' : '12:00',
    heure_fin: index % 2 === 0 ? '08:00' : '15:00',
    chauffeur_id: chauffeurs[Math.floor(index / 2) % chauffeurs.length]?.id,
    type_mission: 'livraison',
    destination: `Historique ${index % 40}`,
    statut: 'termine',
  }));
  await pushAll(env.server.url, env.adminToken, 'missions', history);
  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
  ] as const) {
    const context = await newAppContext(env.browser, env.server.url);
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    const signIn = new SignInPage(page);
    await signIn.open(`/?jour=${today()}&vue=semaine`);
    await signIn.submitCredentials(env.server.adminUsername, password);
    await page.waitForSelector('[data-testid="planning-block"][data-preview]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="sync-progress"]', { timeout: 60_000 });
    await page.screenshot({ path: `/work/shots/board/first-sync-week-${width}x${height}.png` });
    await page.getByTestId('planning-view-day').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/work/shots/board/first-sync-day-${width}x${height}.png` });
    await context.close();
  }
} finally {
  await stopE2eEnvironment(env, []);
}
