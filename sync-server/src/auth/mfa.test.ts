import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authEventRows, authTestApp, call, minutes, strongPassword } from '../test-support/auth';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink';

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});

afterAll(async () => {
  await sink.close();
});

type App = ReturnType<typeof authTestApp>;

/** Signs in up to the code step; returns the challenge and the code read from the received mail. */
async function startLogin({ app }: App, username: string, email: string): Promise<{ challengeId: string; code: string }> {
  const mail = sink.nextMailTo(email);
  const response = await call(app, 'POST', '/auth/login', { body: { username, password: strongPassword, hostname: 'PC-DIRECTION' } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { mfa_required: boolean; challenge_id: string; access_token?: string };
  expect(body).toMatchObject({ mfa_required: true, challenge_id: expect.any(String) as string });
  expect(body.access_token).toBeUndefined();
  expect(response.headers.get('set-cookie')).toBeNull();
  const received = await mail;
  expect(received.subject).toBe('Relais : votre code de connexion');
  const code = /^(\d{6})$/m.exec(received.text)?.[1];
  if (!code) {
    throw new Error(`pas de code dans : ${received.text}`);
  }
  return { challengeId: body.challenge_id, code };
}

function submit({ app }: App, challengeId: string, code: string): Promise<Response> {
  return call(app, 'POST', '/auth/mfa', { body: { challenge_id: challengeId, code } });
}

function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

describe('MFA by e-mail through a real SMTP server', () => {
  it('sends a French mail with a 6-digit code; the right code completes the sign-in', async () => {
    const relais = authTestApp({ mailer: sink.mailer });
    await addUser(relais.auth, { username: 'CLAIRE', display_name: 'Claire Martin', email: 'claire@relais.test', mfa_enabled: true });
    const { challengeId, code } = await startLogin(relais, 'claire', 'claire@relais.test');
    const mail = sink.received.find((received) => received.text.includes(code));
    expect(mail?.text).toContain('Bonjour Claire Martin');
    expect(mail?.text).toContain('valable 5 minutes');
    const done = await submit(relais, challengeId, code);
    expect(done.status).toBe(200);
    const body = (await done.json()) as { access_token: string; user: { username: string } };
    expect(body.user.username).toBe('CLAIRE');
    expect(done.headers.get('set-cookie')).toMatch(/^relais_refresh=/);
    expect((await call(relais.app, 'GET', '/auth/me', { token: body.access_token })).status).toBe(200);
    const sessions = relais.auth.repo.listSessions(relais.auth.iso(), false);
    expect(sessions[0]).toMatchObject({ username: 'CLAIRE', hostname: 'PC-DIRECTION' });
    expect(authEventRows(relais.db).map((event) => event.action)).toEqual(['mfa_sent', 'login_mfa']);
  });

  it('is enforced for the roles of RELAIS_MFA_REQUIRED_ROLES, not for the others', async () => {
    const relais = authTestApp({ mailer: sink.mailer, settings: { mfaRequiredRoles: ['finance'] } });
    await addUser(relais.auth, { username: 'COMPTA', email: 'compta@relais.test', role: 'finance' });
    await addUser(relais.auth, { username: 'PLANNING', email: 'planning@relais.test', role: 'planner' });
    const { challengeId, code } = await startLogin(relais, 'compta', 'compta@relais.test');
    expect((await submit(relais, challengeId, code)).status).toBe(200);
    const planner = await call(relais.app, 'POST', '/auth/login', { body: { username: 'planning', password: strongPassword } });
    expect(await planner.json()).toMatchObject({ token_type: 'bearer' });
  });

  it('refuses a wrong code, then still accepts the right one', async () => {
    const relais = authTestApp({ mailer: sink.mailer });
    await addUser(relais.auth, { username: 'CLAIRE', email: 'claire2@relais.test', mfa_enabled: true });
    const { challengeId, code } = await startLogin(relais, 'claire', 'claire2@relais.test');
    const wrong = await submit(relais, challengeId, otherCode(code));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'MFA_INVALID', details: { attempts_left: 4 } }, detail: 'Code incorrect (encore 4 essais).' });
    expect((await submit(relais, challengeId, code)).status).toBe(200);
  });

  it('refuses a code after 5 minutes', async () => {
    const relais = authTestApp({ mailer: sink.mailer });
    await addUser(relais.auth, { username: 'CLAIRE', email: 'claire3@relais.test', mfa_enabled: true });
    const { challengeId, code } = await startLogin(relais, 'claire', 'claire3@relais.test');
    relais.clock.advance(minutes(5));
    const late = await submit(relais, challengeId, code);
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({ error: { code: 'MFA_EXPIRED' }, detail: 'Code expiré ou déjà utilisé : reconnectez-vous pour recevoir un nouveau code.' });
  });

  it('refuses a code used once already', async () => {
    const relais = authTestApp({ mailer: sink.mailer });
    await addUser(relais.auth, { username: 'CLAIRE', email: 'claire4@relais.test', mfa_enabled: true });
    const { challengeId, code } = await startLogin(relais, 'claire', 'claire4@relais.test');
    expect((await submit(relais, challengeId, code)).status).toBe(200);
    const again = await submit(relais, challengeId, code);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: 'MFA_EXPIRED' } });
  });

  it('voids the challenge after 5 wrong codes, even for the right code afterwards', async () => {
    const relais = authTestApp({ mailer: sink.mailer });
    await addUser(relais.auth, { username: 'CLAIRE', email: 'claire5@relais.test', mfa_enabled: true });
    const { challengeId, code } = await startLogin(relais, 'claire', 'claire5@relais.test');
    for (let i = 1; i <= 4; i += 1) {
      expect(await (await submit(relais, challengeId, otherCode(code))).json()).toMatchObject({ error: { code: 'MFA_INVALID' } });
    }
    const fifth = await submit(relais, challengeId, otherCode(code));
    expect(await fifth.json()).toMatchObject({ error: { code: 'MFA_EXPIRED' }, detail: '5 codes erronés : ce code est annulé, reconnectez-vous pour en recevoir un nouveau.' });
    expect((await submit(relais, challengeId, code)).status).toBe(401);
    expect(authEventRows(relais.db).filter((event) => event.action === 'mfa_failed')).toHaveLength(5);
  });

  it('answers MAIL_UNAVAILABLE when the mail cannot be sent, without opening a session', async () => {
    const noAddress = authTestApp({ mailer: sink.mailer });
    await addUser(noAddress.auth, { username: 'SANSMAIL', mfa_enabled: true });
    const response = await call(noAddress.app, 'POST', '/auth/login', { body: { username: 'sansmail', password: strongPassword } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'MAIL_UNAVAILABLE' }, detail: expect.stringContaining('adresse e-mail') as string });

    const refused = authTestApp({ mailer: sink.mailer });
    await addUser(refused.auth, { username: 'REFUS', email: 'refus@refuse.test', mfa_enabled: true });
    const failed = await call(refused.app, 'POST', '/auth/login', { body: { username: 'refus', password: strongPassword } });
    expect(failed.status).toBe(503);
    expect(refused.auth.repo.listSessions(refused.auth.iso(), true)).toEqual([]);
  });
});
