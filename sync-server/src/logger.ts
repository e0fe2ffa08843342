import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs to stdout and to the log file (`./logs/server.log` by default). The streams take every
 * level: the logger's own `level` filters, so an administrator can change it while the server runs.
 */
export function createLogger(level: string, file: string | undefined, options: { stdout?: boolean } = {}): Logger {
  const streams: pino.StreamEntry[] = options.stdout === false ? [] : [{ stream: process.stdout, level: 'trace' }];
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    streams.push({ stream: pino.destination({ dest: file, sync: false, mkdir: true }), level: 'trace' });
  }
  return pino({ level, base: { service: 'relais' } }, pino.multistream(streams));
}
