import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type RelaisApp } from './app';
import type { Config } from './config';
import { openDatabase, type Db } from './db/client';
import { createLogger, type Logger } from './logger';

export interface RunningServer extends RelaisApp {
  server: ServerType;
  db: Db;
  logger: Logger;
  url: string;
  close(): Promise<void>;
}

/** `web/dist` beside the server package, wherever the bundle runs from. */
function defaultWebDist(): string {
  return resolve(fileURLToPath(import.meta.url), '../../../web/dist');
}

/** Opens the database, applies migrations and listens. */
export async function startServer(config: Config, logger: Logger = createLogger(config.RELAIS_LOG_LEVEL, config.RELAIS_LOG_FILE)): Promise<RunningServer> {
  const db = openDatabase(config.RELAIS_DATABASE_PATH);
  const relais = createApp({ db, logger, webDist: config.RELAIS_WEB_DIST ?? defaultWebDist() });
  const server = await new Promise<ServerType>((resolveServer) => {
    const running = serve({ fetch: relais.app.fetch, hostname: config.RELAIS_HOST, port: config.RELAIS_PORT }, () =>
      resolveServer(running),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.RELAIS_PORT;
  const url = `http://${config.RELAIS_HOST === '0.0.0.0' ? '127.0.0.1' : config.RELAIS_HOST}:${port}`;
  logger.info({ url, database: config.RELAIS_DATABASE_PATH }, 'Relais démarré');
  return {
    ...relais,
    server,
    db,
    logger,
    url,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => {
          db.$client.close();
          resolveClose();
        });
        // Open pull streams would hold the server open.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
