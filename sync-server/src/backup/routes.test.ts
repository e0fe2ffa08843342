import { readFileSync } from 'node:fs';
import { permissionsOf, roleNames, type Role } from '@relais/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, call, signIn } from '../test-support/auth';
import { backupTestApp, type BackupTestApp } from '../test-support/backup';
import { missionDoc } from '../test-support/fixtures';

interface Case {
  method: string;
  path: string;
  /** Restoring also needs a system administrator. */
  systemAdminOnly?: boolean;
  body?: unknown;
}

/** Every backup route; `:name` is an existing backup. */
const routes: Case[] = [
  { method: 'GET', path: '/admin/backups' },
  { method: 'POST', path: '/admin/backups', body: { description: 'Avant la paie' } },
  { method: 'POST', path: '/admin/backups/cleanup?retention_days=30' },
  { method: 'GET', path: '/admin/backups/download/:name' },
  { method: 'POST', path: '/admin/backups/restore/:name', systemAdminOnly: true },
  { method: 'DELETE', path: '/admin/backups/:name' },
];

let relais: BackupTestApp;
afterEach(() => relais.dispose());

async function setup(role: Role, isSystemAdmin = false) {
  relais = backupTestApp();
  await addUser(relais.auth, { username: 'APPELANT', role, is_system_admin: isSystemAdmin });
  const caller = await signIn(relais.app, 'APPELANT');
  const entry = await relais.backups.create({ description: 'existante', actor: null });
  const path = (template: string) => template.replace(':name', entry.manifest.filename);
  return { caller, entry, path };
}

describe('backup routes × roles', () => {
  for (const role of roleNames) {
    for (const isSystemAdmin of role === 'admin' ? [false, true] : [false]) {
      for (const route of routes) {
        const allowed = isSystemAdmin || (permissionsOf(role).admin_access && !route.systemAdminOnly);
        it(`${role}${isSystemAdmin ? ' (admin système)' : ''} ${route.method} ${route.path}: ${allowed ? 'allowed' : '403'}`, async () => {
          const { caller, path } = await setup(role, isSystemAdmin);
          const response = await call(relais.app, route.method, path(route.path), { token: caller.token, body: route.body });
          if (allowed) {
            expect(response.status, await response.clone().text()).toBe(200);
            return;
          }
          expect(response.status).toBe(403);
          const body = (await response.json()) as { error: { code: string }; detail: string };
          expect(body.error.code).toBe('FORBIDDEN');
          expect(body.detail).toBe(
            permissionsOf(role).admin_access
              ? 'Accès refusé : la restauration est réservée aux administrateurs système.'
              : 'Accès refusé : il vous faut le droit « admin_access ».',
          );
        });
      }
    }
  }

  it('a system administrator of any role may use every route', async () => {
    const { caller, path } = await setup('viewer', true);
    for (const route of routes) {
      const response = await call(relais.app, route.method, path(route.path), { token: caller.token, body: route.body });
      expect(response.status, `${route.method} ${route.path}`).toBe(200);
    }
  });

  it('every route refuses anonymous requests with 401 and a detail', async () => {
    const { path } = await setup('admin', true);
    for (const route of routes) {
      const response = await call(relais.app, route.method, path(route.path), { body: route.body });
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' }, detail: expect.any(String) as string });
    }
  });
});

describe('backup routes, TomatoPlan shapes', () => {
  it('creates (description in JSON or in the query string), lists, downloads and deletes', async () => {
    const { caller } = await setup('admin', true);
    const token = caller.token;
    const created = await call(relais.app, 'POST', '/admin/backups?description=Mon%20backup', { token });
    const body = (await created.json()) as Record<string, unknown>;
    expect(body).toEqual({
      success: true,
      backup_file: expect.stringMatching(/^backup_\d{8}_\d{6}(-\d+)?\.db\.gz$/) as string,
      backup_path: expect.stringContaining(relais.backupDir) as string,
      size_bytes: expect.any(Number) as number,
      created_at: expect.any(String) as string,
    });
    const fromJson = await call(relais.app, 'POST', '/admin/backups', { token, body: { description: 'Par la PWA' } });
    const jsonName = ((await fromJson.json()) as { backup_file: string }).backup_file;

    const listed = (await (await call(relais.app, 'GET', '/admin/backups', { token })).json()) as Record<string, unknown>[];
    expect(listed.map((item) => item['description'])).toEqual(['Par la PWA', 'Mon backup', 'existante']);
    expect(listed[1]).toMatchObject({ filename: body['backup_file'], size_bytes: body['size_bytes'], created_at: body['created_at'], description: 'Mon backup', trigger: 'manual', created_by: 'APPELANT' });

    const download = await call(relais.app, 'GET', `/admin/backups/download/${jsonName}`, { token });
    expect(download.headers.get('content-type')).toBe('application/gzip');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${jsonName}"`);
    expect(Buffer.from(await download.arrayBuffer()).equals(readFileSync(`${relais.backupDir}/${jsonName}`))).toBe(true);

    const deleted = await call(relais.app, 'DELETE', `/admin/backups/${jsonName}`, { token });
    expect(await deleted.json()).toEqual({ success: true, message: `Sauvegarde ${jsonName} supprimée.` });
    expect((await relais.backups.list()).map((entry) => entry.manifest.filename)).not.toContain(jsonName);
    const again = await call(relais.app, 'DELETE', `/admin/backups/${jsonName}`, { token });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 'NOT_FOUND' }, detail: `Sauvegarde introuvable : ${jsonName}.` });

    const cleanup = await call(relais.app, 'POST', '/admin/backups/cleanup?retention_days=30', { token });
    expect(await cleanup.json()).toEqual({ success: true, deleted_count: 0, message: 'Aucune sauvegarde automatique expirée à supprimer.' });
    const badCleanup = await call(relais.app, 'POST', '/admin/backups/cleanup?retention_days=0', { token });
    expect(badCleanup.status).toBe(400);
    expect(await badCleanup.json()).toMatchObject({ detail: expect.stringContaining('retention_days') as string });
  });

  it('restores with TomatoPlan’s answer', async () => {
    const { caller, entry } = await setup('admin', true);
    relais.store.push('missions', [{ newDocumentState: missionDoc() }], { actor: null, source: 'rest' });
    const response = await call(relais.app, 'POST', `/admin/backups/restore/${entry.manifest.filename}`, { token: caller.token });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      success: true,
      restored_from: entry.manifest.filename,
      restored_at: expect.any(String) as string,
      safety_backup: expect.stringMatching(/^backup_.*\.db\.gz$/) as string,
    });
    expect(relais.store.pull('missions', { seq: 0 }, 10).documents.filter((doc) => doc['_deleted'] !== true)).toEqual([]);
  });

  it('answers every refusal with a detail: 404 for an unknown name, 400 for a path', async () => {
    const { caller } = await setup('admin', true);
    const token = caller.token;
    const cases: [string, string, number][] = [
      ['POST', '/admin/backups/restore/backup_20990101_000000.db.gz', 404],
      ['GET', '/admin/backups/download/backup_20990101_000000.db.gz', 404],
      ['DELETE', '/admin/backups/backup_20990101_000000.db.gz', 404],
      ['POST', '/admin/backups/restore/%2e%2e%2fx', 400],
      ['POST', '/admin/backups/restore/..%2F..%2Frelais.db', 400],
      ['POST', '/admin/backups/restore/%2Fetc%2Fpasswd', 400],
      ['GET', '/admin/backups/download/%2e%2e%2frelais.db', 400],
      ['DELETE', '/admin/backups/%2e%2e%2frelais.db', 400],
      ['POST', '/admin/backups/restore/%252e%252e%252fx', 400],
    ];
    for (const [method, path, status] of cases) {
      const response = await call(relais.app, method, path, { token });
      expect(response.status, `${method} ${path}`).toBe(status);
      expect(((await response.json()) as { detail?: string }).detail, `${method} ${path}`).toMatch(/^(Sauvegarde introuvable|Nom de sauvegarde invalide)/);
    }
    const tooLong = await call(relais.app, 'POST', '/admin/backups', { token, body: { description: 'x'.repeat(501) } });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ detail: 'description : 500 caractères au plus' });
  });
});
