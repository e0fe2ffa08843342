import { dirname } from 'node:path';
import { pino, type Logger } from 'pino';
import { ensurePrivateDirectory, ensurePrivateFile, privateFileMode } from './files/private-file';

export type { Logger };

/**
 * JSON logs to stdout and to the log file (`./logs/server.log` by default). The file names users and
 * their addresses: it is created 0600 in a folder created 0700, and an existing one is made private.
 */
export function createLogger(level: string, file: string | undefined): Logger {
  const streams: pino.StreamEntry[] = [{ stream: process.stdout, level: level as pino.Level }];
  let tightened: ReturnType<typeof ensurePrivateFile>;
  if (file) {
    ensurePrivateDirectory(dirname(file));
    tightened = ensurePrivateFile(file);
    streams.push({ stream: pino.destination({ dest: file, sync: false, mode: privateFileMode }), level: level as pino.Level });
  }
  const logger = pino({ level, base: { service: 'relais' } }, pino.multistream(streams));
  if (tightened) {
    logger.warn({ file: tightened.path, previous_mode: tightened.previousMode }, 'journal accessible à d’autres comptes : droits restreints au propriétaire (0600)');
  }
  return logger;
}
