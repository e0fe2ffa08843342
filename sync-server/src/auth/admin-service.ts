import { isRole, permissionsOf, roleLabels, roleNames, type Role } from '@relais/domain';
import type {
  AdminUser,
  createUserRequestSchema,
  CreateUserResponse,
  KickResponse,
  ResetPasswordResponse,
  RoleInfo,
  SessionInfo,
  SuccessResponse,
  updateUserRequestSchema,
} from '@relais/schema';
import type { z } from 'zod';
import { ApiError } from '../http/errors';
import { generateTemporaryPassword } from './password';
import type { RequestOrigin, UserPatch, UserRow } from './repository';
import type { Authenticated, AuthService } from './service';
import { normalizeUsername } from './username';

type CreateUserBody = z.output<typeof createUserRequestSchema>;
type UpdateUserBody = z.output<typeof updateUserRequestSchema>;

export function toAdminUser(user: UserRow): AdminUser {
  return {
    id: user.id,
    username: user.username,
    display_name: user.display_name,
    email: user.email,
    role: user.role,
    role_name: user.role,
    is_active: user.is_active,
    is_system_admin: user.is_system_admin,
    must_change_password: user.must_change_password,
    mfa_enabled: user.mfa_enabled,
    locked_until: user.locked_until,
    last_login: user.last_login,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

function roleFrom(name: string): Role {
  if (!isRole(name)) {
    throw new ApiError('VALIDATION_FAILED', `Rôle inconnu : ${name} (${roleNames.join(', ')})`, {
      issues: [{ path: ['role_name'], code: 'invalid_value', message: 'Rôle inconnu' }],
    });
  }
  return name;
}

/**
 * The server's own terminal (`relais user …`): whoever can open the database file already holds every
 * right, so it acts as a system administrator, but it has no account (nor session) of its own.
 */
export const serverConsole = { via: 'cli' } as const;

/** Who changes an account: a signed-in user, or the server's terminal. */
export type AdminActor = Authenticated | typeof serverConsole;

function isServerConsole(actor: AdminActor): actor is typeof serverConsole {
  return actor === serverConsole;
}

function actsAsSystemAdmin(actor: AdminActor): boolean {
  return isServerConsole(actor) || actor.user.is_system_admin;
}

/** User and session administration (TomatoPlan's `/admin` routes, `relais user`); every change is logged. */
export function createAdminService(auth: AuthService) {
  const { repo } = auth;

  function userOr404(id: number): UserRow {
    const user = repo.userById(id);
    if (!user) {
      throw new ApiError('NOT_FOUND', `Utilisateur introuvable : ${id}`);
    }
    return user;
  }

  /** Only a system administrator may touch a system administrator's account (else: takeover by reset). */
  function guardTarget(actor: AdminActor, target: UserRow): void {
    if (target.is_system_admin && !actsAsSystemAdmin(actor)) {
      throw new ApiError('FORBIDDEN', 'Seul un administrateur système peut modifier le compte d’un administrateur système.');
    }
  }

  /** Nobody locks themselves out, and one active system administrator always remains. */
  function guardLastAdmin(actor: AdminActor, target: UserRow, next: { is_active: boolean; is_system_admin: boolean }): void {
    const losesAdmin = target.is_system_admin && target.is_active && !(next.is_active && next.is_system_admin);
    if (!isServerConsole(actor) && actor.user.id === target.id && (!next.is_active || (target.is_system_admin && !next.is_system_admin))) {
      throw new ApiError('CONFLICT', 'Vous ne pouvez ni désactiver votre propre compte ni retirer vos propres droits d’administrateur système.');
    }
    if (losesAdmin && repo.countActiveSystemAdmins(target.id) === 0) {
      throw new ApiError('CONFLICT', 'Il doit rester au moins un administrateur système actif.');
    }
  }

  function log(actor: AdminActor, action: string, target: string | null, origin: RequestOrigin, details?: Record<string, unknown>): void {
    if (isServerConsole(actor)) {
      repo.logEvent({ at: auth.iso(), actor: null, action, target, origin, details: { ...details, via: actor.via } });
      return;
    }
    repo.logEvent({ at: auth.iso(), actor: actor.user.username, action, target, sessionId: actor.session.id, origin, details });
  }

  async function createUser(actor: Authenticated, body: CreateUserBody, origin: RequestOrigin): Promise<CreateUserResponse> {
    const username = normalizeUsername(body.username);
    if (username === '') {
      throw new ApiError('VALIDATION_FAILED', "Nom d'utilisateur vide", { issues: [{ path: ['username'], code: 'too_small', message: 'Nom vide' }] });
    }
    const role = roleFrom(body.role_name);
    const tempPassword = generateTemporaryPassword();
    // Hashed before the check, so no await separates the check from the insert: two creations of
    // one name sent at once cannot both pass it.
    const passwordHash = await auth.hashNewPassword(tempPassword);
    if (repo.userByUsername(username)) {
      throw new ApiError('CONFLICT', `L'utilisateur ${username} existe déjà.`);
    }
    const at = auth.iso();
    const user = repo.insertUser({
      username,
      display_name: body.display_name,
      email: body.email ?? null,
      role,
      is_active: body.is_active,
      is_system_admin: false,
      mfa_enabled: body.mfa_enabled,
      password_hash: passwordHash,
      must_change_password: true,
      created_at: at,
      updated_at: at,
    });
    log(actor, 'user_created', username, origin, { role, is_active: body.is_active });
    return { ...toAdminUser(user), temp_password: tempPassword };
  }

  function updateUser(actor: AdminActor, id: number, body: UpdateUserBody, origin: RequestOrigin): AdminUser {
    const target = userOr404(id);
    guardTarget(actor, target);
    if (body.is_system_admin !== undefined && body.is_system_admin !== target.is_system_admin && !actsAsSystemAdmin(actor)) {
      throw new ApiError('FORBIDDEN', 'Seul un administrateur système peut accorder ou retirer ce statut.');
    }
    const next = { is_active: body.is_active ?? target.is_active, is_system_admin: body.is_system_admin ?? target.is_system_admin };
    guardLastAdmin(actor, target, next);
    const patch: UserPatch = { updated_at: auth.iso() };
    const changed: string[] = [];
    const fields = {
      display_name: body.display_name,
      email: body.email,
      role: body.role_name === undefined ? undefined : roleFrom(body.role_name),
      is_active: body.is_active,
      is_system_admin: body.is_system_admin,
      mfa_enabled: body.mfa_enabled,
    };
    for (const [field, value] of Object.entries(fields)) {
      if (value !== undefined && value !== target[field as keyof typeof fields]) {
        Object.assign(patch, { [field]: value });
        changed.push(field);
      }
    }
    const updated = repo.updateUser(id, patch) ?? target;
    if (target.is_active && !updated.is_active) {
      auth.revoke({ userId: id }, 'deactivated');
    }
    log(actor, 'user_updated', target.username, origin, { changed, ...(fields.role ? { role: fields.role } : {}) });
    return toAdminUser(updated);
  }

  function deactivateUser(actor: Authenticated, id: number, origin: RequestOrigin): SuccessResponse {
    const target = userOr404(id);
    guardTarget(actor, target);
    guardLastAdmin(actor, target, { is_active: false, is_system_admin: target.is_system_admin });
    repo.updateUser(id, { is_active: false, updated_at: auth.iso() });
    const closed = auth.revoke({ userId: id }, 'deactivated');
    log(actor, 'user_deactivated', target.username, origin, { sessions_closed: closed.length });
    return { success: true, message: `Utilisateur ${target.username} désactivé (son historique est conservé).` };
  }

  async function resetPassword(actor: Authenticated, id: number, origin: RequestOrigin): Promise<ResetPasswordResponse> {
    const target = userOr404(id);
    guardTarget(actor, target);
    const tempPassword = generateTemporaryPassword();
    repo.updateUser(id, {
      password_hash: await auth.hashNewPassword(tempPassword),
      must_change_password: true,
      failed_attempts: 0,
      locked_until: null,
      updated_at: auth.iso(),
    });
    auth.revoke({ userId: id }, 'password_reset');
    log(actor, 'password_reset', target.username, origin);
    return { success: true, temp_password: tempPassword, message: `Mot de passe de ${target.username} réinitialisé : à changer à la prochaine connexion.` };
  }

  function sessions(actor: Authenticated, activeOnly: boolean): SessionInfo[] {
    return repo.listSessions(auth.iso(), !activeOnly).map((session) => ({
      id: session.id,
      // TomatoPlan's names.
      session_id: session.id,
      client_ip: session.ip,
      client_hostname: session.hostname,
      connected_at: session.created_at,
      user_id: session.user_id,
      username: session.username,
      display_name: session.display_name,
      hostname: session.hostname,
      ip: session.ip,
      user_agent: session.user_agent,
      created_at: session.created_at,
      last_activity: session.last_activity,
      expires_at: session.expires_at,
      revoked_at: session.revoked_at,
      revoked_reason: session.revoked_reason,
      is_current: session.id === actor.session.id,
    }));
  }

  /** Closing a system administrator's sessions is touching his account: the same rule as `guardTarget`. */
  function guardSessionsOf(actor: Authenticated, target: UserRow): void {
    if (target.is_system_admin && !actor.user.is_system_admin) {
      throw new ApiError('FORBIDDEN', 'Seul un administrateur système peut fermer les sessions d’un administrateur système.');
    }
  }

  function kick(actor: Authenticated, sessionId: string, origin: RequestOrigin): KickResponse {
    const session = repo.sessionById(sessionId);
    if (!session) {
      throw new ApiError('NOT_FOUND', `Session introuvable : ${sessionId}`);
    }
    const owner = repo.userById(session.user_id);
    if (owner) {
      guardSessionsOf(actor, owner);
    }
    const count = auth.revoke({ sessionId }, 'kick').length;
    log(actor, 'session_kicked', owner?.username ?? null, origin, { session_id: sessionId });
    return { success: true, count, message: count > 0 ? 'Session fermée' : 'Session déjà fermée' };
  }

  function kickAll(actor: Authenticated, origin: RequestOrigin): KickResponse {
    const spareAdmins = !actor.user.is_system_admin;
    const count = auth.revoke({ exceptSessionId: actor.session.id, exceptSystemAdmins: spareAdmins }, 'kick_all').length;
    log(actor, 'sessions_kicked_all', null, origin, { count, system_admins_spared: spareAdmins });
    const kept = spareAdmins ? 'la vôtre et celles des administrateurs système restent ouvertes' : 'la vôtre reste ouverte';
    return { success: true, count, message: `${count} session(s) fermée(s) ; ${kept}.` };
  }

  function disconnect(actor: Authenticated, rawUsername: string, origin: RequestOrigin): KickResponse {
    const username = normalizeUsername(rawUsername);
    const user = repo.userByUsername(username);
    if (!user) {
      throw new ApiError('NOT_FOUND', `Utilisateur introuvable : ${username}`);
    }
    guardSessionsOf(actor, user);
    const count = auth.revoke({ userId: user.id }, 'disconnect').length;
    log(actor, 'user_disconnected', username, origin, { count });
    return { success: true, count, message: `${username} déconnecté (${count} session(s) fermée(s)).` };
  }

  return {
    listUsers: (activeOnly: boolean): AdminUser[] => repo.listUsers(activeOnly).map(toAdminUser),
    // TomatoPlan's `id` and `description` beside Relais' own fields.
    roles: (): RoleInfo[] => roleNames.map((name, index) => ({ id: index + 1, name, description: roleLabels[name], label: roleLabels[name], permissions: permissionsOf(name) })),
    createUser,
    updateUser,
    deactivateUser,
    resetPassword,
    sessions,
    kick,
    kickAll,
    disconnect,
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
