/* eslint-disable no-console -- the one place the app writes to the console */

type Level = 'debug' | 'info' | 'warn' | 'error';

const debugEnabled = import.meta.env.DEV;

function write(level: Level, message: string, detail?: unknown): void {
  if (level === 'debug' && !debugEnabled) {
    return;
  }
  const line = `[relais] ${message}`;
  if (detail === undefined) {
    console[level](line);
  } else {
    console[level](line, detail);
  }
}

/** The app's only logger: everything else goes through it rather than `console`. */
export const logger = {
  debug(message: string, detail?: unknown): void {
    write('debug', message, detail);
  },
  info(message: string, detail?: unknown): void {
    write('info', message, detail);
  },
  warn(message: string, detail?: unknown): void {
    write('warn', message, detail);
  },
  error(message: string, detail?: unknown): void {
    write('error', message, detail);
  },
};
