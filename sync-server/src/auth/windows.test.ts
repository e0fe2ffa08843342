import { describe, expect, it } from 'vitest';
import { addUser, authTestApp, call } from '../test-support/auth';

describe('Windows sign-in without a password', () => {
  it('is off by default: a login without password is refused', async () => {
    const relais = authTestApp();
    await addUser(relais.auth, { username: 'JEAN.DUPONT', role: 'planner' });
    const response = await call(relais.app, 'POST', '/auth/login', { body: { username: 'DOMAINE\\jean.dupont', hostname: 'PC-01' }, ip: '192.168.1.20' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' }, detail: 'password : mot de passe requis' });
  });

  it('legacy mode signs in existing active users from the listed subnets only, and shows the risk', async () => {
    const relais = authTestApp({ settings: { legacyWindowsSubnets: ['192.168.1.0/24'] } });
    await addUser(relais.auth, { username: 'JEAN.DUPONT', role: 'planner' });
    await addUser(relais.auth, { username: 'PARTI', role: 'planner', is_active: false });
    await addUser(relais.auth, { username: 'CHEF', role: 'admin' });

    const ok = await call(relais.app, 'POST', '/auth/login', { body: { username: 'DOMAINE\\jean.dupont', hostname: 'PC-01' }, ip: '::ffff:192.168.1.20' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'bearer', user: { username: 'JEAN.DUPONT' } });

    const elsewhere = await call(relais.app, 'POST', '/auth/login', { body: { username: 'jean.dupont' }, ip: '10.0.0.8' });
    expect(elsewhere.status).toBe(400);
    for (const username of ['INCONNU', 'PARTI']) {
      const refused = await call(relais.app, 'POST', '/auth/login', { body: { username }, ip: '192.168.1.20' });
      expect(refused.status).toBe(401);
    }

    const { access_token } = (await (await call(relais.app, 'POST', '/auth/login', { body: { username: 'chef' }, ip: '192.168.1.30' })).json()) as { access_token: string };
    const security = await call(relais.app, 'GET', '/admin/security', { token: access_token });
    expect(await security.json()).toMatchObject({ legacy_windows_login: { enabled: true, subnets: ['192.168.1.0/24'] }, risks: [expect.stringContaining('TomatoPlan') as string] });
  });

  it('trusted proxy header is honoured only from the proxy addresses', async () => {
    const relais = authTestApp({ settings: { trustedProxyHeader: 'X-Remote-User', trustedProxyAddresses: ['10.0.0.2'] } });
    await addUser(relais.auth, { username: 'MARIE', role: 'viewer' });
    const viaProxy = await call(relais.app, 'POST', '/auth/login', { body: { username: '-' }, headers: { 'x-remote-user': 'BUREAU\\marie' }, ip: '10.0.0.2' });
    expect(viaProxy.status).toBe(200);
    expect(await viaProxy.json()).toMatchObject({ user: { username: 'MARIE' } });

    const forged = await call(relais.app, 'POST', '/auth/login', { body: { username: '-' }, headers: { 'x-remote-user': 'MARIE' }, ip: '10.0.0.9' });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

    const withPassword = await call(relais.app, 'POST', '/auth/login', { body: { username: 'marie', password: 'faux-Mot-2026' }, headers: { 'x-remote-user': 'MARIE' }, ip: '10.0.0.9' });
    expect(withPassword.status).toBe(401);
  });
});
