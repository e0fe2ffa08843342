import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { ApiError } from '../http/errors';
import { openApiDocument } from './openapi';

/** Swagger UI's files, served from node_modules: the LAN of a depot may have no internet, so no CDN. */
const assets = new Map<string, string>([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'text/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
]);

function swaggerUiFolder(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const page = `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Relais — API compatible TomatoPlan</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  persistAuthorization: true,
});`;

/** `GET /openapi.json` and the interactive documentation at `GET /docs`. */
export function docsRoutes(): Hono {
  const app = new Hono();
  const folder = swaggerUiFolder();
  // Built once: the schemas do not change while the server runs.
  const document = openApiDocument();

  app.get('/openapi.json', (c) => c.json(document));
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/:file', (c) => {
    const file = c.req.param('file');
    // A Map, not an object: `/docs/__proto__` or `/docs/constructor` must not find an inherited entry.
    const type = assets.get(file);
    if (!type) {
      throw new ApiError('NOT_FOUND', `Route inconnue : ${c.req.method} ${c.req.path}`);
    }
    return c.body(readFileSync(join(folder, file)), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
  return app;
}
