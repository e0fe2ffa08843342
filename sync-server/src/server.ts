import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type RelaisApp } from './app';
import { ensureDefaultAdmin } from './auth/bootstrap';
import { createSmtpMailer } from './auth/mailer';
import { createAuthService } from './auth/service';
import { authSettingsFromConfig } from './auth/settings';
import { backupSettingsFromConfig } from './backup/settings';
import type { Config } from './config';
import { openDatabase, type Db } from './db/client';
import { createLogger, type Logger } from './logger';
import { createRuntimeConfig } from './settings/runtime-config';
import { createSecretBox, resolveSecretKey } from './secrets/secret-box';

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
  const db = openDatabase(config.RELAIS_DATABASE_PATH, { logger });
  // The settings administrators changed from the PWA overlay the environment from the start.
  const runtime = createRuntimeConfig({ db, base: config, logger });
  const effective = runtime.current();
  logger.level = effective.RELAIS_LOG_LEVEL;
  const mailer = createSmtpMailer(effective);
  if (!mailer && effective.RELAIS_MFA_REQUIRED_ROLES.length > 0) {
    logger.warn({ roles: effective.RELAIS_MFA_REQUIRED_ROLES }, "double authentification exigée sans serveur SMTP (RELAIS_SMTP_HOST) : ces rôles ne pourront pas se connecter");
  }
  const auth = createAuthService({ db, logger, settings: authSettingsFromConfig(effective), mailer });
  await ensureDefaultAdmin(auth);
  const relais = createApp({
    db,
    logger,
    auth,
    runtime,
    webDist: config.RELAIS_WEB_DIST ?? defaultWebDist(),
    backups: backupSettingsFromConfig(config),
    secrets: createSecretBox(resolveSecretKey(config.RELAIS_SECRET_KEY, config.RELAIS_DATABASE_PATH)),
    streamLimits: {
      queueBytes: config.RELAIS_STREAM_QUEUE_BYTES,
      perSession: config.RELAIS_STREAMS_PER_SESSION,
      total: config.RELAIS_STREAMS_MAX,
      stallMs: config.RELAIS_STREAM_STALL_SECONDS * 1000,
    },
  });
  const tls =
    config.RELAIS_TLS_CERT_PATH && config.RELAIS_TLS_KEY_PATH
      ? { cert: readFileSync(config.RELAIS_TLS_CERT_PATH), key: readFileSync(config.RELAIS_TLS_KEY_PATH) }
      : undefined;
  const server = await new Promise<ServerType>((resolveServer) => {
    const options = { fetch: relais.app.fetch, hostname: config.RELAIS_HOST, port: config.RELAIS_PORT };
    const running = tls
      ? serve({ ...options, createServer: createHttpsServer, serverOptions: tls }, () => resolveServer(running))
      : serve(options, () => resolveServer(running));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.RELAIS_PORT;
  const url = `${tls ? 'https' : 'http'}://${config.RELAIS_HOST === '0.0.0.0' ? '127.0.0.1' : config.RELAIS_HOST}:${port}`;
  logger.info({ url, database: config.RELAIS_DATABASE_PATH }, 'Relais démarré');
  relais.scheduler.start();
  // `relais demo`, imports and `relais backup restore` write the same SQLite file from another
  // process: open PWAs pull them.
  const watcher = setInterval(() => {
    if (relais.store.noticeExternalWrites()) {
      logger.info('écritures externes détectées : resynchronisation des postes');
      relais.events.resyncAll();
    }
  }, 1000);
  watcher.unref();
  return {
    ...relais,
    server,
    db,
    logger,
    url,
    close: async () => {
      clearInterval(watcher);
      await relais.scheduler.stop();
      await new Promise<void>((resolveClose) => {
        server.close(() => {
          db.$client.close();
          resolveClose();
        });
        // Open pull streams would hold the server open.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
