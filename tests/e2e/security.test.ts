import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { SignInPage } from './pages/sign-in-page';
import { launchBrowser, openAppPage } from './support/browser';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // A tight per-username limit, so that the browser meets it in a few attempts.
  server = await startTestServer({ env: { RELAIS_LOGIN_LIMIT_PER_USERNAME: '3' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await browser?.close();
  await server?.stop();
});

describe('sécurité dans le navigateur', () => {
  test('la documentation /docs fonctionne sous la politique de sécurité du contenu', async () => {
    const { page, diagnostics } = await openAppPage(browser, server, contexts, 'docs');
    const response = await page.goto('/docs', { waitUntil: 'load' });
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .info .title').waitFor({ state: 'visible' });
    await page.locator('.opblock').first().waitFor({ state: 'visible' });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });

  test('la politique est bien surveillée : un script en ligne injecté est bloqué et signalé', async () => {
    const { page, diagnostics } = await openAppPage(browser, server, contexts, 'sonde');
    const signIn = new SignInPage(page);
    await signIn.open('/');
    // What an injected script would do; the page's own evaluate() is exempt from the policy, a script element is not.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "oui";';
      document.head.append(script);
    });
    expect(await page.evaluate(() => document.body.dataset['injected'] ?? null)).toBeNull();
    await expect.poll(() => diagnostics.takeCspViolations().join('\n')).toMatch(/script-src/);
  });

  test('un identifiant inexistant reçoit le même message qu’un mauvais mot de passe, puis le délai d’attente en français', async () => {
    const { page } = await openAppPage(browser, server, contexts, 'limite');
    const signIn = new SignInPage(page);
    await signIn.open('/app/missions');
    const texts: string[] = [];
    const statuses: number[] = [];
    for (const username of [server.adminUsername, 'intrus', 'intrus', 'intrus', 'intrus']) {
      const [answer] = await Promise.all([page.waitForResponse((response) => response.url().endsWith('/auth/login')), signIn.submitCredentials(username, 'Mauvais-mot-2031')]);
      statuses.push(answer.status());
      // The form clears its message when it sends, and shows the new one once answered.
      await signIn.error.waitFor({ state: 'visible' });
      texts.push((await signIn.errorText()) ?? '');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(texts[0]).toBe('Identifiant ou mot de passe incorrect.');
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
    expect(texts[3]).toBe(texts[0]);
    expect(texts[4]).toMatch(/^Trop de tentatives : patientez avant de réessayer\. Réessayez dans 15 minute\(s\)\.$/);
    expect(texts.join(' ')).not.toMatch(/essai\(s\) avant/);
  });
});
