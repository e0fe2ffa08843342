import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { AppShell } from './pages/app-shell';
import { MissionsPage } from './pages/missions-page';
import { SignInPage } from './pages/sign-in-page';
import { launchBrowser, newAppContext, screenshot, waitForServiceWorkerControl, watchContext } from './support/browser';

interface ManifestIcon {
  src?: unknown;
  sizes?: unknown;
  type?: unknown;
  purpose?: unknown;
}

interface WebManifest {
  name?: unknown;
  short_name?: unknown;
  start_url?: unknown;
  display?: unknown;
  icons?: ManifestIcon[];
}

let server: TestServer;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** The icon declared for `size` (e.g. "192x192") with purpose "any" (or no purpose). */
function iconFor(manifest: WebManifest, size: string): ManifestIcon | undefined {
  return manifest.icons?.find((icon) => {
    const sizes = typeof icon.sizes === 'string' ? icon.sizes.split(/\s+/) : [];
    const purposes = typeof icon.purpose === 'string' ? icon.purpose.split(/\s+/) : ['any'];
    return sizes.includes(size) && purposes.includes('any');
  });
}

describe('PWA installable', () => {
  test('le manifeste est servi, complet, et le service worker est enregistré', async () => {
    context = await newAppContext(browser, server.url);
    const page = await context.newPage();
    const diagnostics = watchContext(context, 'navigateur');
    onTestFailed(async () => {
      console.error(`${diagnostics.report()}\ncapture : ${await screenshot(page, 'echec-installable')}\n=== serveur ===\n${server.output()}`);
    });

    // The sign-in page comes first; the administrator of the first start changes the one-time password.
    const signIn = new SignInPage(page);
    await signIn.open('/app/missions');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await signIn.signInWithOneTimePassword(server.adminUsername, server.adminPassword, 'Relais-e2e-2031');
    await new MissionsPage(page).waitUntilReady();

    // The manifest link, and the manifest itself as served.
    const manifestUrl = await new AppShell(page).manifestUrl();
    expect(manifestUrl, '<link rel="manifest"> absent de index.html').not.toBeNull();
    const manifestResponse = await fetch(manifestUrl ?? '');
    expect(manifestResponse.status).toBe(200);
    expect(manifestResponse.headers.get('content-type') ?? '').toMatch(/^application\/(manifest\+)?json/);
    const manifest = (await manifestResponse.json()) as WebManifest;
    expect(manifest.name).toEqual(expect.stringMatching(/\S/));
    expect(manifest.start_url).toEqual(expect.stringMatching(/\S/));
    expect(manifest.display).toBe('standalone');
    for (const size of ['192x192', '512x512']) {
      const icon = iconFor(manifest, size);
      expect(icon, `icône ${size} (purpose any) absente du manifeste`).toBeDefined();
      expect(icon?.type).toBe('image/png');
      const iconResponse = await fetch(new URL(String(icon?.src), manifestUrl ?? server.url));
      expect(iconResponse.status, `icône ${size} : ${String(icon?.src)}`).toBe(200);
      expect(iconResponse.headers.get('content-type')).toBe('image/png');
      const bytes = new Uint8Array(await iconResponse.arrayBuffer());
      const side = Number(size.split('x')[0]);
      // PNG: IHDR width and height, big-endian, at bytes 16 and 20.
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      expect([view.getUint32(16), view.getUint32(20)], `dimensions réelles de l'icône ${size}`).toEqual([side, side]);
    }
    const startUrl = new URL(String(manifest.start_url), manifestUrl ?? server.url);
    expect(startUrl.origin).toBe(new URL(server.url).origin);

    // The service worker: registered, active, controlling the page after at most one reload, never cached by HTTP.
    await waitForServiceWorkerControl(page);
    const registration = await page.evaluate(async () => {
      const found = await navigator.serviceWorker.getRegistration();
      return found ? { scope: found.scope, script: found.active?.scriptURL ?? null } : null;
    });
    expect(registration).not.toBeNull();
    expect(registration?.scope).toBe(`${server.url}/`);
    expect(registration?.script).toEqual(expect.stringMatching(/\/sw\.js$/));
    const swResponse = await fetch(`${server.url}/sw.js`);
    expect(swResponse.status).toBe(200);
    expect(swResponse.headers.get('cache-control')).toBe('no-cache');

    // The built app goes out precompressed (brotli) to a client asking as Chromium does, and its hashed files are cached for good.
    // index.html loads several module scripts (the vendors', the app's); one under 1 KB is not worth compressing (build/precompress.ts).
    const entries = await page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')].map((script) => script.src));
    expect(entries.length, 'scripts modules de index.html').toBeGreaterThan(0);
    for (const entry of entries) {
      const response = await fetch(entry, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
      expect(response.status).toBe(200);
      const encoding = response.headers.get('content-encoding');
      if (encoding === null) {
        expect((await response.arrayBuffer()).byteLength, `${entry} envoyé sans compression`).toBeLessThan(1024);
      } else {
        expect(encoding, entry).toBe('br');
      }
      expect(response.headers.get('cache-control')).toContain('immutable');
    }

    // Chromium's own verdict: the manifest parses without errors and nothing prevents installation.
    const cdp = await context.newCDPSession(page);
    const parsed = await cdp.send('Page.getAppManifest');
    expect(parsed.errors.map((error) => error.message)).toEqual([]);
    const installability = await cdp.send('Page.getInstallabilityErrors');
    // Playwright's contexts are incognito, where Chromium never offers installation: that one is ours, not the app's.
    const blocking = installability.installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito');
    expect(blocking).toEqual([]);
    await cdp.detach();

    expect(diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });
});
