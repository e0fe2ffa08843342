import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/**
 * Serves the built PWA with an SPA fallback to index.html for `/` and `/app/*` only. The service
 * worker, the manifest and the app shell (index.html, which names the hashed assets) must never be
 * cached by the browser, or clients would miss new versions; hashed assets are cached for good.
 */
export function servePwa(app: Hono, webDist: string): boolean {
  const index = resolve(webDist, 'index.html');
  if (!existsSync(index)) {
    return false;
  }
  const indexHtml = readFileSync(index, 'utf8');
  app.use('*', async (c, next) => {
    await next();
    const path = c.req.path;
    if (path === '/sw.js' || path.startsWith('/workbox-') || path.endsWith('.webmanifest') || path === '/' || path === '/index.html') {
      c.header('Cache-Control', 'no-cache');
    } else if (path.startsWith('/assets/')) {
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
    }
  });
  // The build wrote .br and .gz beside each file (web/build/precompress.ts): sent as they are to a browser that accepts them.
  app.use('*', serveStatic({ root: webDist, precompressed: true }));
  app.get('*', (c) => {
    const path = c.req.path;
    // Only the app's own addresses: the board at `/`, the other screens under `/app/`. Every other
    // path (TomatoPlan's REST API, `/auth`, `/api`…) is the server's, and unknown there is a 404.
    const appPath = path === '/' || path === '/app' || path.startsWith('/app/');
    if (!appPath || /\.[a-z0-9]+$/i.test(path)) {
      return c.notFound();
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
  return true;
}
