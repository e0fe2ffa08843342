import { describe, expect, it } from 'vitest';
import { addUser, authEventRows, authTestApp, call, signIn, strongPassword } from '../test-support/auth';
import { runUserCommand, UserCommandError } from './user';

function passwordIn(line: string | undefined): string {
  const match = /provisoire : (\S+)$/.exec(line ?? '');
  if (!match?.[1]) {
    throw new Error(`pas de mot de passe dans « ${line ?? ''} »`);
  }
  return match[1];
}

describe('relais user', () => {
  it('adds a user with a one-time password that must be changed', async () => {
    const relais = authTestApp();
    const printed: string[] = [];
    await runUserCommand(relais.auth, ['add', 'DOMAINE\\marie.curie'], { role: 'planner', email: 'marie@example.fr' }, (line) => printed.push(line));
    const password = passwordIn(printed[0]);
    expect(relais.auth.repo.userByUsername('MARIE.CURIE')).toMatchObject({ role: 'planner', email: 'marie@example.fr', must_change_password: true });
    const { body } = await signIn(relais.app, 'marie.curie', password);
    expect(body.must_change_password).toBe(true);
  });

  it('refuses an unknown role, a duplicate and a bad action with a French message', async () => {
    const relais = authTestApp();
    await expect(runUserCommand(relais.auth, ['add', 'x'], { role: 'chef' }, () => undefined)).rejects.toThrow(/Rôle manquant ou inconnu « chef »/);
    await runUserCommand(relais.auth, ['add', 'x'], { role: 'viewer' }, () => undefined);
    await expect(runUserCommand(relais.auth, ['add', 'X'], { role: 'viewer' }, () => undefined)).rejects.toThrow(/existe déjà/);
    await expect(runUserCommand(relais.auth, ['supprimer', 'x'], {}, () => undefined)).rejects.toThrow(/Usage/);
    await expect(runUserCommand(relais.auth, ['reset-password', 'personne'], {}, () => undefined)).rejects.toThrow(/Aucun utilisateur PERSONNE/);
    await expect(runUserCommand(relais.auth, ['unlock', 'personne'], {}, () => undefined)).rejects.toThrow(/Aucun utilisateur PERSONNE/);
    await expect(runUserCommand(relais.auth, ['unlock'], {}, () => undefined)).rejects.toThrow(/relais user unlock <identifiant>/);
  });

  it('unlocks an account locked by failed sign-ins, without a web sign-in, and logs it', async () => {
    const { app, auth, db } = authTestApp();
    await addUser(auth, { username: 'JEAN' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await call(app, 'POST', '/auth/login', { body: { username: 'jean', password: 'Mauvais-123' } });
    }
    expect((await call(app, 'POST', '/auth/login', { body: { username: 'jean', password: strongPassword } })).status).toBe(423);
    const printed: string[] = [];
    await runUserCommand(auth, ['unlock', 'DOMAINE\\jean'], {}, (line) => printed.push(line));
    expect(printed).toEqual(['Compte JEAN déverrouillé ; il peut se reconnecter avec son mot de passe.']);
    expect(auth.repo.userByUsername('JEAN')).toMatchObject({ failed_attempts: 0, locked_until: null });
    expect(authEventRows(db).at(-1)).toMatchObject({ action: 'account_unlocked', actor: null, target: 'JEAN', details: { via: 'cli', was_locked: true } });
    expect((await call(app, 'POST', '/auth/login', { body: { username: 'jean', password: strongPassword } })).status).toBe(200);

    await runUserCommand(auth, ['unlock', 'jean'], {}, (line) => printed.push(line));
    expect(printed[1]).toBe("Le compte JEAN n'était pas verrouillé ; son compteur d'échecs est remis à zéro.");
  });

  it('resets a password: unlocks the account and closes its sessions', async () => {
    const relais = authTestApp();
    const printed: string[] = [];
    await runUserCommand(relais.auth, ['add', 'paul'], { role: 'viewer' }, (line) => printed.push(line));
    const { token } = await signIn(relais.app, 'paul', passwordIn(printed[0]));
    await runUserCommand(relais.auth, ['reset-password', 'paul'], {}, (line) => printed.push(line));
    expect((await call(relais.app, 'GET', '/auth/me', { token })).status).toBe(401);
    const { body } = await signIn(relais.app, 'paul', passwordIn(printed[1]));
    expect(body.must_change_password).toBe(true);
  });

  it('set-role changes the role through the admin rules: open sessions get the new rights, the activity log keeps it', async () => {
    const relais = authTestApp();
    await addUser(relais.auth, { username: 'ROOT', role: 'admin', is_system_admin: true });
    await addUser(relais.auth, { username: 'JEANNE', role: 'viewer' });
    const jeanne = await signIn(relais.app, 'jeanne');
    const printed: string[] = [];
    await runUserCommand(relais.auth, ['set-role', 'DOMAINE\\jeanne', 'finance'], {}, (line) => printed.push(line));
    expect(printed).toEqual(['Rôle de JEANNE : viewer → finance (Finance).']);
    const me = await call(relais.app, 'GET', '/auth/me', { token: jeanne.token });
    expect(await me.json()).toMatchObject({ role: 'finance', permissions: { view_finance: true } });
    expect(authEventRows(relais.db).at(-1)).toMatchObject({
      actor: null,
      action: 'user_updated',
      target: 'JEANNE',
      session_id: null,
      details: { changed: ['role'], role: 'finance', via: 'cli' },
    });
    const root = await signIn(relais.app, 'root');
    const logs = (await (await call(relais.app, 'GET', '/admin/logs?action=user_updated', { token: root.token })).json()) as { entries: { action: string; document_id: string }[] };
    expect(logs.entries.map((entry) => `${entry.action}:${entry.document_id}`)).toEqual(['user_updated:JEANNE']);
  });

  it('set-role refuses an unknown role (naming the roles), an unknown user and a short command line; same role changes nothing', async () => {
    const relais = authTestApp();
    await addUser(relais.auth, { username: 'PAUL', role: 'planner' });
    const refusal = (args: string[]) => runUserCommand(relais.auth, args, {}, () => undefined).then(() => undefined, (error: unknown) => error);
    const unknownRole = await refusal(['set-role', 'paul', 'chef']);
    expect(unknownRole).toBeInstanceOf(UserCommandError);
    expect(unknownRole).toMatchObject({ exitCode: 1, message: 'Rôle inconnu « chef » : viewer, planner, planner_advanced, driver_admin, finance, analyse, admin.' });
    expect(await refusal(['set-role', 'personne', 'viewer'])).toMatchObject({ exitCode: 1, message: 'Aucun utilisateur PERSONNE.' });
    expect(await refusal(['set-role', 'paul'])).toMatchObject({ exitCode: 2, message: expect.stringMatching(/^Usage :[^]*set-role <identifiant> <rôle>/) as string });
    const events = authEventRows(relais.db).length;
    const printed: string[] = [];
    await runUserCommand(relais.auth, ['set-role', 'paul', 'planner'], {}, (line) => printed.push(line));
    expect(printed).toEqual(['PAUL a déjà le rôle planner (Planificateur) : rien à changer.']);
    expect(relais.auth.repo.userByUsername('PAUL')?.role).toBe('planner');
    expect(authEventRows(relais.db)).toHaveLength(events);
  });

  it('set-role on the last system administrator keeps that status (all rights remain)', async () => {
    const relais = authTestApp();
    await addUser(relais.auth, { username: 'ROOT', role: 'admin', is_system_admin: true });
    const printed: string[] = [];
    await runUserCommand(relais.auth, ['set-role', 'root', 'viewer'], {}, (line) => printed.push(line));
    expect(printed[1]).toBe('ROOT reste administrateur système : il garde tous les droits, quel que soit son rôle.');
    expect(relais.auth.repo.userByUsername('ROOT')).toMatchObject({ role: 'viewer', is_system_admin: true });
    const root = await signIn(relais.app, 'root');
    expect((await call(relais.app, 'GET', '/admin/users', { token: root.token })).status).toBe(200);
  });
});
