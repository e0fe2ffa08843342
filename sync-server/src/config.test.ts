import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

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
    });
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
