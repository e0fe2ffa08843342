import type { Browser, BrowserContext } from 'playwright-core';
import { changePasswordApi, signInApi } from '../../support/auth';
import { startTestServer, type TestServer } from '../../support/server';
import { launchBrowser } from './browser';

export interface E2eEnvironment {
  server: TestServer;
  browser: Browser;
  /** The first administrator's access token, its one-time password replaced by the file's own. */
  adminToken: string;
}

/** The real server on the built PWA, Chromium, and a signed-in administrator for a test file. */
export async function startE2eEnvironment(adminPassword: string, options: { env?: Record<string, string> } = {}): Promise<E2eEnvironment> {
  const server = await startTestServer(options.env ? { env: options.env } : {});
  const browser = await launchBrowser();
  const first = await signInApi(server.url, server.adminUsername, server.adminPassword);
  await changePasswordApi(server.url, first.access_token, server.adminPassword, adminPassword);
  const adminToken = (await signInApi(server.url, server.adminUsername, adminPassword)).access_token;
  return { server, browser, adminToken };
}

/** Closes the browser contexts a test file opened, then Chromium and the server. */
export async function stopE2eEnvironment(environment: Partial<E2eEnvironment>, contexts: readonly BrowserContext[]): Promise<void> {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await environment.browser?.close();
  await environment.server?.stop();
}
