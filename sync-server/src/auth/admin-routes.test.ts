import { permissionsOf, roleNames, type Permission, type Role } from '@relais/domain';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { addUser, authTestApp, call, signIn, strongPassword } from '../test-support/auth';
import { missionDoc } from '../test-support/fixtures';

interface Case {
  method: string;
  path: string;
  permission: Permission;
  body?: unknown;
}

/** Every admin route with the permission it needs; `:target` is another user, `:sid` their session. */
const routes: Case[] = [
  { method: 'GET', path: '/admin/users?active_only=true', permission: 'manage_rights' },
  { method: 'POST', path: '/admin/users', permission: 'manage_rights', body: { username: 'DOM\\nouveau', display_name: 'Nouveau', email: 'nouveau@relais.test', role_name: 'viewer', is_active: true } },
  { method: 'PUT', path: '/admin/users/:target', permission: 'manage_rights', body: { display_name: 'Renommé', role_name: 'planner' } },
  { method: 'DELETE', path: '/admin/users/:target', permission: 'manage_rights' },
  { method: 'POST', path: '/admin/users/:target/reset-password', permission: 'manage_rights' },
  { method: 'GET', path: '/admin/roles', permission: 'manage_rights' },
  { method: 'GET', path: '/admin/sessions', permission: 'admin_access' },
  { method: 'POST', path: '/admin/sessions/:sid/kick', permission: 'admin_access' },
  { method: 'POST', path: '/admin/sessions/kick-all', permission: 'admin_access' },
  { method: 'POST', path: '/admin/sessions/disconnect/DOM\\cible', permission: 'admin_access' },
  { method: 'GET', path: '/admin/logs?limit=10', permission: 'view_sauron' },
  { method: 'GET', path: '/stats/activity/recent?limit=5', permission: 'view_sauron' },
  { method: 'GET', path: '/admin/security', permission: 'admin_access' },
];

/** An app with the caller (of the given role) and a target user with an open session. */
async function setup(role: Role, isSystemAdmin = false) {
  const relais = authTestApp();
  await addUser(relais.auth, { username: 'APPELANT', role, is_system_admin: isSystemAdmin });
  const target = await addUser(relais.auth, { username: 'CIBLE', email: 'cible@relais.test', role: 'viewer' });
  const caller = await signIn(relais.app, 'appelant');
  const targetSession = await signIn(relais.app, 'cible');
  const sid = String(decodeJwt(targetSession.token)['sid']);
  const path = (template: string) => template.replace(':target', String(target.id)).replace(':sid', sid);
  return { ...relais, caller, target, targetSession, path };
}

describe('admin routes × roles', () => {
  for (const role of roleNames) {
    for (const route of routes) {
      const allowed = permissionsOf(role)[route.permission];
      it(`${role} ${route.method} ${route.path}: ${allowed ? 'allowed' : '403'}`, async () => {
        const { app, caller, path } = await setup(role);
        const response = await call(app, route.method, path(route.path), { token: caller.token, body: route.body });
        if (allowed) {
          expect(response.status, await response.clone().text()).toBeLessThan(300);
        } else {
          expect(response.status).toBe(403);
          expect(await response.json()).toMatchObject({
            error: { code: 'FORBIDDEN', details: { permission: route.permission } },
            detail: `Accès refusé : il vous faut le droit « ${route.permission} ».`,
          });
        }
      });
    }
  }

  it('a system administrator of any role may use every route', async () => {
    for (const route of routes) {
      const { app, caller, path } = await setup('viewer', true);
      const response = await call(app, route.method, path(route.path), { token: caller.token, body: route.body });
      expect(response.status, `${route.method} ${route.path}`).toBeLessThan(300);
    }
  });

  it('every route refuses anonymous requests with 401', async () => {
    const { app, path } = await setup('admin');
    for (const route of routes) {
      const response = await call(app, route.method, path(route.path), { body: route.body });
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' }, detail: expect.any(String) as string });
    }
  });
});

describe('user administration', () => {
  it('creates a user with a normalized name and a one-time password; refuses duplicates and unknown roles', async () => {
    const { app, caller } = await setup('admin');
    const created = await call(app, 'POST', '/admin/users', { token: caller.token, body: { username: 'DOM\\paul.martin', display_name: 'Paul Martin', email: 'paul@relais.test', role_name: 'planner', is_active: true } });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: number; username: string; temp_password: string };
    expect(user).toMatchObject({ username: 'PAUL.MARTIN', display_name: 'Paul Martin', role: 'planner', role_name: 'planner', is_active: true, is_system_admin: false, must_change_password: true, temp_password: expect.stringMatching(/^\w{12}$/) as string });
    expect(user).not.toHaveProperty('password_hash');
    const signedIn = await signIn(app, 'paul.martin', user.temp_password);
    expect(signedIn.body.must_change_password).toBe(true);

    const duplicate = await call(app, 'POST', '/admin/users', { token: caller.token, body: { username: 'paul.martin', display_name: 'Autre', role_name: 'viewer', is_active: true } });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({ error: { code: 'CONFLICT' }, detail: "L'utilisateur PAUL.MARTIN existe déjà." });
    const badRole = await call(app, 'POST', '/admin/users', { token: caller.token, body: { username: 'x', display_name: 'X', role_name: 'chef', is_active: true } });
    expect(badRole.status).toBe(400);
    expect(await badRole.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('updates, deactivates (closing sessions, keeping the row) and lists with active_only', async () => {
    const { app, caller, target, targetSession } = await setup('admin');
    const updated = await call(app, 'PUT', `/admin/users/${target.id}`, { token: caller.token, body: { display_name: 'Cible Renommée', role_name: 'finance', email: null } });
    expect(await updated.json()).toMatchObject({ display_name: 'Cible Renommée', role: 'finance', email: null });
    const me = await call(app, 'GET', '/auth/me', { token: targetSession.token });
    expect(await me.json()).toMatchObject({ role: 'finance', permissions: { view_finance: true } });

    const removed = await call(app, 'DELETE', `/admin/users/${target.id}`, { token: caller.token });
    expect(await removed.json()).toMatchObject({ success: true });
    expect((await call(app, 'GET', '/auth/me', { token: targetSession.token })).status).toBe(401);
    expect((await call(app, 'POST', '/auth/login', { body: { username: 'cible', password: strongPassword } })).status).toBe(403);
    const active = (await (await call(app, 'GET', '/admin/users?active_only=true', { token: caller.token })).json()) as { username: string }[];
    const all = (await (await call(app, 'GET', '/admin/users', { token: caller.token })).json()) as { username: string }[];
    expect(active.map((user) => user.username)).toEqual(['APPELANT']);
    expect(all.map((user) => user.username)).toEqual(['APPELANT', 'CIBLE']);
    expect((await call(app, 'PUT', '/admin/users/999', { token: caller.token, body: {} })).status).toBe(404);
  });

  it('resets a password: the old one stops working, the account is unlocked, sessions close', async () => {
    const { app, caller, target, targetSession, auth } = await setup('admin');
    auth.repo.updateUser(target.id, { locked_until: new Date(Date.now() + 3_600_000).toISOString(), failed_attempts: 3 });
    const reset = await call(app, 'POST', `/admin/users/${target.id}/reset-password`, { token: caller.token });
    const body = (await reset.json()) as { success: boolean; temp_password: string; message: string };
    expect(body).toMatchObject({ success: true, message: expect.stringContaining('CIBLE') as string });
    expect((await call(app, 'GET', '/auth/me', { token: targetSession.token })).status).toBe(401);
    expect((await call(app, 'POST', '/auth/login', { body: { username: 'cible', password: strongPassword } })).status).toBe(401);
    expect((await signIn(app, 'cible', body.temp_password)).body.must_change_password).toBe(true);
  });

  it('protects system administrators: only one may touch another, nobody removes the last one or themselves', async () => {
    const { app, caller, auth } = await setup('admin');
    const root = await addUser(auth, { username: 'ROOT', role: 'admin', is_system_admin: true });
    const self = auth.repo.userByUsername('APPELANT');
    for (const [method, path, body] of [
      ['PUT', `/admin/users/${root.id}`, { display_name: 'Pris' }],
      ['POST', `/admin/users/${root.id}/reset-password`, undefined],
      ['DELETE', `/admin/users/${root.id}`, undefined],
      ['PUT', `/admin/users/${self?.id}`, { is_system_admin: true }],
    ] as const) {
      const response = await call(app, method, path, { token: caller.token, body });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/administrateur système/);
    }
    const rootSession = await signIn(app, 'root');
    const selfDisable = await call(app, 'DELETE', `/admin/users/${root.id}`, { token: rootSession.token });
    expect(selfDisable.status).toBe(409);
    const promote = await call(app, 'PUT', `/admin/users/${self?.id}`, { token: rootSession.token, body: { is_system_admin: true } });
    expect(await promote.json()).toMatchObject({ is_system_admin: true });
    expect((await call(app, 'DELETE', `/admin/users/${root.id}`, { token: caller.token })).status).toBe(200);
    const last = await call(app, 'PUT', `/admin/users/${self?.id}`, { token: caller.token, body: { is_system_admin: false } });
    expect(last.status).toBe(409);
  });

  it('lists the seven roles with their labels and permission maps', async () => {
    const { app, caller } = await setup('admin');
    const roles = (await (await call(app, 'GET', '/admin/roles', { token: caller.token })).json()) as { name: string; label: string; permissions: Record<string, boolean> }[];
    expect(roles.map((role) => role.name)).toEqual([...roleNames]);
    expect(roles.find((role) => role.name === 'viewer')).toEqual({ id: 1, name: 'viewer', description: 'Consultation', label: 'Consultation', permissions: permissionsOf('viewer') });
  });
});

describe('session administration', () => {
  it('lists open sessions, kicks one (its next request fails), kicks all but the caller, disconnects a user', async () => {
    const { app, caller, targetSession, path } = await setup('admin');
    const sessions = (await (await call(app, 'GET', '/admin/sessions', { token: caller.token })).json()) as { username: string; hostname: string; is_current: boolean }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.find((session) => session.is_current)).toMatchObject({ username: 'APPELANT', hostname: 'PC-TEST' });

    const kicked = await call(app, 'POST', path('/admin/sessions/:sid/kick'), { token: caller.token });
    expect(await kicked.json()).toMatchObject({ success: true, count: 1 });
    expect((await call(app, 'GET', '/auth/me', { token: targetSession.token })).status).toBe(401);
    expect((await call(app, 'POST', '/admin/sessions/inconnue/kick', { token: caller.token })).status).toBe(404);

    const again = await signIn(app, 'cible');
    const all = await call(app, 'POST', '/admin/sessions/kick-all', { token: caller.token });
    expect(await all.json()).toMatchObject({ success: true, count: 1 });
    expect((await call(app, 'GET', '/auth/me', { token: again.token })).status).toBe(401);
    expect((await call(app, 'GET', '/auth/me', { token: caller.token })).status).toBe(200);

    const third = await signIn(app, 'cible');
    const disconnected = await call(app, 'POST', `/admin/sessions/disconnect/${encodeURIComponent('DOM\\cible')}`, { token: caller.token });
    expect(await disconnected.json()).toMatchObject({ success: true, count: 1 });
    expect((await call(app, 'GET', '/auth/me', { token: third.token })).status).toBe(401);
    expect((await call(app, 'POST', '/admin/sessions/disconnect/personne', { token: caller.token })).status).toBe(404);
  });
});

describe('system administrators’ sessions', () => {
  it('only a system administrator may kick or disconnect them; kick-all by another admin leaves them open', async () => {
    const { app, caller, auth, targetSession } = await setup('admin');
    await addUser(auth, { username: 'ROOT', role: 'admin', is_system_admin: true });
    const root = await signIn(app, 'root');
    const rootSid = String(decodeJwt(root.token)['sid']);
    for (const path of [`/admin/sessions/${rootSid}/kick`, '/admin/sessions/disconnect/root']) {
      const refused = await call(app, 'POST', path, { token: caller.token });
      expect(refused.status, path).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' }, detail: 'Seul un administrateur système peut fermer les sessions d’un administrateur système.' });
    }
    const all = await call(app, 'POST', '/admin/sessions/kick-all', { token: caller.token });
    expect(await all.json()).toMatchObject({ success: true, count: 1, message: '1 session(s) fermée(s) ; la vôtre et celles des administrateurs système restent ouvertes.' });
    expect((await call(app, 'GET', '/auth/me', { token: targetSession.token })).status).toBe(401);
    expect((await call(app, 'GET', '/auth/me', { token: root.token })).status).toBe(200);

    // A system administrator may close another's sessions, and everyone's.
    await addUser(auth, { username: 'ROOT2', role: 'viewer', is_system_admin: true });
    const peer = await signIn(app, 'root2');
    expect(await (await call(app, 'POST', `/admin/sessions/${rootSid}/kick`, { token: peer.token })).json()).toMatchObject({ count: 1 });
    const again = await signIn(app, 'root');
    expect(await (await call(app, 'POST', '/admin/sessions/kick-all', { token: peer.token })).json()).toMatchObject({ message: expect.stringContaining('la vôtre reste ouverte') as string });
    expect((await call(app, 'GET', '/auth/me', { token: again.token })).status).toBe(401);
  });
});

describe('activity log', () => {
  it('merges sign-ins, administration and document writes, newest first, with filters; nothing can delete it', async () => {
    const { app, caller, store } = await setup('admin');
    await call(app, 'POST', '/auth/login', { body: { username: 'cible', password: 'Mauvais-123', hostname: 'PC-ATELIER' }, ip: '10.1.2.3' });
    await call(app, 'POST', '/admin/users', { token: caller.token, body: { username: 'nouveau', display_name: 'Nouveau', role_name: 'viewer', is_active: true } });
    store.push('missions', [{ newDocumentState: missionDoc() }], { actor: 'APPELANT', source: 'replication' });

    const all = (await (await call(app, 'GET', '/admin/logs', { token: caller.token })).json()) as { entries: { id: string; actor: string; action: string; collection: string; hostname: string | null; ip: string | null }[]; total: number };
    expect(all.total).toBe(all.entries.length);
    expect(all.entries.map((entry) => `${entry.collection}:${entry.action}`)).toEqual(
      expect.arrayContaining(['auth:login', 'auth:login_failed', 'auth:user_created', 'missions:create']),
    );
    expect(all.entries.find((entry) => entry.action === 'login_failed')).toMatchObject({ actor: 'CIBLE', hostname: 'PC-ATELIER', ip: '10.1.2.3' });

    const failures = (await (await call(app, 'GET', '/admin/logs?action=login_failed&user=dom%5Ccible', { token: caller.token })).json()) as { entries: unknown[] };
    expect(failures.entries).toHaveLength(1);
    const writes = (await (await call(app, 'GET', '/admin/logs?collection=missions&from=2000-01-01&to=2999-12-31', { token: caller.token })).json()) as { entries: unknown[] };
    expect(writes.entries).toHaveLength(1);

    const recent = (await (await call(app, 'GET', '/stats/activity/recent?limit=2', { token: caller.token })).json()) as unknown[];
    expect(recent).toHaveLength(2);
    expect((await call(app, 'GET', '/stats/activity/recent?limit=0', { token: caller.token })).status).toBe(400);
    for (const method of ['DELETE', 'PUT', 'POST']) {
      expect((await call(app, method, '/admin/logs', { token: caller.token, body: {} })).status).toBe(404);
    }
  });
});
