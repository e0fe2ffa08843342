import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createAuthService } from '../auth/service';
import { defaultAuthSettings } from '../auth/settings';
import { openDatabase } from '../db/client';
import { addUser, authTestApp, call, signIn } from '../test-support/auth';

const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** The app serving a minimal built PWA, as `relais serve` does. */
function appWithPwa() {
  const dist = mkdtempSync(join(tmpdir(), 'relais-pwa-'));
  folders.push(dist);
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body></body></html>');
  writeFileSync(join(dist, 'assets', 'index.js'), 'document.body.textContent = "Relais";');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => undefined);');
  const db = openDatabase(':memory:');
  const logger = pino({ level: 'silent' });
  return createApp({ db, logger, webDist: dist, auth: createAuthService({ db, logger, settings: defaultAuthSettings({ passwordHashCost: 10, trustedProxyAddresses: ['10.0.0.2'] }) }) }).app;
}

function directive(csp: string, name: string): string | undefined {
  return csp
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));
}

function expectSecured(response: Response, what: string, inlineStyles = false): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("default-src 'self'");
  expect(directive(csp, 'script-src'), what).toBe("script-src 'self'");
  expect(directive(csp, 'style-src')?.trim(), what).toBe(inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'");
  expect(csp, what).not.toContain('unsafe-eval');
  expect(csp, what).toContain("frame-ancestors 'self'");
  expect(csp, what).toContain("object-src 'none'");
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('same-origin');
  expect(response.headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
}

describe('security headers on every answer', () => {
  it('API answers, errors and unknown routes carry them; HSTS only over TLS or from the trusted proxy', async () => {
    const app = appWithPwa();
    const env = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
    const answers: [string, Response][] = [
      ['health', await app.request('/health')],
      ['401', await app.request('/auth/me')],
      ['404 API', await app.request('/api/nothing-here')],
      ['400 login', await app.request('/auth/login', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } })],
    ];
    for (const [what, response] of answers) {
      expectSecured(response, what);
      expect(response.headers.get('strict-transport-security'), what).toBeNull();
    }
    expect((await app.request('https://relais.local/health')).headers.get('strict-transport-security')).toBe('max-age=31536000');
    const proxied = await app.request('/health', { headers: { 'x-forwarded-proto': 'https' } }, env('10.0.0.2'));
    expect(proxied.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const forged = await app.request('/health', { headers: { 'x-forwarded-proto': 'https' } }, env('10.0.0.9'));
    expect(forged.headers.get('strict-transport-security')).toBeNull();
  });

  it('the PWA’s page, its files and its service worker carry them', async () => {
    const app = appWithPwa();
    for (const path of ['/', '/app/missions', '/assets/index.js', '/sw.js']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expectSecured(response, path);
    }
  });

  it('/docs carries them and runs no inline script; only its styles may be inline (swagger-ui sets some)', async () => {
    const app = appWithPwa();
    const docs = await app.request('/docs');
    expectSecured(docs, '/docs', true);
    const html = await docs.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/docs\//);
      expect(body?.trim()).toBe('');
    }
    expectSecured(await app.request('/docs/init.js'), '/docs/init.js', true);
    expectSecured(await app.request('/openapi.json'), '/openapi.json');
  });
});

describe('Cache-Control: no-store on tokens, sessions and accounts', () => {
  it('sign-in, code, refresh, me, logout and the admin answers are never cached, refusals included', async () => {
    const { app, auth } = authTestApp();
    await addUser(auth, { username: 'ADMIN', role: 'admin' });
    const failed = await call(app, 'POST', '/auth/login', { body: { username: 'admin', password: 'Mauvais-123' } });
    const login = await call(app, 'POST', '/auth/login', { body: { username: 'admin', password: 'Relais-2026' } });
    const { token, cookie } = await signIn(app, 'admin');
    const answers: [string, Response][] = [
      ['login refusé', failed],
      ['login', login],
      ['mfa', await call(app, 'POST', '/auth/mfa', { body: { challenge_id: crypto.randomUUID(), code: '123456' } })],
      ['refresh', await call(app, 'POST', '/auth/refresh', { cookie })],
      ['me', await call(app, 'GET', '/auth/me', { token })],
      ['users', await call(app, 'GET', '/admin/users', { token })],
      ['sessions', await call(app, 'GET', '/admin/sessions', { token })],
      ['sessions 401', await call(app, 'GET', '/admin/sessions')],
      ['logout', await call(app, 'POST', '/auth/logout', { token })],
    ];
    for (const [what, response] of answers) {
      expect(response.headers.get('cache-control'), what).toBe('no-store');
    }
    // Only those: other answers keep their own caching rules.
    expect((await call(app, 'GET', '/health')).headers.get('cache-control')).toBeNull();
  });
});
