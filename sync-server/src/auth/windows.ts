import type { Context } from 'hono';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import { addressMatcher } from './addresses';
import { clientIp } from './http';
import type { AuthSettings, WindowsSignIn } from './service';

export interface WindowsIdentity {
  username: string;
  method: WindowsSignIn;
}

/**
 * The two opt-in ways to sign in without a password, both off by default:
 * - behind a trusted reverse proxy that authenticated the user with Kerberos/NTLM and names them in
 *   `RELAIS_TRUSTED_PROXY_HEADER`, accepted only from `RELAIS_TRUSTED_PROXY_ADDRESSES`;
 * - the oldest TomatoPlan clients sending `{ username, hostname }`, accepted only from
 *   `RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS`.
 */
export function windowsSignIn(settings: AuthSettings, logger: Logger) {
  // The proxy settings may change while the server runs: the matcher follows the current list.
  let proxyList: readonly string[] | undefined;
  let proxyMatcher: (ip: string | null) => boolean = () => false;
  const fromProxy = (ip: string | null): boolean => {
    const current = settings.trustedProxyAddresses ?? [];
    if (current !== proxyList) {
      proxyList = current;
      proxyMatcher = addressMatcher(current);
    }
    return proxyMatcher(ip);
  };
  const fromLegacySubnet = addressMatcher(settings.legacyWindowsSubnets ?? []);
  const legacyEnabled = (settings.legacyWindowsSubnets ?? []).length > 0;
  if (legacyEnabled) {
    logger.warn(
      { subnets: settings.legacyWindowsSubnets },
      'RISQUE : connexion Windows sans mot de passe activée pour les anciens clients TomatoPlan (RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS)',
    );
  }

  return {
    legacyEnabled,
    /** Who signs in without a password on this request, or a refusal saying why. */
    identify(c: Context, bodyUsername: string): WindowsIdentity {
      const ip = clientIp(c);
      const header = settings.trustedProxyHeader;
      const proxied = header === undefined ? undefined : c.req.header(header)?.trim();
      if (proxied) {
        if (!fromProxy(ip)) {
          logger.warn({ ip, header }, 'en-tête d’authentification Windows reçu hors du proxy de confiance : ignoré');
          throw new ApiError('UNAUTHENTICATED', 'Connexion Windows refusée : cette adresse n’est pas le proxy de confiance.');
        }
        return { username: proxied, method: 'trusted_proxy' };
      }
      if (fromLegacySubnet(ip)) {
        return { username: bodyUsername, method: 'legacy_windows' };
      }
      throw new ApiError('VALIDATION_FAILED', 'password : mot de passe requis', {
        issues: [{ path: ['password'], code: 'invalid_type', message: 'Mot de passe requis' }],
      });
    },
  };
}
