import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, runtimeSettings } from './config';

const noFile = join(tmpdir(), 'relais-no-such.env');

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    expect(loadConfig({}, noFile)).toEqual({
      RELAIS_HOST: '0.0.0.0',
      RELAIS_PORT: 8000,
      RELAIS_DATABASE_PATH: './data/relais.db',
      RELAIS_LOG_LEVEL: 'info',
      RELAIS_LOG_FILE: './logs/server.log',
      RELAIS_DEFAULT_ADMIN_USERNAME: 'ADMIN',
      RELAIS_ACCESS_TOKEN_MINUTES: 60,
      RELAIS_SESSION_DAYS: 30,
      RELAIS_LOGIN_LIMIT_PER_ADDRESS: 60,
      RELAIS_LOGIN_LIMIT_PER_USERNAME: 20,
      RELAIS_MFA_REQUIRED_ROLES: [],
      RELAIS_SMTP_PORT: 587,
      RELAIS_SMTP_SECURE: false,
      RELAIS_SMTP_FROM: 'Relais <relais@localhost>',
      RELAIS_TRUSTED_PROXY_ADDRESSES: [],
      RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS: [],
      RELAIS_JOBS_TIMEZONE: 'Europe/Paris',
      RELAIS_JOB_SCHEDULES: {},
      RELAIS_BACKUP_RETENTION_DAYS: 30,
      RELAIS_HISTORY_RETENTION_DAYS: 90,
      RELAIS_STREAM_QUEUE_BYTES: 1024 * 1024,
      RELAIS_STREAMS_PER_SESSION: 8,
      RELAIS_STREAMS_MAX: 500,
      RELAIS_STREAM_STALL_SECONDS: 120,
      RELAIS_AUTO_BACKUP_ENABLED: true,
      RELAIS_AUTO_BACKUP_HOUR: '0 2 * * *',
      RELAIS_BACKUP_MIN_KEEP: 7,
    });
  });

  it('takes the automatic backup time as an hour or a cron expression, and refuses anything else', () => {
    expect(loadConfig({ RELAIS_AUTO_BACKUP_HOUR: '3' }, noFile).RELAIS_AUTO_BACKUP_HOUR).toBe('0 3 * * *');
    expect(loadConfig({ RELAIS_AUTO_BACKUP_HOUR: '30 1 * * 1-5' }, noFile).RELAIS_AUTO_BACKUP_HOUR).toBe('30 1 * * 1-5');
    expect(() => loadConfig({ RELAIS_AUTO_BACKUP_HOUR: '24' }, noFile)).toThrow(/RELAIS_AUTO_BACKUP_HOUR = « 24 » : heure \(0 à 23\) ou expression cron/);
    expect(() => loadConfig({ RELAIS_AUTO_BACKUP_HOUR: 'tous les jours' }, noFile)).toThrow(/RELAIS_AUTO_BACKUP_HOUR/);
    expect(() => loadConfig({ RELAIS_BACKUP_RETENTION_DAYS: '0' }, noFile)).toThrow(/RELAIS_BACKUP_RETENTION_DAYS/);
    expect(loadConfig({ RELAIS_AUTO_BACKUP_ENABLED: 'non' }, noFile).RELAIS_AUTO_BACKUP_ENABLED).toBe(false);
  });

  it('reads .env under the environment, which wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-config-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'RELAIS_PORT=9000\nRELAIS_LOG_LEVEL=DEBUG\nOTHER_TOOL=1\n');
    expect(loadConfig({}, file)).toMatchObject({ RELAIS_PORT: 9000, RELAIS_LOG_LEVEL: 'debug' });
    expect(loadConfig({ RELAIS_PORT: '9100' }, file)).toMatchObject({ RELAIS_PORT: 9100 });
  });

  it('names the bad key and value', () => {
    expect(() => loadConfig({ RELAIS_PORT: 'huit-mille' }, noFile)).toThrow(/RELAIS_PORT = « huit-mille »/);
    expect(() => loadConfig({ RELAIS_LOG_LEVEL: 'bavard' }, noFile)).toThrow(/RELAIS_LOG_LEVEL/);
  });

  it('reads the authentication keys', () => {
    expect(loadConfig({ RELAIS_MFA_REQUIRED_ROLES: 'admin, finance', RELAIS_SMTP_SECURE: 'oui', RELAIS_SESSION_DAYS: '7' }, noFile)).toMatchObject({
      RELAIS_MFA_REQUIRED_ROLES: ['admin', 'finance'],
      RELAIS_SMTP_SECURE: true,
      RELAIS_SESSION_DAYS: 7,
    });
    expect(() => loadConfig({ RELAIS_MFA_REQUIRED_ROLES: 'admin,chef' }, noFile)).toThrow(/RELAIS_MFA_REQUIRED_ROLES/);
    expect(() => loadConfig({ RELAIS_JWT_SECRET: 'court' }, noFile)).toThrow(/RELAIS_JWT_SECRET/);
  });

  it('refuses unknown RELAIS_ keys, which are usually typos', () => {
    expect(() => loadConfig({ RELAIS_PROT: '8000' }, noFile)).toThrow(/clé inconnue RELAIS_PROT/);
  });
});

describe('loadConfig TLS', () => {
  it('wants the certificate and the key together, and existing files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-tls-'));
    const cert = join(dir, 'cert.pem');
    writeFileSync(cert, 'x');
    expect(() => loadConfig({ RELAIS_TLS_CERT_PATH: cert }, noFile)).toThrow(/RELAIS_TLS_KEY_PATH/);
    expect(() => loadConfig({ RELAIS_TLS_CERT_PATH: cert, RELAIS_TLS_KEY_PATH: join(dir, 'absent.pem') }, noFile)).toThrow(
      /RELAIS_TLS_KEY_PATH = « .*absent\.pem » : fichier introuvable/,
    );
  });
});

describe('loadConfig Windows sign-in', () => {
  it('validates the subnets and wants the proxy addresses with the header', () => {
    expect(loadConfig({ RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS: '192.168.1.0/24, 10.0.0.5' }, noFile).RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS).toEqual(['192.168.1.0/24', '10.0.0.5']);
    expect(() => loadConfig({ RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS: '192.168.1.0/40' }, noFile)).toThrow(/RELAIS_LEGACY_WINDOWS_LOGIN_SUBNETS/);
    expect(() => loadConfig({ RELAIS_TRUSTED_PROXY_HEADER: 'X-Remote-User' }, noFile)).toThrow(/RELAIS_TRUSTED_PROXY_ADDRESSES/);
  });
});

describe('loadConfig jobs and runtime settings', () => {
  it('reads job schedules (job=cron, `;` between jobs) and validates their cron syntax and time zone', () => {
    expect(loadConfig({ RELAIS_JOB_SCHEDULES: 'housekeeping=30 2 * * 1-5; backup=off', RELAIS_JOBS_TIMEZONE: 'Europe/Brussels' }, noFile)).toMatchObject({
      RELAIS_JOB_SCHEDULES: { housekeeping: '30 2 * * 1-5', backup: 'off' },
      RELAIS_JOBS_TIMEZONE: 'Europe/Brussels',
    });
    expect(() => loadConfig({ RELAIS_JOB_SCHEDULES: 'housekeeping=61 * * * *' }, noFile)).toThrow(/RELAIS_JOB_SCHEDULES = « housekeeping=61 \* \* \* \* » : RELAIS_JOB_SCHEDULES.housekeeping : expression cron invalide/);
    expect(() => loadConfig({ RELAIS_JOB_SCHEDULES: 'housekeeping' }, noFile)).toThrow(/tâche=expression attendu/);
    expect(() => loadConfig({ RELAIS_JOBS_TIMEZONE: 'Mars/Olympus' }, noFile)).toThrow(/RELAIS_JOBS_TIMEZONE = « Mars\/Olympus » : fuseau horaire inconnu/);
  });

  it('validates the environment and an administrator\'s JSON with the same rule of each setting', () => {
    // The same schema object: what the environment refuses, the configuration screen refuses too.
    expect(runtimeSettings.RELAIS_MFA_REQUIRED_ROLES.value.safeParse(['admin', 'chef']).success).toBe(false);
    expect(() => loadConfig({ RELAIS_MFA_REQUIRED_ROLES: 'admin,chef' }, noFile)).toThrow(/rôle inconnu/);
    expect(runtimeSettings.RELAIS_HISTORY_RETENTION_DAYS.value.safeParse(0).success).toBe(false);
    expect(() => loadConfig({ RELAIS_HISTORY_RETENTION_DAYS: '0' }, noFile)).toThrow(/RELAIS_HISTORY_RETENTION_DAYS/);
  });

  it('names the keys at fault and never prints a secret', () => {
    let caught: unknown;
    try {
      loadConfig({ RELAIS_JWT_SECRET: 'secret-trop-court', RELAIS_PORT: 'x' }, noFile);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).keys).toEqual(['RELAIS_PORT', 'RELAIS_JWT_SECRET']);
    expect((caught as ConfigError).message).toContain('RELAIS_JWT_SECRET = « ******** »');
    expect((caught as ConfigError).message).not.toContain('secret-trop-court');
  });
});
