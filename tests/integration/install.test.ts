import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInApi } from '../support/auth';
import { defaultWebDist, findFreePort, parseFirstStartAdmin, repoRoot, serverCli } from '../support/server';

const installScript = join(repoRoot, 'scripts', 'install.sh');

/** Our environment without RELAIS_* keys: the installation's .env alone must configure the server. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RELAIS_')));
}

function install(...args: string[]) {
  const result = spawnSync('bash', [installScript, ...args], { cwd: repoRoot, env: cleanEnv(), encoding: 'utf8', timeout: 180_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

interface Started {
  child: ChildProcess;
  url: string;
  output(): string;
}

const running = new Set<ChildProcess>();

/** `<prefix>/bin/relais serve`, from another folder: the command finds its installation's .env itself. */
async function serveFrom(prefix: string, port: number, cwd: string): Promise<Started> {
  const child = spawn(join(prefix, 'bin', 'relais'), ['serve'], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`le serveur installé s'est arrêté (code ${child.exitCode}) :\n${output}`);
    }
    const status = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })
      .then(async (response) => ((await response.json()) as { status?: string }).status)
      .catch(() => undefined);
    if (status === 'ok') {
      return { child, url, output: () => output };
    }
    if (Date.now() > deadline) {
      throw new Error(`/health ne répond pas « ok » :\n${output}`);
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
  }
}

async function stop(server: Started): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((resolveExit) => server.child.once('exit', resolveExit));
    server.child.kill('SIGTERM');
    await exited;
  }
  running.delete(server.child);
}

let root: string;

beforeAll(() => {
  for (const built of [serverCli, join(defaultWebDist, 'index.html')]) {
    if (!existsSync(built)) {
      throw new Error(`${built} est absent : lancez « pnpm build » à la racine du dépôt.`);
    }
  }
  root = mkdtempSync(join(tmpdir(), 'relais-install-'));
});

afterAll(() => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
  rmSync(root, { recursive: true, force: true });
});

describe('scripts/install.sh', () => {
  it('installs a prefix the server runs from; a re-run upgrades the application and keeps data and .env', async () => {
    const prefix = join(root, 'relais');
    const port = await findFreePort();
    const first = install('--prefix', prefix, '--port', String(port), '--admin', 'TESTADMIN');
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain(`Relais est installé dans ${prefix}`);

    // Private where it holds secrets and data; the application and the command readable by the service.
    expect(mode(join(prefix, '.env'))).toBe('600');
    for (const folder of ['data', 'backups', 'logs']) {
      expect(mode(join(prefix, folder)), folder).toBe('700');
    }
    expect(mode(join(prefix, 'bin', 'relais'))).toBe('755');
    expect(existsSync(join(prefix, 'app', 'web', 'dist', 'index.html'))).toBe(true);
    const env = readFileSync(join(prefix, '.env'), 'utf8');
    expect(env).toMatch(new RegExp(`^RELAIS_PORT=${port}$`, 'm'));
    expect(env).toMatch(/^RELAIS_DEFAULT_ADMIN_USERNAME=TESTADMIN$/m);
    expect(env).toContain(`\nRELAIS_DATABASE_PATH=${prefix}/data/relais.db\n`);
    expect(env).toContain(`\nRELAIS_LOG_FILE=${prefix}/logs/server.log\n`);
    expect(env).toMatch(/^# Port HTTP\(S\) de l'API/m);

    const server = await serveFrom(prefix, port, root);
    const page = await fetch(`${server.url}/`);
    expect(await page.text()).toContain('<div id="root">');
    await expect.poll(() => parseFirstStartAdmin(server.output())?.username, { timeout: 10_000 }).toBe('TESTADMIN');
    const password = parseFirstStartAdmin(server.output())?.password ?? '';
    expect((await signInApi(server.url, 'TESTADMIN', password)).must_change_password).toBe(true);
    expect(existsSync(join(prefix, 'data', 'relais.db'))).toBe(true);
    expect(readFileSync(join(prefix, 'logs', 'server.log'), 'utf8')).toContain('Relais démarré');
    await stop(server);

    const again = install('--prefix', prefix, '--port', String(port + 1), '--admin', 'AUTRE');
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain(`configuration existante gardée telle quelle : ${prefix}/.env`);
    expect(readFileSync(join(prefix, '.env'), 'utf8')).toBe(env);
    expect(mode(join(prefix, '.env'))).toBe('600');
    expect(existsSync(join(prefix, 'app.new')) || existsSync(join(prefix, 'app.old'))).toBe(false);

    const upgraded = await serveFrom(prefix, port, root);
    // Same database: no new administrator, the first password still signs in.
    expect((await signInApi(upgraded.url, 'TESTADMIN', password)).user.username).toBe('TESTADMIN');
    expect(parseFirstStartAdmin(upgraded.output())).toBeUndefined();
    await stop(upgraded);
  });

  it('--print-unit: a dedicated user, restart on failure, a hardened sandbox; systemd-analyze accepts it', () => {
    const prefix = '/opt/relais-install-test';
    const printed = install('--prefix', prefix, '--port', '8000', '--print-unit');
    expect(printed).toMatchObject({ status: 0, stderr: '' });
    const unit = printed.stdout;
    for (const line of [
      'User=relais',
      `WorkingDirectory=${prefix}`,
      `ExecStart=${process.execPath} ${prefix}/app/sync-server/dist/cli.js serve`,
      'Restart=on-failure',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      `ReadWritePaths=${prefix}/data ${prefix}/backups ${prefix}/logs`,
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'CapabilityBoundingSet=',
    ]) {
      expect(unit.split('\n'), line).toContain(line);
    }
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute/m);
    expect(existsSync(prefix)).toBe(false);
    // Below 1024, the one capability needed to open the port, and no other.
    const privileged = install('--prefix', prefix, '--port', '443', '--print-unit').stdout.split('\n');
    expect(privileged).toEqual(expect.arrayContaining(['AmbientCapabilities=CAP_NET_BIND_SERVICE', 'CapabilityBoundingSet=CAP_NET_BIND_SERVICE']));

    if (spawnSync('systemd-analyze', ['--version']).status === 0) {
      const file = join(root, 'relais.service');
      writeFileSync(file, unit);
      // verify exits 0 even on an option it cannot parse: it only says so on stderr.
      const verify = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      expect({ status: verify.status, stderr: verify.stderr }).toEqual({ status: 0, stderr: '' });
    }
  });

  it('--help in French (exit 0); an unknown option or a missing prefix: the message and the usage (exit 2)', () => {
    const help = install('--help');
    expect(help).toMatchObject({ status: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage : scripts\/install\.sh --prefix DOSSIER/);
    expect(install('--prefix', join(root, 'x'), '--ports', '80')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^install\.sh : option inconnue : --ports\n\nUsage :/) as string });
    expect(install('--port', '80')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^install\.sh : --prefix est obligatoire\n/) as string });
    expect(install('--prefix', join(root, 'x'), '--port', '70000')).toMatchObject({ status: 2, stderr: expect.stringContaining('port invalide : « 70000 »') as string });
    expect(existsSync(join(root, 'x'))).toBe(false);
  });
});
