import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { authEventRows, authTestApp, call, signIn } from '../test-support/auth';
import { ensureDefaultAdmin } from './bootstrap';
import { jwtSecretPath, resolveJwtSecret } from './jwt-secret';
import { passwordPolicyIssues } from './password';
import { createAuthService } from './service';
import { defaultAuthSettings } from './settings';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('first start', () => {
  it('creates the default administrator once, with a one-time password printed once in French', async () => {
    const relais = authTestApp({ settings: { defaultAdminUsername: 'societe\\chef' } });
    const printed: string[] = [];
    const password = await ensureDefaultAdmin(relais.auth, (line) => printed.push(line));
    expect(password).toBeDefined();
    expect(passwordPolicyIssues(password ?? '')).toEqual([]);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(`Premier démarrage : compte administrateur « CHEF » créé avec le mot de passe provisoire « ${password} »`);

    expect(await ensureDefaultAdmin(relais.auth, (line) => printed.push(line))).toBeUndefined();
    expect(printed).toHaveLength(1);
    expect(relais.auth.repo.countUsers()).toBe(1);
    expect(relais.auth.repo.userByUsername('CHEF')).toMatchObject({ role: 'admin', is_system_admin: true, is_active: true, must_change_password: true });
    expect(authEventRows(relais.db).map((event) => event.action)).toEqual(['user_created']);

    const { body, token } = await signIn(relais.app, 'chef', password);
    expect(body.must_change_password).toBe(true);
    expect(body.user.permissions).toMatchObject({ admin_access: true, manage_rights: true, view_sauron: true });
    expect((await call(relais.app, 'GET', '/admin/users', { token })).status).toBe(403);
  });

  it('keeps the one-time password out of the log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const auth = createAuthService({ db: openDatabase(':memory:'), logger, settings: defaultAuthSettings({ passwordHashCost: 10 }) });
    const password = await ensureDefaultAdmin(auth, () => undefined);
    expect(password).toBeDefined();
    expect(lines.join('')).toContain('compte administrateur');
    expect(lines.join('')).not.toContain(password!);
  });

  it('seeds nothing when a user exists', async () => {
    const db = openDatabase(':memory:');
    const auth = createAuthService({ db, logger: pino({ level: 'silent' }), settings: defaultAuthSettings({ passwordHashCost: 10 }) });
    const at = auth.iso();
    auth.repo.insertUser({ username: 'DEJA', display_name: 'Déjà là', role: 'viewer', created_at: at, updated_at: at });
    expect(await ensureDefaultAdmin(auth, () => undefined)).toBeUndefined();
    expect(auth.repo.userByUsername('ADMIN')).toBeUndefined();
  });
});

describe('JWT signing key', () => {
  it('uses RELAIS_JWT_SECRET when set', () => {
    expect(Buffer.from(resolveJwtSecret('x'.repeat(40), '/nowhere/relais.db')).toString()).toBe('x'.repeat(40));
  });

  it('otherwise generates one beside the database, mode 0600, and reuses it on the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-secret-'));
    dirs.push(dir);
    const database = join(dir, 'data', 'relais.db');
    const first = resolveJwtSecret(undefined, database);
    const path = jwtSecretPath(database);
    expect(path).toBe(join(dir, 'data', 'jwt-secret'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/^[\w-]{86}$/);
    expect(Buffer.from(resolveJwtSecret(undefined, database))).toEqual(Buffer.from(first));
  });
});
