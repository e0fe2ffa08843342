import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { annoncesRoutes } from './annonces/routes';
import { adminRoutes } from './auth/admin-routes';
import { backupRoutes } from './backup/routes';
import type { RetentionPolicy } from './backup/retention';
import { createBackupService, type BackupService } from './backup/service';
import { authRoutes } from './auth/routes';
import { createAuthService, type AuthService } from './auth/service';
import { defaultAuthSettings } from './auth/settings';
import { defaultConfig } from './config';
import { createSagesConnector, type SagesConnector } from './connectors/sages/connector';
import { sagesRoutes } from './connectors/sages/routes';
import type { Db } from './db/client';
import { createApiUsage } from './http/api-usage';
import { bodyLimits, kib } from './http/body-limits';
import { answerCompression } from './http/compression';
import { ApiError, sendError } from './http/errors';
import { appSecureHeaders } from './http/secure-headers';
import { recogniseFailure } from './http/unexpected-errors';
import { servePwa } from './http/static';
import { invoicingRoutes } from './invoicing/routes';
import { pttImportJob, type ImportInbox } from './planning/import/job';
import { importBodyLimit, importRoutes } from './planning/import/routes';
import { bulkBodyLimit } from './planning/missions-routes';
import { createLiveHub, type LiveHub } from './planning/live-hub';
import { formatUptime, mountTomatoPlanAdminPages, mountTomatoPlanApi, tomatoPlanPrefixes } from './planning/tomatoplan-routes';
import { logRingOf, type Logger } from './logger';
import { createReplicationEvents, type ReplicationEvents } from './replication/events';
import { pushBodyLimit, replicationRoutes } from './replication/routes';
import { createReplicationStore, type ReplicationStore } from './replication/store';
import { defaultStreamLimits, type StreamLimits } from './replication/stream-limits';
import { version } from './version';
import { createLogRing, type LogRing } from './admin/log-ring';
import { logStreamRoutes } from './admin/log-routes';
import { createServerFacts } from './admin/server-facts';
import { createStreamRegistry } from './replication/stream-registry';
import { createJobScheduler } from './scheduler/jobs';
import { jobRoutes } from './scheduler/routes';
import type { Scheduler } from './scheduler/scheduler';
import { applyRuntimeChanges } from './settings/apply';
import { configRoutes } from './settings/routes';
import { wmsRoutes } from './connectors/wms/routes';
import { createWmsService, type WmsService } from './connectors/wms/service';
import { createSecretBox, resolveSecretKey, type SecretBox } from './secrets/secret-box';
import { createRuntimeConfig, type RuntimeConfig } from './settings/runtime-config';
import { serverWriteGuards } from './write-rules';

export interface AppDeps {
  db: Db;
  logger: Logger;
  /** Folder of the built PWA; the app serves no pages when it is absent. */
  webDist?: string | undefined;
  /** Sign-in and sessions; by default one with the documented settings, a key of its own and no mailer. */
  auth?: AuthService | undefined;
  /** The clock deciding which planning days are past (tests move it). */
  now?: (() => Date) | undefined;
  /** The configuration in force, with the settings changed by administrators; by default the documented defaults. */
  runtime?: RuntimeConfig | undefined;
  /** The recurring jobs; by default every module's, on `runtime`'s schedules, not started. */
  scheduler?: Scheduler | undefined;
  /** Bounds of the live pull streams (queue bytes, streams per session and in total); documented defaults otherwise. */
  streamLimits?: Partial<StreamLimits> | undefined;
  /** Where the database backups go; without it, no `/admin/backups` routes. */
  backups?: { dir: string; retention: RetentionPolicy; pagesPerStep?: number } | undefined;
  /** The recent log lines (console's live tail, errors of the day); by default the logger's own, if it keeps them. */
  logRing?: LogRing | undefined;
  /** Seals the connectors' secrets; by default one with a key of its own (secrets do not survive a restart). */
  secrets?: SecretBox | undefined;
}

export interface RelaisApp {
  app: Hono;
  store: ReplicationStore;
  events: ReplicationEvents;
  auth: AuthService;
  runtime: RuntimeConfig;
  scheduler: Scheduler;
  backups: BackupService | undefined;
  /** TomatoPlan's live channel; `server.ts` serves it on `/ws`. */
  liveHub: LiveHub;
  wms: WmsService;
  sages: SagesConnector;
}

/** The whole HTTP surface of the sync server, without listening (tests call `app.request`). */
export function createApp({ db, logger, webDist, auth = createAuthService({ db, logger, settings: defaultAuthSettings() }), now, streamLimits, backups: backupSettings, ...deps }: AppDeps): RelaisApp {
  const runtime = deps.runtime ?? createRuntimeConfig({ db, base: defaultConfig(), logger });
  const events = createReplicationEvents();
  // The invoicing guard takes document numbers: it stays last, so no later guard refuses a numbered document.
  const store = createReplicationStore(db, events, { guards: serverWriteGuards(db.$client, { now }) });
  const backups = backupSettings ? createBackupService({ db, logger, store, events, ...backupSettings }) : undefined;
  // One secrets service for both connectors.
  const secrets = deps.secrets ?? createSecretBox(resolveSecretKey(undefined, ':memory:'));
  const sages = createSagesConnector({ db, logger, secrets, now });
  const scheduler = deps.scheduler ?? createJobScheduler({ db, logger, runtime, now, backups, sages });
  applyRuntimeChanges({ runtime, logger, auth, scheduler });
  const importInbox: ImportInbox = new Map();
  scheduler.register(pttImportJob({ db, store, inbox: importInbox, events }));
  const limits = { ...defaultStreamLimits, ...streamLimits };
  const liveHub = createLiveHub({ events, auth, logger, limits });
  const wms = createWmsService({ db, secrets, scheduler, logger, timezone: () => runtime.current().RELAIS_JOBS_TIMEZONE });
  const startedAt = Date.now();
  const logRing = deps.logRing ?? logRingOf(logger) ?? createLogRing();
  const clients = createStreamRegistry();
  const serverFacts = createServerFacts({ db, scheduler, backups, clients, logs: logRing, startedAt: new Date(startedAt) });
  const app = new Hono();
  // First, so that every answer carries them: API, PWA, /docs, and errors.
  app.use('*', appSecureHeaders(auth.fromTrustedProxy));
  const apiUsage = createApiUsage();
  app.use('*', apiUsage.middleware);
  // JSON answers gzipped for the clients that accept it; the PWA's files are sent precompressed.
  app.use('*', answerCompression());

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return sendError(c, error.code, error.message, error.details, error.status);
    }
    if (error instanceof HTTPException) {
      return sendError(c, 'BAD_REQUEST', error.message);
    }
    const failure = recogniseFailure(error);
    if (failure) {
      logger.warn({ err: error, path: c.req.path, code: failure.code }, 'requête refusée');
      const tomatoPlan = tomatoPlanPrefixes.some((prefix) => c.req.path === prefix || c.req.path.startsWith(`${prefix}/`));
      return sendError(c, failure.code, failure.message, failure.details, failure.invalidInput && tomatoPlan ? 422 : undefined);
    }
    logger.error({ err: error, path: c.req.path }, 'erreur interne');
    return sendError(c, 'INTERNAL', 'Erreur interne du serveur');
  });
  app.notFound((c) => sendError(c, 'NOT_FOUND', `Route inconnue : ${c.req.method} ${c.req.path}`));

  // Before every route: no body is read past its limit (see http/body-limits.ts).
  app.use(
    '*',
    bodyLimits([
      { path: /^\/api\/replication\/[^/]+\/push\/?$/, ...pushBodyLimit },
      { path: /^\/admin\/import(\/|$)/, ...importBodyLimit },
      { path: /^\/missions\/bulk\/?$/, ...bulkBodyLimit },
      // Sign-in bodies are a name, a password and a host name: anything bigger only costs memory.
      { path: /^\/auth(\/|$)/, maxSize: 16 * kib, message: 'Requête de connexion trop volumineuse : 16 Ko au plus.' },
    ]),
  );

  app.get('/health', (c) => {
    let databaseOk = false;
    try {
      databaseOk = db.$client.prepare('SELECT 1 AS ok').get() !== undefined;
    } catch (error) {
      logger.error({ err: error }, 'base de données indisponible');
    }
    return c.json(
      {
        status: databaseOk ? 'ok' : 'degraded',
        healthy: databaseOk,
        timestamp: new Date().toISOString(),
        version,
        uptime: Math.round((Date.now() - startedAt) / 1000),
        uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
        uptime_formatted: formatUptime(Math.floor((Date.now() - startedAt) / 1000)),
        database: { ok: databaseOk },
      },
      databaseOk ? 200 : 503,
    );
  });

  // TomatoPlan's paths, kept for its clients (so the PWA has no pages under /auth, /admin, /stats).
  mountTomatoPlanAdminPages(app);
  app.route('/auth', authRoutes(auth));
  if (backups) {
    app.route('/admin/backups', backupRoutes(auth, backups));
  }
  // Before `/admin`: `/admin/logs` is the activity log, its `/stream` the server's live log.
  app.route('/admin/logs/stream', logStreamRoutes(auth, logRing));
  app.route('/admin', adminRoutes(auth, db));
  app.route('/admin/jobs', jobRoutes({ auth, scheduler, runtime }));
  app.route('/admin/wms', wmsRoutes(auth, wms));
  app.route('/admin/config', configRoutes({ auth, runtime, scheduler }));
  app.route('/admin/import', importRoutes({ auth, scheduler, inbox: importInbox }));
  app.route('/api/replication', replicationRoutes({ store, events, logger, auth, streamLimits, clients }));
  app.route('/annonces', annoncesRoutes({ auth, db, logger, now }));
  app.route('/api/invoicing', invoicingRoutes({ auth, db, store, logger, now }));
  app.route('/api/sages', sagesRoutes({ auth, db, sages, scheduler }));
  // Missions, voyages, chauffeurs, subcontractors, finance, stats and the API docs.
  mountTomatoPlanApi(app, { db, store, auth, now, serverFacts, liveHub, apiUsage, startedAt });
  for (const prefix of ['/api/*', '/auth/*', '/admin/*', '/stats/*', '/annonces/*']) {
    app.all(prefix, (c) => sendError(c, 'NOT_FOUND', `Route inconnue : ${c.req.method} ${c.req.path}`));
  }

  if (webDist && !servePwa(app, webDist)) {
    logger.warn({ webDist }, "PWA non construite : lancez 'pnpm build' pour la servir");
  }
  return { app, store, events, auth, runtime, scheduler, backups, liveHub, wms, sages };
}
