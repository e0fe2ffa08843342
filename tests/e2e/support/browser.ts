import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { onTestFailed, onTestFinished } from 'vitest';
import { defaultTimeoutMs, withTimeout } from './wait';

/** The Debian Chromium installed by scripts/ensure-chromium.sh; the tests never download a browser. */
export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The UI language of the browser: date inputs then show jj/mm/aaaa, as on the users' French PCs
  // (the context's locale alone leaves them in en-US mm/dd/yyyy). On Linux, Chromium takes it from
  // LANGUAGE (below), with its French resources installed (chromium-l10n, scripts/ensure-chromium.sh).
  '--lang=fr-FR',
];

/** Launches headless Chromium from /usr/bin/chromium, with a clear message when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} est absent : lancez « bash scripts/ensure-chromium.sh » (ou « pnpm test », qui le fait).`);
  }
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, env: { ...env, LANGUAGE: 'fr' }, headless: true });
}

/**
 * A fresh browser context (its own storage: IndexedDB, caches, service workers) for the app at
 * `baseURL`, in French, with Playwright's default timeouts bounded.
 */
export async function newAppContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris', serviceWorkers: 'allow' });
  context.setDefaultTimeout(defaultTimeoutMs);
  context.setDefaultNavigationTimeout(defaultTimeoutMs);
  return context;
}

export interface PageDiagnostics {
  /** Console errors and warnings, uncaught exceptions, failed requests and HTTP errors seen so far. */
  report(): string;
  /** Uncaught exceptions and console errors only (what a healthy page should not produce). */
  errors(): string[];
  /** What the Content-Security-Policy blocked so far, in any page or frame of the context; forgotten once read. */
  takeCspViolations(): string[];
}

/** Chromium's console message for a blocked resource, inline script or eval (even when the page caught it). */
const cspViolation = /Content Security Policy|securitypolicyviolation/i;

const maxEntries = 200;

function push(list: string[], entry: string): void {
  list.push(entry);
  if (list.length > maxEntries) {
    list.shift();
  }
}

/** Records what a page (and the pages opened later in its context) logs, for failure reports. */
export function watchContext(context: BrowserContext, label: string): PageDiagnostics {
  const events: string[] = [];
  const errors: string[] = [];
  const violations: string[] = [];
  const watch = (page: Page): void => {
    page.on('console', (message) => {
      const type = message.type();
      if (cspViolation.test(message.text())) {
        push(violations, `[${page.url()}] ${message.text()}`);
      }
      if (type === 'error' || type === 'warning') {
        const entry = `[console.${type}] ${message.text()}`;
        push(events, entry);
        if (type === 'error') {
          push(errors, entry);
        }
      }
    });
    page.on('pageerror', (error) => {
      const entry = `[pageerror] ${error.stack ?? error.message}`;
      push(events, entry);
      push(errors, entry);
    });
    page.on('requestfailed', (request) => {
      push(events, `[requestfailed] ${request.method()} ${request.url()} : ${request.failure()?.errorText ?? '?'}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) {
        push(events, `[http ${response.status()}] ${response.request().method()} ${response.url()}`);
      }
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) {
        push(events, `[navigation] ${frame.url()}`);
      }
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  // Every test that watches a page also proves the security policy blocked nothing the app needs.
  onTestFinished(() => {
    if (violations.length > 0) {
      throw new Error(`${label} : la politique de sécurité du contenu a bloqué :\n${violations.join('\n')}`);
    }
  });
  return {
    report: () => `=== ${label} : ${events.length} évènement(s) ===\n${events.join('\n') || '(rien)'}`,
    errors: () => [...errors],
    takeCspViolations: () => violations.splice(0),
  };
}

/** Saves a screenshot of `page` in a temporary folder and returns its path (or why it could not). */
export async function screenshot(page: Page, name: string): Promise<string> {
  try {
    const path = join(mkdtempSync(join(tmpdir(), 'relais-e2e-')), `${name}.png`);
    await page.screenshot({ path, fullPage: true, timeout: 5000 });
    return path;
  } catch (error) {
    return `(capture impossible : ${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Waits until a service worker is active for the page and controls it. The app's worker does not claim
 * open clients (clientsClaim: false), so on a first visit the page is reloaded once to come under its control.
 */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = defaultTimeoutMs): Promise<void> {
  const supported = await page.evaluate(() => 'serviceWorker' in navigator);
  if (!supported) {
    throw new Error("navigator.serviceWorker absent : la page n'est pas servie dans un contexte sécurisé ?");
  }
  const scriptURL = await withTimeout(
    page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? null),
    'navigator.serviceWorker.ready (aucun service worker enregistré ou activé)',
    timeoutMs,
  );
  if (scriptURL === null) {
    throw new Error('navigator.serviceWorker.ready a résolu sans worker actif');
  }
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) {
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: timeoutMs });
  }
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  diagnostics: PageDiagnostics;
}

/**
 * A fresh browser context (kept in `contexts` for the suite to close) and its page; when the test
 * fails, prints the page's diagnostics, a screenshot and the server's output.
 */
export async function openAppPage(
  browser: Browser,
  server: { url: string; output(): string },
  contexts: BrowserContext[],
  label: string,
): Promise<OpenedPage> {
  const context = await newAppContext(browser, server.url);
  contexts.push(context);
  const page = await context.newPage();
  const diagnostics = watchContext(context, label);
  onTestFailed(async () => {
    const shot = page.isClosed() ? '(page fermée)' : await screenshot(page, `echec-${label.replace(/\W+/g, '-')}`);
    console.error(`${diagnostics.report()}\ncapture : ${shot}\n=== serveur ${server.url} ===\n${server.output()}`);
  });
  return { context, page, diagnostics };
}
