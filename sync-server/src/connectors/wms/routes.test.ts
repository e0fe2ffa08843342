import { afterEach, describe, expect, it } from 'vitest';
import { authEventRows } from '../../test-support/auth';
import { adminAppTest, type AdminAppTest } from '../../test-support/jobs';

let relais: AdminAppTest | undefined;

afterEach(async () => {
  await relais?.scheduler.stop(100);
  relais = undefined;
});

const sshPassword = 'Ssh-Tres-Secret-42';
const dbPassword = 'Base-Tres-Secrete-17';
const newDbPassword = 'Nouveau-Secret-Base-99';

const input = {
  name: 'WMS Orléans',
  ssh_host: 'wms.example.test',
  ssh_port: 22,
  ssh_user: 'relais',
  ssh_auth: 'password',
  ssh_secret: sshPassword,
  db_user: 'wms',
  db_password: dbPassword,
  db_name: 'ntl_wms',
  backup_dir: '/tmp/relais-wms-routes-test',
  backup_schedule: 'off',
};

const wmsActions = ['wms_connection_created', 'wms_connection_updated', 'wms_connection_deleted'];

describe('WMS connections in the activity log', () => {
  it('records create, update, pin and delete with their before and after, secrets only as ********', async () => {
    relais = await adminAppTest();
    const app = relais;
    const created = await app.asAdmin('POST', '/admin/wms/connections', input);
    expect(created.status).toBe(201);
    const id = created.body['id'] as number;

    // The masked secrets sent back unchanged, the port changed, the database password replaced.
    const updated = await app.asAdmin('PUT', `/admin/wms/connections/${id}`, { ...input, ssh_port: 2222, ssh_secret: '********', db_password: newDbPassword });
    expect(updated.status).toBe(200);
    // Saving the same form again changes nothing: nothing logged.
    expect((await app.asAdmin('PUT', `/admin/wms/connections/${id}`, { ...input, ssh_port: 2222, ssh_secret: '********', db_password: '********' })).status).toBe(200);
    const fingerprint = `SHA256:${'A'.repeat(43)}`;
    expect((await app.asAdmin('POST', `/admin/wms/connections/${id}/pin`, { fingerprint })).status).toBe(200);
    expect((await app.asAdmin('DELETE', `/admin/wms/connections/${id}`)).status).toBe(200);

    const events = authEventRows(app.db).filter((event) => wmsActions.includes(event.action));
    expect(events.map((event) => [event.action, event.actor, event.target])).toEqual([
      ['wms_connection_created', 'ADMIN', 'WMS Orléans'],
      ['wms_connection_updated', 'ADMIN', 'WMS Orléans'],
      ['wms_connection_updated', 'ADMIN', 'WMS Orléans'],
      ['wms_connection_deleted', 'ADMIN', 'WMS Orléans'],
    ]);
    const [create, update, pin, remove] = events.map((event) => (event.details as { changes: { name: string; before: unknown; after: unknown }[] }).changes);
    expect(create).toEqual(
      expect.arrayContaining([
        { name: 'ssh_host', before: null, after: 'wms.example.test' },
        { name: 'ssh_secret', before: null, after: '********' },
        { name: 'db_password', before: null, after: '********' },
      ]),
    );
    expect(create?.find((change) => change.name === 'ssh_passphrase')).toBeUndefined();
    expect(update).toEqual([
      { name: 'ssh_port', before: 22, after: 2222 },
      { name: 'db_password', before: '********', after: '********' },
    ]);
    expect(pin).toEqual([{ name: 'host_fingerprint', before: null, after: fingerprint }]);
    expect(remove).toEqual(expect.arrayContaining([{ name: 'db_name', before: 'ntl_wms', after: null }, { name: 'ssh_secret', before: '********', after: null }]));

    const everything = JSON.stringify([authEventRows(app.db), app.lines()]);
    for (const secret of [sshPassword, dbPassword, newDbPassword]) {
      expect(everything.includes(secret), secret).toBe(false);
    }
  });

  it('logs nothing for a refused change', async () => {
    relais = await adminAppTest();
    const app = relais;
    expect((await app.asAdmin('POST', '/admin/wms/connections', { ...input, ssh_port: 'vingt-deux' })).status).toBe(400);
    expect(authEventRows(app.db).filter((event) => wmsActions.includes(event.action))).toEqual([]);
  });

  it("answers a run of this connection's jobs for the page's progress, and no other job's run", async () => {
    relais = await adminAppTest();
    const app = relais;
    const first = (await app.asAdmin('POST', '/admin/wms/connections', { ...input, ssh_host: '127.0.0.1', ssh_port: 1 })).body['id'] as number;
    const second = (await app.asAdmin('POST', '/admin/wms/connections', { ...input, name: 'WMS Tours' })).body['id'] as number;
    const started = await app.asAdmin('POST', `/admin/wms/connections/${first}/backup`);
    expect(started.status).toBe(202);
    const runId = started.body['run_id'] as number;
    let run = (await app.asAdmin('GET', `/admin/wms/connections/${first}/runs/${runId}`)).body;
    expect(run).toMatchObject({ id: runId, job: `wms-backup:${first}` });
    while (run['status'] === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = (await app.asAdmin('GET', `/admin/wms/connections/${first}/runs/${runId}`)).body;
    }
    // Nothing listens on port 1: the run fails and says so in French.
    expect(run['status']).toBe('failed');
    expect(run['error']).toMatch(/[Cc]onnexion|refus/);
    expect((await app.asAdmin('GET', `/admin/wms/connections/${second}/runs/${runId}`)).status).toBe(404);
    expect((await app.asAdmin('GET', `/admin/wms/connections/${first}/runs/${runId + 1000}`)).status).toBe(404);
  });
});
