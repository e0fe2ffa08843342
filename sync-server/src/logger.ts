import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino, type Logger } from 'pino';
import { createLogRing, type LogRing } from './admin/log-ring';
import { ensurePrivateDirectory, ensurePrivateFile, privateFileMode } from './files/private-file';

export type { Logger };

const rings = new WeakMap<Logger, LogRing>();

/** Bytes of the end of the log file read at start, whole lines only. */
const tailBytes = 512 * 1024;

function logFileTail(file: string): string {
  if (!existsSync(file)) {
    return '';
  }
  const size = statSync(file).size;
  const length = Math.min(size, tailBytes);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const text = buffer.toString('utf8');
  // Started mid-line: that first piece is not a line.
  return length < size ? text.slice(text.indexOf('\n') + 1) : text;
}

/** The in-memory ring of a logger made by `createLogger` (the console's live tail); undefined for any other. */
export function logRingOf(logger: Logger): LogRing | undefined {
  return rings.get(logger);
}

/**
 * JSON logs to stdout and to the log file (`./logs/server.log` by default). The file names users and
 * their addresses: it is created 0600 in a folder created 0700, and an existing one is made private.
 * The streams take every level: the logger's own `level` filters, so an administrator can change it
 * while the server runs. `stdout: false` for the console commands that print for a person.
 */
export function createLogger(level: string, file: string | undefined, options: { stdout?: boolean } = {}): Logger {
  const streams: pino.StreamEntry[] = options.stdout === false ? [] : [{ stream: process.stdout, level: 'trace' }];
  let tightened: ReturnType<typeof ensurePrivateFile>;
  if (file) {
    ensurePrivateDirectory(dirname(file));
    tightened = ensurePrivateFile(file);
    streams.push({ stream: pino.destination({ dest: file, sync: false, mode: privateFileMode }), level: 'trace' });
  }
  // The recent lines in memory, secrets masked, for the administration console (live tail, errors of the day).
  const ring = createLogRing();
  if (file) {
    // The end of the previous runs' log: the console's tail and the errors of the day survive a restart.
    ring.write(logFileTail(file));
  }
  streams.push({ stream: ring, level: 'trace' });
  const logger = pino({ level, base: { service: 'relais' } }, pino.multistream(streams));
  rings.set(logger, ring);
  if (tightened) {
    logger.warn({ file: tightened.path, previous_mode: tightened.previousMode }, 'journal accessible à d’autres comptes : droits restreints au propriétaire (0600)');
  }
  return logger;
}
