import { resolve } from 'node:path';
import { adminConfigResponseSchema } from '@relais/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config';
import { authEventRows, call } from '../test-support/auth';
import { adminAppTest, testJob, type AdminAppTest } from '../test-support/jobs';
import { startSmtpSink } from '../test-support/smtp-sink';
import { createRuntimeConfig, shownValue } from './runtime-config';

let relais: AdminAppTest | undefined;

async function setup(): Promise<AdminAppTest> {
  relais = await adminAppTest();
  return relais;
}

afterEach(async () => {
  await relais?.scheduler.stop(100);
  relais = undefined;
});

describe('GET /admin/config', () => {
  it("answers TomatoPlan's keys and Relais' settings, secrets masked, and the automatic backup from the backup job's schedule", async () => {
    const app = await setup();
    const config = adminConfigResponseSchema.parse((await app.asAdmin('GET', '/admin/config')).body);
    expect(config).toMatchObject({
      app_name: 'Relais',
      host: '0.0.0.0',
      port: 8000,
      database_path: './data/relais.db',
      log_level: 'info',
      // Absent from the environment: `backups` beside the database.
      backup_dir: resolve('data', 'backups'),
      backup_retention_days: 30,
      auto_backup_enabled: false,
      auto_backup_hour: null,
      settings: { jobs_timezone: 'Europe/Paris', smtp_password: null, jwt_secret: null, history_retention_days: 90 },
      overridden: [],
      secrets: ['jwt_secret', 'secret_key', 'smtp_password'],
    });
    expect(config.editable).toEqual(expect.arrayContaining(['log_level', 'mfa_required_roles', 'smtp_host', 'smtp_password', 'trusted_proxy_header', 'job_schedules', 'backup_retention_days']));
    expect(config.editable).not.toContain('port');
    app.scheduler.register(testJob('backup', () => Promise.resolve(null), { defaultSchedule: '0 2 * * *' }));
    expect((await app.asAdmin('GET', '/admin/config')).body).toMatchObject({ auto_backup_enabled: true, auto_backup_hour: 2 });
  });
});

describe('PUT /admin/config', () => {
  it('refuses a setting that needs a restart or does not exist, naming it', async () => {
    const app = await setup();
    expect(await app.asAdmin('PUT', '/admin/config', { port: 9000 })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['port'] }] } }, detail: 'port : ce réglage ne se change pas pendant que le serveur tourne (modifiez le fichier .env puis redémarrez).' },
    });
    expect((await app.asAdmin('PUT', '/admin/config', { couleur: 'bleu' })).body).toMatchObject({ detail: 'couleur : réglage inconnu.' });
    // Unset in this environment, still a real setting: it needs a restart too.
    expect((await app.asAdmin('PUT', '/admin/config', { tls_cert_path: '/etc/relais.pem' })).body).toMatchObject({ detail: expect.stringMatching(/^tls_cert_path : ce réglage ne se change pas/) as string });
  });

  it('validates with the environment schema of each setting, naming the setting', async () => {
    const app = await setup();
    expect((await app.asAdmin('PUT', '/admin/config', { log_level: 'bavard' })).body).toMatchObject({ detail: expect.stringMatching(/^log_level : /) as string });
    expect((await app.asAdmin('PUT', '/admin/config', { mfa_required_roles: ['chef'] })).body).toMatchObject({ detail: expect.stringMatching(/^mfa_required_roles\.0 : rôle inconnu/) as string });
    expect((await app.asAdmin('PUT', '/admin/config', { job_schedules: { housekeeping: 'chaque nuit' } })).body).toMatchObject({ detail: expect.stringMatching(/^job_schedules\.housekeeping : expression cron invalide/) as string });
    expect((await app.asAdmin('PUT', '/admin/config', { job_schedules: { inconnue: '0 1 * * *' } })).body).toMatchObject({
      detail: 'job_schedules.inconnue : tâche inconnue (housekeeping, import-ptt, sages-chantiers-export, sages-chantiers-import, sages-codes-projet, sages-heures-export, sages-heures-import)',
    });
    expect((await app.asAdmin('PUT', '/admin/config', { trusted_proxy_header: 'X-Remote-User' })).body).toMatchObject({
      detail: 'trusted_proxy_addresses : obligatoire avec RELAIS_TRUSTED_PROXY_HEADER : les adresses du proxy de confiance',
    });
    expect((await app.asAdmin('PUT', '/admin/config', { smtp_port: null })).body).toMatchObject({ detail: 'smtp_port : valeur obligatoire' });
    expect(authEventRows(app.db).filter((event) => event.action === 'config_changed')).toEqual([]);
  });

  it('applies the log level at once, and records the change with its before and after', async () => {
    const app = await setup();
    app.logger.debug('avant');
    const answer = await app.asAdmin('PUT', '/admin/config', { log_level: 'debug' });
    expect(answer.body).toMatchObject({ log_level: 'debug', overridden: ['log_level'] });
    expect(app.logger.level).toBe('debug');
    app.logger.debug('après');
    expect(app.lines().map((line) => line['msg'])).toContain('après');
    expect(app.lines().map((line) => line['msg'])).not.toContain('avant');
    expect(authEventRows(app.db).filter((event) => event.action === 'config_changed')).toMatchObject([
      { actor: 'ADMIN', target: 'log_level', details: { changes: [{ name: 'log_level', before: 'info', after: 'debug' }] } },
    ]);
    // Stored: the next start (a new runtime configuration on the same database) keeps it.
    expect(createRuntimeConfig({ db: app.db, base: defaultConfig(), logger: app.logger }).current().RELAIS_LOG_LEVEL).toBe('debug');
    // Reset: back to the environment's value, applied too.
    expect((await app.asAdmin('DELETE', '/admin/config/log_level')).body).toMatchObject({ log_level: 'info', overridden: [] });
    expect(app.logger.level).toBe('info');
  });

  it('applies the MFA roles and the SMTP server at once: the next sign-in of an admin gets its code by e-mail', async () => {
    const app = await setup();
    const sink = await startSmtpSink();
    try {
      await app.asAdmin('PUT', '/admin/config', { smtp_host: '127.0.0.1', smtp_port: sink.port, mfa_required_roles: ['admin'] });
      const login = await call(app.app, 'POST', '/auth/login', { body: { username: 'ADMIN', password: 'Relais-2026' } });
      expect(await login.json()).toMatchObject({ mfa_required: true });
      const mail = await sink.nextMailTo('admin@example.test');
      expect(mail.subject).toBe('Relais : votre code de connexion');
    } finally {
      await sink.close();
    }
  });

  it('applies the Windows sign-in header at once', async () => {
    const app = await setup();
    const login = (): Promise<Response> => call(app.app, 'POST', '/auth/login', { body: { username: '-' }, headers: { 'x-remote-user': 'BUREAU\\admin' }, ip: '10.0.0.2' });
    expect((await login()).status).toBe(400);
    await app.asAdmin('PUT', '/admin/config', { trusted_proxy_header: 'X-Remote-User', trusted_proxy_addresses: ['10.0.0.9'] });
    // The header now counts, but this address is not the proxy's.
    expect((await login()).status).toBe(401);
    await app.asAdmin('PUT', '/admin/config', { trusted_proxy_addresses: ['10.0.0.2'] });
    const signedIn = await login();
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ user: { username: 'ADMIN' } });
    await app.asAdmin('PUT', '/admin/config', { trusted_proxy_header: null });
    expect((await login()).status).toBe(400);
  });

  it('never shows a secret: masked in GET and in the activity log, and the mask sent back changes nothing', async () => {
    const app = await setup();
    const secret = 'Tr3s-secret-SMTP';
    const answer = await app.asAdmin('PUT', '/admin/config', { smtp_user: 'relais', smtp_password: secret });
    expect(answer.body).toMatchObject({ settings: { smtp_user: 'relais', smtp_password: '********' } });
    expect(JSON.stringify((await app.asAdmin('GET', '/admin/config')).body)).not.toContain(secret);
    const events = authEventRows(app.db).filter((event) => event.action === 'config_changed');
    expect(events).toMatchObject([{ details: { changes: [{ name: 'smtp_user', before: null, after: 'relais' }, { name: 'smtp_password', before: null, after: '********' }] } }]);
    expect(JSON.stringify(authEventRows(app.db))).not.toContain(secret);
    await app.asAdmin('PUT', '/admin/config', { smtp_password: '********' });
    expect(authEventRows(app.db).filter((event) => event.action === 'config_changed')).toHaveLength(1);
    expect(app.runtime.current().RELAIS_SMTP_PASSWORD).toBe(secret);
  });
});

describe('secrets in the configuration', () => {
  it('masks every key that seals or signs: the JWT key, the connectors’ secret key, the SMTP password', () => {
    for (const key of ['RELAIS_JWT_SECRET', 'RELAIS_SECRET_KEY', 'RELAIS_SMTP_PASSWORD']) {
      expect(shownValue(key, 'k'.repeat(40))).toBe('********');
      expect(shownValue(key, undefined)).toBeNull();
    }
  });
});
