import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { loadConfig, startServer, type RunningServer } from '@relais/sync-server';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';

const opened: RunningServer[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relais-srv-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

function fakeWebDist(dir: string): string {
  const dist = join(dir, 'web-dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Relais</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'app-1234.js'), 'export const ok = 1;');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  // As the build precompresses them (web/build/precompress.ts).
  const bundle = `export const lines = [${Array.from({ length: 400 }, (_, index) => `'ligne ${index}'`).join(', ')}];`;
  writeFileSync(join(dist, 'assets', 'big-5678.js'), bundle);
  writeFileSync(join(dist, 'assets', 'big-5678.js.br'), brotliCompressSync(bundle));
  writeFileSync(join(dist, 'assets', 'big-5678.js.gz'), gzipSync(bundle));
  return dist;
}

describe('the sync server process', () => {
  it('creates its SQLite file in WAL mode, logs to its file and serves the PWA with an SPA fallback', async () => {
    const dir = tempDir();
    const logFile = join(dir, 'logs', 'server.log');
    const config = loadConfig(
      { RELAIS_HOST: '127.0.0.1', RELAIS_DATABASE_PATH: join(dir, 'data', 'relais.db'), RELAIS_LOG_FILE: logFile, RELAIS_WEB_DIST: fakeWebDist(dir) },
      join(dir, '.env'),
    );
    const server = await startServer({ ...config, RELAIS_PORT: 0 }, undefined);
    opened.push(server);
    expect(server.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const page = await fetch(`${server.url}/app/missions/2026-11-27`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // Paths outside `/` and `/app/` belong to the server (TomatoPlan's REST API): never the app shell.
    const notApp = await fetch(`${server.url}/missions-inconnu/2026-11-27`);
    expect(notApp.status).toBe(404);
    expect(await notApp.text()).not.toContain('<div id="root">');
    const asset = await fetch(`${server.url}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // Precompressed files go out as they are, to the browsers that accept them; the others get the plain file.
    const plain = readFileSync(join(dir, 'web-dist', 'assets', 'big-5678.js'), 'utf8');
    for (const [accept, encoding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['identity', null]] as const) {
      const response = await fetch(`${server.url}/assets/big-5678.js`, { headers: { 'accept-encoding': accept } });
      expect(response.headers.get('content-encoding'), accept).toBe(encoding);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(response.headers.get('cache-control')).toContain('immutable');
      expect(await response.text()).toBe(plain);
    }
    // The shell names the hashed assets: fetched again each time (the service worker precaches it as `index.html`).
    for (const path of ['/sw.js', '/', '/index.html', '/app/missions/2026-11-27']) {
      expect((await fetch(`${server.url}${path}`)).headers.get('cache-control'), path).toBe('no-cache');
    }
    const missingAsset = await fetch(`${server.url}/assets/absent.js`);
    expect(missingAsset.status).toBe(404);
    const unknownApi = await fetch(`${server.url}/api/nothing`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });

    server.logger.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readFileSync(logFile, 'utf8')).toContain('Relais démarré');
  });

  it('serves HTTPS when given a certificate and a key', async () => {
    const dir = tempDir();
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const config = loadConfig(
      { RELAIS_HOST: '127.0.0.1', RELAIS_DATABASE_PATH: join(dir, 'relais.db'), RELAIS_LOG_FILE: '', RELAIS_TLS_CERT_PATH: cert, RELAIS_TLS_KEY_PATH: key },
      join(dir, '.env'),
    );
    const server = await startServer({ ...config, RELAIS_PORT: 0 }, pino({ level: 'silent' }));
    opened.push(server);
    expect(server.url.startsWith('https://')).toBe(true);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}/health`, { ca: readFileSync(cert), servername: 'localhost', checkServerIdentity: () => undefined }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toMatchObject({ status: 'ok', database: { ok: true } });
  });
});
