import type { LogLevelName, ServerLogLine } from '@relais/schema';

/** pino's numeric levels. */
const levelNumbers: Record<LogLevelName, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

function levelName(value: unknown): LogLevelName {
  const number = typeof value === 'number' ? value : 30;
  const names = Object.entries(levelNumbers) as [LogLevelName, number][];
  return names.reduce<LogLevelName>((found, [name, threshold]) => (number >= threshold ? name : found), 'trace');
}

export const maskedSecret = '********';

/** Field names whose value is never shown: passwords, tokens, cookies, keys, codes. */
const secretField = /pass(word)?|secret|token|authori[sz]ation|cookie|api[_-]?key|private[_-]?key|credential|^code$|otp/i;
/** Values that are secrets whatever their field: a JWT, a Bearer header. */
const secretValue = /\beyJ[\w-]+\.[\w-]+\.[\w-]+|\bBearer\s+[\w.~+/=-]+/g;

/** A log entry's fields with every secret masked, at any depth; long texts and deep objects cut. */
export function sanitizeLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    const cleaned = value.replace(secretValue, maskedSecret);
    return cleaned.length > 2000 ? `${cleaned.slice(0, 2000)}…` : cleaned;
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (depth >= 4) {
    return '…';
  }
  if (Array.isArray(value)) {
    return value.slice(0, 50).map((item) => sanitizeLogValue(item, depth + 1));
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = secretField.test(key) && item !== null && item !== undefined ? maskedSecret : sanitizeLogValue(item, depth + 1);
  }
  return result;
}

export interface LogFilter {
  level: LogLevelName;
  /** Text the message or a field must contain, case-insensitive. */
  q?: string | undefined;
}

export function matchesFilter(line: ServerLogLine, filter: LogFilter): boolean {
  if (levelNumbers[line.level] < levelNumbers[filter.level]) {
    return false;
  }
  const text = filter.q?.trim().toLowerCase();
  if (!text) {
    return true;
  }
  return line.msg.toLowerCase().includes(text) || JSON.stringify(line.fields).toLowerCase().includes(text);
}

export interface LogRing {
  /** pino's stream interface: one JSON line per call. */
  write(chunk: string): void;
  /** The lines kept, oldest first, that pass the filter; the last `limit`. */
  recent(filter: LogFilter, limit: number): ServerLogLine[];
  /** Errors and fatal errors logged since `since` (kept apart, so a busy log does not push them out). */
  errorsSince(since: Date): ServerLogLine[];
  /** Called with each new line; returns the unsubscribe. */
  subscribe(listener: (line: ServerLogLine) => void): () => void;
}

/**
 * The server's recent log lines in memory, secrets masked: the administration console's live tail and
 * the dashboard's errors of the last 24 hours. Bounded: `capacity` lines, and `errorCapacity` errors.
 */
export function createLogRing({ capacity = 2000, errorCapacity = 1000 }: { capacity?: number; errorCapacity?: number } = {}): LogRing {
  const lines: ServerLogLine[] = [];
  const errors: ServerLogLine[] = [];
  const listeners = new Set<(line: ServerLogLine) => void>();
  let seq = 0;

  function parse(chunk: string): ServerLogLine | undefined {
    let entry: unknown;
    try {
      entry = JSON.parse(chunk);
    } catch {
      return undefined;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return undefined;
    }
    const { level, time, msg, pid: _pid, service: _service, ...rest } = entry as Record<string, unknown>;
    seq += 1;
    return {
      seq,
      time: new Date(typeof time === 'number' || typeof time === 'string' ? time : Date.now()).toISOString(),
      level: levelName(level),
      msg: typeof msg === 'string' ? String(sanitizeLogValue(msg)) : '',
      fields: sanitizeLogValue(rest) as Record<string, unknown>,
    };
  }

  return {
    write(chunk) {
      for (const text of chunk.split('\n')) {
        if (text.trim() === '') {
          continue;
        }
        const line = parse(text);
        if (!line) {
          continue;
        }
        lines.push(line);
        if (lines.length > capacity) {
          lines.splice(0, lines.length - capacity);
        }
        if (levelNumbers[line.level] >= levelNumbers.error) {
          errors.push(line);
          if (errors.length > errorCapacity) {
            errors.splice(0, errors.length - errorCapacity);
          }
        }
        for (const listener of listeners) {
          listener(line);
        }
      }
    },
    recent(filter, limit) {
      return limit <= 0 ? [] : lines.filter((line) => matchesFilter(line, filter)).slice(-limit);
    },
    errorsSince(since) {
      const from = since.toISOString();
      return errors.filter((line) => line.time >= from);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
