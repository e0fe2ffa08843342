import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, logRingOf } from './logger';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

let dir: string;
let umask: number;

beforeEach(() => {
  umask = process.umask(0o022);
  dir = mkdtempSync(join(tmpdir(), 'relais-log-'));
});

afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

/** The file's lines once it holds `count` of them (the log stream opens and writes asynchronously). */
async function linesOf(file: string, count: number): Promise<string[]> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
    if (lines.length >= count) {
      return lines;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${file} : moins de ${count} lignes`);
}

describe.skipIf(process.platform === 'win32')('the log file', () => {
  it('is created 0600 in a folder created 0700: it names users and their addresses', async () => {
    const file = join(dir, 'logs', 'server.log');
    createLogger('info', file).info({ username: 'DUPONT', address: '192.168.1.20' }, 'connexion');
    await linesOf(file, 1);
    expect(modeOf(join(dir, 'logs'))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
  });

  it('is made private when an earlier install left it readable by others, and says so in it', async () => {
    const file = join(dir, 'server.log');
    writeFileSync(file, '{"msg":"ancienne ligne"}\n');
    chmodSync(file, 0o644);
    createLogger('info', file);
    const lines = await linesOf(file, 2);
    expect(modeOf(file)).toBe(0o600);
    expect(lines[0]).toBe('{"msg":"ancienne ligne"}');
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ level: 40, file, previous_mode: '0644' });
  });
});

describe('the recent lines kept in memory', () => {
  it('start with the end of the previous runs’ log file, so the errors of the day survive a restart', async () => {
    const file = join(dir, 'server.log');
    const earlier = Date.now() - 3600_000;
    writeFileSync(
      file,
      [
        JSON.stringify({ level: 30, time: earlier, service: 'relais', msg: 'Relais démarré' }),
        JSON.stringify({ level: 50, time: earlier, service: 'relais', msg: 'sauvegarde en échec', password: 'Secret123!' }),
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    const logger = createLogger('info', file, { stdout: false });
    const ring = logRingOf(logger);
    expect(ring?.recent({ level: 'info' }, 10).map((line) => line.msg)).toEqual(['Relais démarré', 'sauvegarde en échec']);
    expect(ring?.errorsSince(new Date(earlier - 1000)).map((line) => line.fields)).toEqual([{ password: '********' }]);
    // The file stream opens asynchronously: let it open (and write) before the folder is removed.
    logger.info('fin du test');
    await linesOf(file, 3);
  });
});
