import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { resolveJwtSecret } from './jwt-secret';
import type { AuthSettings } from './service';
import { defaultSignInLimits } from './sign-in-limits';

/** The auth settings of a configuration; reads or creates the signing key file beside the database. */
export function authSettingsFromConfig(config: Config): AuthSettings {
  return {
    jwtSecret: resolveJwtSecret(config.RELAIS_JWT_SECRET, config.RELAIS_DATABASE_PATH),
    accessTokenMinutes: config.RELAIS_ACCESS_TOKEN_MINUTES,
    sessionDays: config.RELAIS_SESSION_DAYS,
    mfaRequiredRoles: config.RELAIS_MFA_REQUIRED_ROLES,
    defaultAdminUsername: config.RELAIS_DEFAULT_ADMIN_USERNAME,
    trustedProxyHeader: config.RELAIS_TRUSTED_PROXY_HEADER,
    trustedProxyAddresses: config.RELAIS_TRUSTED_PROXY_ADDRESSES,
    legacyWindowsSubnets: config.RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS,
    signInLimits: { ...defaultSignInLimits, perAddress: config.RELAIS_LOGIN_LIMIT_PER_ADDRESS, perUsername: config.RELAIS_LOGIN_LIMIT_PER_USERNAME },
  };
}

/** The documented defaults with a key of the process's own: for apps built without a configuration (tests, bench). */
export function defaultAuthSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    jwtSecret: randomBytes(64),
    accessTokenMinutes: 60,
    sessionDays: 30,
    mfaRequiredRoles: [],
    defaultAdminUsername: 'ADMIN',
    ...overrides,
  };
}
