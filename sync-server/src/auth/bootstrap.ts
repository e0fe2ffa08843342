import { generateTemporaryPassword } from './password';
import type { AuthService } from './service';
import { normalizeUsername } from './username';

/**
 * First start: when no user exists at all, creates the administrator named by
 * `RELAIS_DEFAULT_ADMIN_USERNAME` with a one-time password, shown once on stderr (the log only says
 * the account was created) and to be changed at the first sign-in. Nothing else is seeded. Returns the password
 * when the account was created.
 */
export async function ensureDefaultAdmin(auth: AuthService, announce: (line: string) => void = (line) => process.stderr.write(line)): Promise<string | undefined> {
  if (auth.repo.countUsers() > 0) {
    return undefined;
  }
  const username = normalizeUsername(auth.settings.defaultAdminUsername);
  const password = generateTemporaryPassword();
  const hash = await auth.hashNewPassword(password);
  // Checked again after the await: two starts on one database must not both create it.
  if (auth.repo.countUsers() > 0) {
    return undefined;
  }
  const at = auth.iso();
  auth.repo.insertUser({
    username,
    display_name: 'Administrateur',
    role: 'admin',
    is_active: true,
    is_system_admin: true,
    password_hash: hash,
    must_change_password: true,
    created_at: at,
    updated_at: at,
  });
  auth.repo.logEvent({ at, actor: null, action: 'user_created', target: username, details: { role: 'admin', reason: 'first_start' } });
  const sentence = `Premier démarrage : compte administrateur « ${username} » créé avec le mot de passe provisoire « ${password} ». Notez-le : il ne sera plus affiché et devra être changé à la première connexion.`;
  // The password goes to the terminal only, never into the log file.
  auth.logger.warn({ username }, `Premier démarrage : compte administrateur « ${username} » créé ; son mot de passe provisoire est affiché sur la sortie d'erreur.`);
  announce(`\n${sentence}\n\n`);
  return password;
}
