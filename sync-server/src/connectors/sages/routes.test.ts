import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { createAuthService } from '../../auth/service';
import { defaultAuthSettings } from '../../auth/settings';
import { openDatabase } from '../../db/client';
import { addUser, authEventRows, call, signIn } from '../../test-support/auth';
import { memoryLogger } from '../../test-support/jobs';

const sqlPassword = 'Sql-Secret-2026!';
const clientSecret = 'client-secret-7f3a';

async function setUp() {
  const db = openDatabase(':memory:');
  const { logger, lines } = memoryLogger('debug');
  const auth = createAuthService({ db, logger, settings: defaultAuthSettings({ passwordHashCost: 10 }) });
  const relais = createApp({ db, logger, auth });
  await addUser(auth, { username: 'ADMIN1', role: 'admin' });
  await addUser(auth, { username: 'COMPTA', role: 'finance' });
  await addUser(auth, { username: 'LECTEUR', role: 'viewer' });
  const admin = await signIn(relais.app, 'ADMIN1');
  const finance = await signIn(relais.app, 'COMPTA');
  const viewer = await signIn(relais.app, 'LECTEUR');
  return { db, relais, admin, finance, viewer, lines };
}

describe('/api/sages', () => {
  it('stores secrets sealed, answers them masked, never logs them', async () => {
    const { db, relais, admin, lines } = await setUp();
    const put = await call(relais.app, 'PUT', '/api/sages/config', {
      token: admin.token,
      body: { sqlServer: { host: 'batigest.local', database: 'BTG', user: 'relais', password: sqlPassword }, batisimply: { clientId: 'relais', clientSecret } },
    });
    expect(put.status).toBe(200);
    const answered = JSON.stringify(await put.json());
    expect(answered).not.toContain(sqlPassword);
    expect(answered).toContain('"password":"********"');
    const stored = JSON.stringify(db.$client.prepare('SELECT value FROM sages_config').all());
    expect(stored).not.toContain(sqlPassword);
    expect(stored).not.toContain(clientSecret);
    const row = db.$client.prepare('SELECT value FROM sages_config').get() as { value: string };
    expect((JSON.parse(row.value) as { sqlServer: { password: string } }).sqlServer.password).toMatch(/^v1:/);

    // Sending the mask back keeps the stored secret; the connector still reads it in clear.
    const again = await call(relais.app, 'PUT', '/api/sages/config', { token: admin.token, body: { sqlServer: { password: '********', port: 1444 } } });
    expect(again.status).toBe(200);
    expect(relais.sages.config.read().sqlServer).toMatchObject({ password: sqlPassword, port: 1444 });
    const got = await call(relais.app, 'GET', '/api/sages/config', { token: admin.token });
    expect(JSON.stringify(await got.json())).not.toContain(clientSecret);
    expect(JSON.stringify(lines())).not.toContain(sqlPassword);
    expect(JSON.stringify(lines())).not.toContain(clientSecret);
  });

  it('logs the names of the settings a change touched, not keys they lack, whatever a body nests', async () => {
    const { db, relais, admin } = await setUp();
    // 10 000 nested objects under a key the settings lack (sent as text: JSON.stringify itself
    // overflows on them): the validation strips it; naming the change's fields for the log walked
    // it and overflowed the stack (a 500 after the save).
    const depth = 10_000;
    const body = `{"inconnu":${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)},"windowDays":90,"sqlServer":{"host":"batigest.local","tables":{"heures":"SuiviMO2"},"autre":1}}`;
    const put = await relais.app.request('/api/sages/config', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body,
    });
    expect(put.status).toBe(200);
    expect(relais.sages.config.read()).toMatchObject({ windowDays: 90, sqlServer: { host: 'batigest.local', tables: { heures: 'SuiviMO2' } } });
    expect(authEventRows(db).filter((event) => event.action === 'config_changed' && event.target === 'sages')).toMatchObject([
      { actor: 'ADMIN1', details: { fields: ['windowDays', 'sqlServer.host', 'sqlServer.tables.heures'] } },
    ]);
  });

  it('refuses an invalid setting with the field in error', async () => {
    const { relais, admin } = await setUp();
    const response = await call(relais.app, 'PUT', '/api/sages/config', { token: admin.token, body: { sqlServer: { tables: { heures: 'SuiviMO; DROP TABLE x' } } } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: { issues: { path: unknown[] }[] } } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues[0]?.path).toEqual(['sqlServer', 'tables', 'heures']);
  });

  it('lets finance read chantiers and hours but not the configuration; a viewer reads nothing', async () => {
    const { relais, finance, viewer } = await setUp();
    expect((await call(relais.app, 'GET', '/api/sages/chantiers', { token: finance.token })).status).toBe(200);
    expect((await call(relais.app, 'GET', '/api/sages/heures?from=2026-03-01&to=2026-03-31', { token: finance.token })).status).toBe(200);
    expect((await call(relais.app, 'GET', '/api/sages/config', { token: finance.token })).status).toBe(403);
    expect((await call(relais.app, 'POST', '/api/sages/jobs/heures-export/run', { token: finance.token })).status).toBe(403);
    expect((await call(relais.app, 'GET', '/api/sages/chantiers', { token: viewer.token })).status).toBe(403);
  });

  it('registers the five jobs with the scheduler and answers them', async () => {
    const { relais, admin } = await setUp();
    expect(relais.scheduler.names().filter((name) => name.startsWith('sages-')).sort()).toEqual([
      'sages-chantiers-export',
      'sages-chantiers-import',
      'sages-codes-projet',
      'sages-heures-export',
      'sages-heures-import',
    ]);
    const response = await call(relais.app, 'GET', '/api/sages/jobs', { token: admin.token });
    const body = (await response.json()) as { jobs: { job: string }[] };
    expect(body.jobs.map((job) => job.job)).toEqual(['chantiers-import', 'chantiers-export', 'heures-import', 'heures-export', 'codes-projet']);
    const unconfigured = await call(relais.app, 'POST', '/api/sages/jobs/heures-export/dry-run', { token: admin.token });
    expect(unconfigured.status).toBe(400);
    expect(((await unconfigured.json()) as { error: { message: string } }).error.message).toBe('Connecteur SAGES : SQL Server (Batigest) non configuré');
  });

  it('says which step of the connection test failed, in French: DNS, then TCP', async () => {
    const { relais, admin } = await setUp();
    await call(relais.app, 'PUT', '/api/sages/config', { token: admin.token, body: { sqlServer: { host: 'batigest.invalid', database: 'BTG', user: 'relais' } } });
    const dns = (await (await call(relais.app, 'POST', '/api/sages/test/sql-server', { token: admin.token })).json()) as { ok: boolean; steps: { step: string; message: string }[] };
    expect(dns).toMatchObject({ ok: false, steps: [{ step: 'dns', message: 'Nom d’hôte introuvable (DNS) : batigest.invalid' }] });

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await call(relais.app, 'PUT', '/api/sages/config', { token: admin.token, body: { sqlServer: { host: '127.0.0.1', port } } });
    const tcp = (await (await call(relais.app, 'POST', '/api/sages/test/sql-server', { token: admin.token })).json()) as { ok: boolean; steps: { step: string; message: string }[] };
    expect(tcp.steps.at(-1)).toEqual({ step: 'tcp', ok: false, message: `Connexion refusée par 127.0.0.1:${port} (TCP : aucun service sur ce port)` });
  });
});
