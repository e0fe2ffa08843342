import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogRing, maskedSecret, sanitizeLogValue } from './log-ring';

function ringLogger(capacity?: number) {
  const ring = createLogRing(capacity === undefined ? {} : { capacity });
  return { ring, logger: pino({ level: 'trace', base: { service: 'relais' } }, ring) };
}

describe('log ring', () => {
  it('keeps the lines with their level, message and fields, and filters by lowest level and text', () => {
    const { ring, logger } = ringLogger();
    logger.debug('détail');
    logger.info({ user: 'PAUL' }, 'connexion réussie');
    logger.warn({ path: '/missions' }, 'requête refusée');
    logger.error({ job: 'backup' }, 'sauvegarde en échec');
    expect(ring.recent({ level: 'trace' }, 100).map((line) => line.level)).toEqual(['debug', 'info', 'warn', 'error']);
    expect(ring.recent({ level: 'warn' }, 100).map((line) => line.msg)).toEqual(['requête refusée', 'sauvegarde en échec']);
    expect(ring.recent({ level: 'info', q: 'paul' }, 100).map((line) => line.msg)).toEqual(['connexion réussie']);
    expect(ring.recent({ level: 'info', q: 'MISSIONS' }, 100).map((line) => line.msg)).toEqual(['requête refusée']);
    expect(ring.recent({ level: 'trace' }, 2).map((line) => line.msg)).toEqual(['requête refusée', 'sauvegarde en échec']);
    const [first] = ring.recent({ level: 'info' }, 1);
    expect(first?.fields).toEqual({ job: 'backup' });
    expect(first?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('never keeps a secret: password, token, cookie fields and JWT or Bearer values are masked', () => {
    const { ring, logger } = ringLogger();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    logger.warn(
      {
        password: 'Secret123!',
        smtp_password: 'mdp-smtp',
        refresh_token: 'abc',
        headers: { authorization: `Bearer ${jwt}`, cookie: 'relais_refresh=xyz' },
        changes: [{ name: 'smtp_password', before: null, after: 'nouveau' }],
        detail: `jeton ${jwt} refusé`,
      },
      `échec avec Bearer ${jwt}`,
    );
    const [line] = ring.recent({ level: 'trace' }, 1);
    const text = JSON.stringify(line);
    for (const secret of ['Secret123!', 'mdp-smtp', 'abc"', jwt, 'relais_refresh=xyz']) {
      expect(text).not.toContain(secret);
    }
    expect(line?.fields).toMatchObject({ password: maskedSecret, headers: { authorization: maskedSecret, cookie: maskedSecret }, detail: `jeton ${maskedSecret} refusé` });
    expect(line?.msg).toBe(`échec avec ${maskedSecret}`);
  });

  it('is bounded, keeps errors of the day apart and tells subscribers of each line', () => {
    const { ring, logger } = ringLogger(3);
    const seen: string[] = [];
    const unsubscribe = ring.subscribe((line) => seen.push(line.msg));
    logger.error('panne 1');
    for (let index = 0; index < 5; index += 1) {
      logger.info(`ligne ${index}`);
    }
    unsubscribe();
    logger.error('panne 2');
    expect(ring.recent({ level: 'trace' }, 100).map((line) => line.msg)).toEqual(['ligne 3', 'ligne 4', 'panne 2']);
    expect(ring.errorsSince(new Date(Date.now() - 60_000)).map((line) => line.msg)).toEqual(['panne 1', 'panne 2']);
    expect(ring.errorsSince(new Date(Date.now() + 60_000))).toEqual([]);
    expect(seen).toEqual(['panne 1', 'ligne 0', 'ligne 1', 'ligne 2', 'ligne 3', 'ligne 4']);
  });

  it('cuts long texts and deep objects', () => {
    expect(String(sanitizeLogValue('x'.repeat(3000))).length).toBe(2001);
    expect(sanitizeLogValue({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: '…' } } } });
  });
});
