import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in tests/support/). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The built server and PWA the harness runs; `pnpm build` produces both. */
export const serverCli = join(repoRoot, 'sync-server', 'dist', 'cli.js');
export const defaultWebDist = join(repoRoot, 'web', 'dist');

export interface StartTestServerOptions {
  /** Folder of the built PWA; `$E2E_WEB_DIST` if set, else `web/dist`. */
  webDist?: string;
  /** `RELAIS_LOG_LEVEL` of the child; `info` by default (its output is only shown on failure). */
  logLevel?: string;
  /** How long to wait for `/health` to answer `ok`; 30 s by default. */
  startTimeoutMs?: number;
  /** More `RELAIS_*` settings of the child (e.g. the SMTP server and the roles that need a code). */
  env?: Record<string, string>;
}

export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** The temporary folder holding the database and the log file; removed by `stop()`. */
  dataDir: string;
  databasePath: string;
  logFile: string;
  /** The administrator created at first start (`RELAIS_DEFAULT_ADMIN_USERNAME`, `ADMIN` by default). */
  adminUsername: string;
  /** Its one-time password, as the server printed it; to be changed at the first sign-in. */
  adminPassword: string;
  /** What the server wrote to stdout/stderr and to its log file (the last 64 KiB of each), for diagnostics. */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its temporary folder. Idempotent. */
  stop(): Promise<void>;
  /**
   * Kills the server process itself (not its watchdog) with SIGKILL, as a crash or the OOM killer would:
   * no shutdown code runs. The folder stays, for `restart()`.
   */
  kill(): Promise<void>;
  /** Starts the server again on the same folder and port (after `kill()`), once `/health` answers. */
  restart(): Promise<void>;
}

const maxOutput = 64 * 1024;
const live = new Set<{ child: ChildProcess; dataDir: string }>();
let exitHookInstalled = false;

/**
 * Runs the server as its own child and stops it (SIGTERM, then SIGKILL after 3 s) as soon as its stdin
 * closes, i.e. when the test process goes away, even killed with SIGKILL: no server outlives a test run,
 * and an orphaned server's temporary folder is removed. Signals are forwarded; it exits with the server's
 * code. Arguments: the server's CLI, the temporary folder.
 */
const watchdog = `
const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const [cli, dataDir] = process.argv.slice(1);
const server = spawn(process.execPath, [cli, 'serve'], { stdio: ['ignore', 'inherit', 'inherit'] });
// The test may kill the server itself (TestServer.kill).
process.send?.({ serverPid: server.pid });
let orphaned = false;
const alive = () => server.exitCode === null && server.signalCode === null;
const stop = (signal) => {
  if (alive()) {
    server.kill(signal);
    setTimeout(() => alive() && server.kill('SIGKILL'), 3000).unref();
  }
};
const orphan = () => {
  orphaned = true;
  stop('SIGTERM');
};
process.stdin.on('end', orphan);
process.stdin.on('error', orphan);
process.stdin.resume();
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
server.on('exit', (code, signal) => {
  if (orphaned) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(code ?? (signal ? 1 : 0));
});
`;

/** Stops every server still running when the test process exits normally (the watchdog covers the rest). */
function installExitHook(): void {
  if (exitHookInstalled) {
    return;
  }
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const entry of live) {
      if (entry.child.exitCode === null && entry.child.signalCode === null) {
        entry.child.kill('SIGTERM');
      }
      rmSync(entry.dataDir, { recursive: true, force: true });
    }
    live.clear();
  });
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it when listening on port 0). */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolvePort(port) : reject(new Error('findFreePort : aucun port attribué'))));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}

/** The line `ensureDefaultAdmin` prints once, on first start (sync-server/src/auth/bootstrap.ts). */
const firstStartLine = /compte administrateur « ([^»]+) » créé avec le mot de passe provisoire « ([^»\s]+) »/;

/** The administrator and one-time password announced by the server, if it has printed them. */
export function parseFirstStartAdmin(output: string): { username: string; password: string } | undefined {
  const match = firstStartLine.exec(output);
  return match?.[1] && match[2] ? { username: match[1], password: match[2] } : undefined;
}

function tail(text: string): string {
  return text.length > maxOutput ? text.slice(-maxOutput) : text;
}

/** The environment of the child: ours without any RELAIS_* key, so a developer's settings cannot leak in. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('RELAIS_') && value !== undefined) {
      env[key] = value;
    }
  }
  return { ...env, ...extra };
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolveExit(false);
    }, timeoutMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolveExit(true);
    };
    child.once('exit', onExit);
  });
}

/**
 * Starts the built sync server (`node sync-server/dist/cli.js serve`) as a child process on a free port
 * of 127.0.0.1, with a fresh SQLite database and log file in a temporary folder, and resolves once
 * `GET /health` answers `{ status: 'ok' }`. Always call `stop()` (e.g. in `afterAll`); the child is also
 * killed when the test process exits.
 */
export async function startTestServer(options: StartTestServerOptions = {}): Promise<TestServer> {
  const webDist = resolve(options.webDist ?? (process.env.E2E_WEB_DIST || defaultWebDist));
  if (!existsSync(serverCli)) {
    throw new Error(`Serveur non construit : ${serverCli} est absent. Lancez « pnpm build » à la racine du dépôt.`);
  }
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error(`PWA non construite : ${join(webDist, 'index.html')} est absent. Lancez « pnpm build » à la racine du dépôt.`);
  }
  installExitHook();

  let lastError: unknown;
  // The free port may be taken between the probe and the child's listen: retry with another one.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      return await launch(webDist, options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof Error && error.message.includes('EADDRINUSE'))) {
        throw error;
      }
    }
  }
  throw lastError;
}

async function launch(webDist: string, options: StartTestServerOptions): Promise<TestServer> {
  const port = await findFreePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'relais-test-'));
  const databasePath = join(dataDir, 'relais.db');
  const logFile = join(dataDir, 'server.log');
  const url = `http://127.0.0.1:${port}`;

  let stdout = '';
  let stderr = '';
  // Kept apart from the tails above, which may drop it on a verbose start.
  let admin: { username: string; password: string } | undefined;
  let serverPid: number | undefined;
  const spawnWatchdog = (): ChildProcess => {
    serverPid = undefined;
    const child = spawn(process.execPath, ['-e', watchdog, serverCli, dataDir], {
      // A temporary cwd: no `.env` of the repository is read, and nothing is written beside the sources.
      cwd: dataDir,
      env: childEnv({
        RELAIS_HOST: '127.0.0.1',
        RELAIS_PORT: String(port),
        RELAIS_DATABASE_PATH: databasePath,
        RELAIS_LOG_FILE: logFile,
        RELAIS_LOG_LEVEL: options.logLevel ?? 'info',
        RELAIS_WEB_DIST: webDist,
        ...options.env,
      }),
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    // The channel only carries the server's pid: it must not keep the test process alive.
    child.channel?.unref();
    child.on('message', (message: { serverPid?: unknown }) => {
      serverPid = typeof message.serverPid === 'number' ? message.serverPid : serverPid;
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = tail(stdout + chunk);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      admin ??= parseFirstStartAdmin(stderr.slice(-1000) + chunk);
      stderr = tail(stderr + chunk);
    });
    return child;
  };
  const entry = { child: spawnWatchdog(), dataDir };
  live.add(entry);

  const output = (): string => {
    let log: string;
    try {
      log = existsSync(logFile) ? tail(readFileSync(logFile, 'utf8')) : '';
    } catch {
      log = '(journal illisible)';
    }
    return [`--- stdout ---\n${stdout}`, `--- stderr ---\n${stderr}`, `--- ${logFile} ---\n${log}`].join('\n');
  };

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      const child = entry.child;
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.end();
        child.kill('SIGTERM');
        if (!(await waitForExit(child, 10_000))) {
          child.kill('SIGKILL');
          await waitForExit(child, 5000);
        }
      }
      live.delete(entry);
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    })();
    return stopped;
  };

  /** Polls `/health` until it answers `ok` (and, on a first start, until the admin's password is printed). */
  const waitUntilReady = async (firstStart: boolean): Promise<void> => {
    const child = entry.child;
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    let lastProblem: string;
    try {
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`Le serveur s'est arrêté au démarrage (code ${child.exitCode ?? child.signalCode}).`);
        }
        try {
          const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
          const body = (await response.json()) as { status?: unknown };
          if (response.ok && body.status === 'ok') {
            break;
          }
          lastProblem = `HTTP ${response.status} ${JSON.stringify(body)}`;
        } catch (error) {
          lastProblem = error instanceof Error ? error.message : String(error);
        }
        if (Date.now() > deadline) {
          throw new Error(`/health ne répond pas « ok » après ${timeoutMs} ms (${lastProblem}).`);
        }
        await delay(100);
      }
      // Printed before listening, but the pipe may deliver it just after /health answers.
      while (firstStart && admin === undefined) {
        if (Date.now() > deadline) {
          throw new Error('le mot de passe provisoire de l’administrateur n’a pas été affiché au premier démarrage.');
        }
        await delay(50);
      }
    } catch (error) {
      const diagnostics = output();
      await stop();
      throw new Error(`startTestServer : ${error instanceof Error ? error.message : String(error)}\n${diagnostics}`, { cause: error });
    }
  };

  const kill = async (): Promise<void> => {
    const child = entry.child;
    const deadline = Date.now() + 5000;
    while (serverPid === undefined && child.exitCode === null && Date.now() < deadline) {
      await delay(10);
    }
    if (serverPid === undefined) {
      throw new Error('kill : le processus du serveur est inconnu (le superviseur ne l’a pas annoncé).');
    }
    process.kill(serverPid, 'SIGKILL');
    if (!(await waitForExit(child, 10_000))) {
      throw new Error(`kill : le serveur (pid ${serverPid}) ne s'est pas arrêté.\n${output()}`);
    }
  };

  const restart = async (): Promise<void> => {
    if (stopped !== undefined) {
      throw new Error('restart : le serveur a été arrêté et son dossier supprimé.');
    }
    if (entry.child.exitCode === null && entry.child.signalCode === null) {
      throw new Error('restart : le serveur tourne encore (appelez kill() d’abord).');
    }
    entry.child = spawnWatchdog();
    await waitUntilReady(false);
  };

  await waitUntilReady(true);
  if (admin === undefined) {
    throw new Error('startTestServer : administrateur inconnu');
  }
  return { url, dataDir, databasePath, logFile, adminUsername: admin.username, adminPassword: admin.password, output, stop, kill, restart };
}
