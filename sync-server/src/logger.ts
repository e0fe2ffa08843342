import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout and to the log file (`./logs/server.log` by default). */
export function createLogger(level: string, file: string | undefined): Logger {
  const streams: pino.StreamEntry[] = [{ stream: process.stdout, level: level as pino.Level }];
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    streams.push({ stream: pino.destination({ dest: file, sync: false, mkdir: true }), level: level as pino.Level });
  }
  return pino({ level, base: { service: 'relais' } }, pino.multistream(streams));
}
