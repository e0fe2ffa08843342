import { describe, expect, it } from 'vitest';
import { configChanges, formValuesOf } from './config-form';

const shown = {
  log_level: 'info',
  backup_retention_days: 30,
  history_retention_days: 90,
  jobs_timezone: 'Europe/Paris',
  mfa_required_roles: ['admin'],
  smtp_host: null,
  smtp_port: 587,
  smtp_secure: false,
  smtp_user: null,
  smtp_password: '********',
  smtp_from: 'Relais <relais@localhost>',
  trusted_proxy_header: null,
  trusted_proxy_addresses: [],
  jwt_secret: '********',
};

describe('config-form', () => {
  it('starts from the server values and never holds a secret', () => {
    const values = formValuesOf(shown);
    expect(values.smtp_password).toBe('');
    expect(values.backup_retention_days).toBe('30');
    expect(values.mfa_required_roles).toEqual(['admin']);
    expect(values.trusted_proxy_addresses).toBe('');
    expect(configChanges(values, values)).toEqual({});
  });

  it('sends only what changed, typed as the server expects', () => {
    const initial = formValuesOf(shown);
    const changes = configChanges(initial, {
      ...initial,
      backup_retention_days: '14',
      log_level: 'debug',
      smtp_host: '  smtp.example.fr ',
      smtp_secure: true,
      mfa_required_roles: ['admin', 'finance'],
      trusted_proxy_addresses: '10.0.0.1, 10.0.0.2',
    });
    expect(changes).toEqual({
      backup_retention_days: 14,
      log_level: 'debug',
      smtp_host: 'smtp.example.fr',
      smtp_secure: true,
      mfa_required_roles: ['admin', 'finance'],
      trusted_proxy_addresses: ['10.0.0.1', '10.0.0.2'],
    });
  });

  it('clears an optional text with null and changes a secret only when typed', () => {
    const initial = formValuesOf({ ...shown, smtp_host: 'smtp.example.fr' });
    expect(configChanges(initial, { ...initial, smtp_host: '' })).toEqual({ smtp_host: null });
    expect(configChanges(initial, { ...initial, smtp_password: 'nouveau' })).toEqual({ smtp_password: 'nouveau' });
  });

  it('hands a number that is not one to the server, which names the setting', () => {
    const initial = formValuesOf(shown);
    expect(configChanges(initial, { ...initial, smtp_port: 'abc' })).toEqual({ smtp_port: 'abc' });
  });
});
