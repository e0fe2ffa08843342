import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverCli } from '../support/server';

let workDir: string;

beforeAll(() => {
  if (!existsSync(serverCli)) {
    throw new Error(`Serveur non construit : ${serverCli} est absent. Lancez « pnpm build ».`);
  }
  workDir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** The built `relais` command, in a folder without `.env`, on a database of that folder. */
function relais(...args: string[]) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('RELAIS_')) {
      env[key] = value;
    }
  }
  const result = spawnSync(process.execPath, [serverCli, ...args], {
    cwd: workDir,
    env: { ...env, RELAIS_DATABASE_PATH: join(workDir, 'relais.db'), RELAIS_LOG_FILE: '', RELAIS_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Which text goes with which command line is unit-tested (sync-server/src/cli/help.test.ts); here, the
// wiring of the built command: streams, exit codes, nothing opened before the command line is valid.
describe('relais --help and usage errors', () => {
  it('--help prints the usage on stdout and exits 0 without starting anything', () => {
    const result = relais('serve', '--help');
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage : relais serve\n/);
    expect(existsSync(join(workDir, 'relais.db'))).toBe(false);
  });

  it('an unknown subcommand or option: French message and usage on stderr, exit 2', () => {
    const subcommand = relais('user', 'supprimer', 'paul');
    expect(subcommand).toMatchObject({ status: 2, stdout: '' });
    expect(subcommand.stderr).toMatch(/^Sous-commande inconnue : relais user supprimer\n\nUsage : relais user /);
    const option = relais('user', 'list', '--port', '80');
    expect(option).toMatchObject({ status: 2, stdout: '' });
    expect(option.stderr).toMatch(/^Option inconnue : --port\n\nUsage : relais user /);
    expect(existsSync(join(workDir, 'relais.db'))).toBe(false);
  });
});

describe('relais user set-role', () => {
  it('changes a role (exit 0), refuses an unknown role in French (exit 1), a short line with the usage (exit 2)', () => {
    const added = relais('user', 'add', 'marie', '--role', 'viewer');
    expect(added.status, added.stderr).toBe(0);
    const changed = relais('user', 'set-role', 'marie', 'planner_advanced');
    expect(changed).toMatchObject({ status: 0, stdout: 'Rôle de MARIE : viewer → planner_advanced (Planificateur avancé).\n', stderr: '' });

    const unknownRole = relais('user', 'set-role', 'marie', 'chef');
    expect(unknownRole).toMatchObject({ status: 1, stdout: '' });
    expect(unknownRole.stderr).toBe('Rôle inconnu « chef » : viewer, planner, planner_advanced, driver_admin, finance, analyse, admin.\n');
    expect(relais('user', 'set-role', 'marie')).toMatchObject({ status: 2, stderr: expect.stringContaining('set-role <identifiant> <rôle>') as string });
  });
});
