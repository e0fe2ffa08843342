import { isRole, roleLabels, roleNames } from '@relais/domain';
import { createAdminService, serverConsole } from '../auth/admin-service';
import { generateTemporaryPassword } from '../auth/password';
import type { AuthService } from '../auth/service';
import { normalizeUsername } from '../auth/username';
import { ApiError } from '../http/errors';

/**
 * A failure with a message meant for the person at the terminal, and the exit code that goes with
 * it: 2 for a command written wrong (the usage follows), 1 for a refusal (unknown user, last
 * administrator…).
 */
export class UserCommandError extends Error {
  override name = 'UserCommandError';

  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export interface UserCommandOptions {
  role?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
}

export const userActions = ['add', 'reset-password', 'set-role', 'unlock', 'list'] as const;

export const userUsage = `Usage : relais user <${userActions.join('|')}> …
  relais user add <identifiant> --role <rôle> [--email <adresse>] [--name <nom affiché>]
      crée un compte avec un mot de passe provisoire, affiché une seule fois
  relais user reset-password <identifiant>
      nouveau mot de passe provisoire, compte déverrouillé, sessions fermées
  relais user set-role <identifiant> <rôle>
      change le rôle d'un compte (noté dans le journal d'activité)
  relais user unlock <identifiant>
      lève le verrouillage dû aux échecs de connexion et remet le compteur à zéro
  relais user list
      liste les comptes : identifiant, rôle, état, e-mail

Rôles : ${roleNames.map((role) => `${role} (${roleLabels[role]})`).join(', ')}.`;

const noOrigin = { hostname: null, ip: null, userAgent: null };

/**
 * `relais user`: what an administrator does on the server itself when nobody can sign in (lost
 * password, MFA required but no mail server yet). Prints one-time passwords to the terminal only.
 */
export async function runUserCommand(auth: AuthService, args: string[], options: UserCommandOptions, print: (line: string) => void): Promise<void> {
  const [action, rawUsername] = args;
  if (action === 'list') {
    for (const user of auth.repo.listUsers(false)) {
      print(`${user.username}\t${user.role}${user.is_system_admin ? ' (admin système)' : ''}\t${user.is_active ? 'actif' : 'désactivé'}\t${user.email ?? ''}`);
    }
    return;
  }
  if (action === 'set-role') {
    setRole(auth, rawUsername, args[2], print);
    return;
  }
  if ((action !== 'add' && action !== 'reset-password' && action !== 'unlock') || rawUsername === undefined) {
    throw new UserCommandError(userUsage, 2);
  }
  const username = normalizeUsername(rawUsername);
  if (action === 'unlock') {
    unlock(auth, username, print);
    return;
  }
  const password = generateTemporaryPassword();
  const at = auth.iso();
  const existing = auth.repo.userByUsername(username);
  if (action === 'add') {
    if (existing) {
      throw new UserCommandError(`L'utilisateur ${username} existe déjà.`);
    }
    if (options.role === undefined || !isRole(options.role)) {
      throw new UserCommandError(`Rôle manquant ou inconnu « ${options.role ?? ''} » : ${roleNames.join(', ')}.`);
    }
    auth.repo.insertUser({
      username,
      display_name: options.name ?? username,
      email: options.email ?? null,
      role: options.role,
      password_hash: await auth.hashNewPassword(password),
      must_change_password: true,
      created_at: at,
      updated_at: at,
    });
    auth.repo.logEvent({ at, actor: null, action: 'user_created', target: username, details: { role: options.role, via: 'cli' } });
    print(`Utilisateur ${username} créé (rôle ${options.role}). Mot de passe provisoire : ${password}`);
    return;
  }
  if (!existing) {
    throw new UserCommandError(`Aucun utilisateur ${username}.`);
  }
  auth.repo.updateUser(existing.id, {
    password_hash: await auth.hashNewPassword(password),
    must_change_password: true,
    failed_attempts: 0,
    locked_until: null,
    updated_at: at,
  });
  auth.revoke({ userId: existing.id }, 'password_reset');
  auth.repo.logEvent({ at, actor: null, action: 'password_reset', target: username, details: { via: 'cli' } });
  print(`Mot de passe de ${username} réinitialisé, sessions fermées. Mot de passe provisoire : ${password}`);
}

/**
 * `relais user set-role`: the same change as `PUT /admin/users/:id { role_name }`, through the admin
 * service and its rules, made by the server's terminal. A role change never touches the system
 * administrator status, so it cannot remove the last system administrator.
 */
function setRole(auth: AuthService, rawUsername: string | undefined, role: string | undefined, print: (line: string) => void): void {
  if (rawUsername === undefined || role === undefined) {
    throw new UserCommandError(userUsage, 2);
  }
  const username = normalizeUsername(rawUsername);
  if (!isRole(role)) {
    throw new UserCommandError(`Rôle inconnu « ${role} » : ${roleNames.join(', ')}.`);
  }
  const user = auth.repo.userByUsername(username);
  if (!user) {
    throw new UserCommandError(`Aucun utilisateur ${username}.`);
  }
  if (user.role === role) {
    print(`${username} a déjà le rôle ${role} (${roleLabels[role]}) : rien à changer.`);
    return;
  }
  try {
    createAdminService(auth).updateUser(serverConsole, user.id, { role_name: role }, noOrigin);
  } catch (error) {
    throw error instanceof ApiError ? new UserCommandError(error.message) : error;
  }
  print(`Rôle de ${username} : ${user.role} → ${role} (${roleLabels[role]}).`);
  if (user.is_system_admin) {
    print(`${username} reste administrateur système : il garde tous les droits, quel que soit son rôle.`);
  }
}

/**
 * Lifts the lock that failed sign-ins put on an account and clears its failure count, without a web
 * sign-in (the way back for an administrator locked out from the network); the password stays.
 */
function unlock(auth: AuthService, username: string, print: (line: string) => void): void {
  const user = auth.repo.userByUsername(username);
  if (!user) {
    throw new UserCommandError(`Aucun utilisateur ${username}.`);
  }
  const at = auth.iso();
  const wasLocked = user.locked_until !== null && Date.parse(user.locked_until) > auth.clock.now();
  auth.repo.updateUser(user.id, { failed_attempts: 0, locked_until: null, updated_at: at });
  auth.repo.logEvent({ at, actor: null, action: 'account_unlocked', target: username, details: { via: 'cli', was_locked: wasLocked, failed_attempts: user.failed_attempts } });
  print(wasLocked ? `Compte ${username} déverrouillé ; il peut se reconnecter avec son mot de passe.` : `Le compte ${username} n'était pas verrouillé ; son compteur d'échecs est remis à zéro.`);
}
