import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { createConnection, type Connection, type FieldPacket } from 'mysql2';
import type { Client, ClientChannel } from 'ssh2';
import { ApiError } from '../../http/errors';
import type { WmsConnection } from './connections';
import { connectSsh } from './ssh';

export interface CsvOptions {
  separator: ';' | ',';
  /** `fr`: 31/12/2026 14:05:00 and 12,50; `iso`: 2026-12-31 14:05:00 and 12.50. */
  format: 'fr' | 'iso';
  /** The SELECT's time limit on the server. */
  timeLimitSeconds?: number;
  /** `direct`: the database listens on the network (db_host:db_port from here); `tunnel` (default): through SSH. */
  via?: 'tunnel' | 'direct';
  signal?: AbortSignal;
}

export type ExportSource = { table: string } | { query: string };

const forbidden = /\b(INTO\s+(OUT|DUMP)FILE|INTO\s+@|FOR\s+UPDATE|LOCK\s+IN\s+SHARE\s+MODE|FOR\s+SHARE)\b/i;

/** Removes string literals, quoted names and comments, keeping the statement's shape. */
function skeleton(sql: string): string {
  return sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "''")
    .replace(/"(?:[^"\\]|\\.|"")*"/g, '""')
    .replace(/`(?:[^`]|``)*`/g, '``')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(--\s|#)[^\n]*/g, ' ');
}

/** A saved query must be one read-only SELECT; anything else is refused before reaching the database. */
export function checkReadOnlyQuery(sql: string): string {
  const trimmed = sql.trim().replace(/;\s*$/, '').trim();
  const shape = skeleton(trimmed);
  if (!/^\s*(\(\s*)*SELECT\b/i.test(shape)) {
    throw new ApiError('VALIDATION_FAILED', 'Requête refusée : une seule instruction SELECT est permise.');
  }
  if (shape.includes(';')) {
    throw new ApiError('VALIDATION_FAILED', 'Requête refusée : une seule instruction (pas de « ; »).');
  }
  if (forbidden.test(shape)) {
    throw new ApiError('VALIDATION_FAILED', 'Requête refusée : pas d’écriture de fichier, de variable ni de verrou.');
  }
  return trimmed;
}

function sqlOf(source: ExportSource): string {
  if ('table' in source) {
    if (!/^[A-Za-z0-9_$]{1,64}$/.test(source.table)) {
      throw new ApiError('VALIDATION_FAILED', `Nom de table invalide : ${source.table}`);
    }
    return `SELECT * FROM \`${source.table}\``;
  }
  return checkReadOnlyQuery(source.query);
}

// mysql2 column types (protocol numbers).
const decimalTypes = new Set([0, 246, 4, 5]);
const dateTypes = new Set([10, 12, 7, 14]);

function cellFormatter(fields: FieldPacket[], format: CsvOptions['format']): ((value: unknown) => string)[] {
  return fields.map((field) => {
    const type = field.columnType ?? field.type ?? -1;
    return (value: unknown): string => {
      if (value === null || value === undefined) {
        return '';
      }
      if (Buffer.isBuffer(value)) {
        return value.toString('hex').toUpperCase();
      }
      const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
      if (format === 'fr' && decimalTypes.has(type)) {
        return text.replace('.', ',');
      }
      if (format === 'fr' && dateTypes.has(type)) {
        const match = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(text);
        return match ? `${match[3]}/${match[2]}/${match[1]}${match[4]}` : text;
      }
      return text;
    };
  });
}

function tunnel(client: Client, host: string, port: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => (error ? reject(new Error(`Tunnel SSH vers ${host}:${port} refusé : ${error.message}`)) : resolve(channel)));
  });
}

function query(connection: Connection, sql: string): Promise<unknown> {
  return new Promise((resolve, reject) => connection.query(sql, (error, result) => (error ? reject(error) : resolve(result))));
}

export interface RunningExport {
  /** The CSV bytes, UTF-8 with BOM; errors after the start destroy it. */
  csv: Readable;
  /** Resolves with the rows written once the CSV is complete. */
  done: Promise<{ rows: number }>;
}

/**
 * Streams a table or a checked SELECT into CSV row by row: mysql2 over an SSH tunnel (`forwardOut`),
 * in a read-only transaction with a time limit; the CSV stream's back-pressure pauses the query, so
 * memory stays flat whatever the number of rows.
 */
export async function startCsvExport(wms: WmsConnection, source: ExportSource, options: CsvOptions): Promise<RunningExport> {
  const sql = sqlOf(source);
  const ssh = options.via === 'direct' ? undefined : await connectSsh(wms, options.signal ? { signal: options.signal } : {});
  let db: Connection | undefined;
  try {
    const channel = ssh ? await tunnel(ssh, wms.db_host, wms.db_port) : undefined;
    db = createConnection({
      ...(channel ? { stream: channel } : { host: wms.db_host, port: wms.db_port }),
      user: wms.db_user,
      password: wms.db_password ?? '',
      database: wms.db_name,
      charset: 'utf8mb4',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
    });
    const version = String(((await query(db, 'SELECT VERSION() AS v')) as { v: string }[])[0]?.v ?? '');
    const limit = Math.max(1, Math.round(options.timeLimitSeconds ?? 600));
    await query(db, version.includes('MariaDB') ? `SET SESSION max_statement_time = ${limit}` : `SET SESSION max_execution_time = ${limit * 1000}`);
    await query(db, 'START TRANSACTION READ ONLY');
  } catch (error) {
    db?.destroy();
    ssh?.end();
    throw error instanceof ApiError ? error : new ApiError('BAD_REQUEST', `Export impossible : ${error instanceof Error ? error.message : String(error)}`);
  }
  const opened = db;
  const running = opened.query({ sql, rowsAsArray: true });
  const out = new PassThrough();
  let rows = 0;
  const done = new Promise<{ rows: number }>((resolve, reject) => {
    running.once('fields', (fields: FieldPacket[]) => {
      const format = cellFormatter(fields, options.format);
      const csv = stringify({ delimiter: options.separator, bom: true, header: true, columns: fields.map((field) => field.name), record_delimiter: 'windows', quoted_match: /[\r\n]/ });
      const cells = new Transform({
        objectMode: true,
        transform(row: unknown[], _encoding, callback) {
          rows++;
          callback(null, row.map((value, index) => format[index]?.(value) ?? ''));
        },
      });
      pipeline(running.stream({ highWaterMark: 256 }), cells, csv, out, options.signal ? { signal: options.signal } : {}).then(
        () => resolve({ rows }),
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      );
    });
    running.once('error', (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      out.destroy(failure);
      reject(failure);
    });
  }).finally(() => {
    opened.destroy();
    ssh?.end();
  });
  // The caller reads `done`; an unhandled rejection here would be a second report of the same failure.
  done.catch(() => undefined);
  return { csv: out, done };
}
