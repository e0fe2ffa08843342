import sql from 'mssql';
import type { SagesSettings } from './config';

/** A connection pool to Batigest's SQL Server from the connector's settings (password in clear, never logged). */
export function sqlServerPool(settings: SagesSettings['sqlServer'], timeoutMs = 15_000): sql.ConnectionPool {
  const config: sql.config = {
    server: settings.host,
    database: settings.database,
    user: settings.user,
    password: settings.password,
    connectionTimeout: timeoutMs,
    requestTimeout: 60_000,
    pool: { max: 2, min: 0, idleTimeoutMillis: 10_000 },
    options: {
      encrypt: settings.encrypt,
      trustServerCertificate: settings.trustServerCertificate,
      ...(settings.instance !== '' && settings.port === null ? { instanceName: settings.instance } : {}),
    },
  };
  if (settings.port !== null) config.port = settings.port;
  return new sql.ConnectionPool(config);
}

/** Runs `work` with a connected pool, closed afterwards whatever happens. */
export async function withSqlServer<T>(settings: SagesSettings['sqlServer'], work: (pool: sql.ConnectionPool) => Promise<T>): Promise<T> {
  const pool = sqlServerPool(settings);
  await pool.connect();
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}

/** `dbo.<Table>`, the name checked by the settings' schema (letters, digits, underscore). */
export function tableName(name: string): string {
  return `dbo.[${name}]`;
}

/** The day (`YYYY-MM-DD`) at midnight as a UTC `Date`, how `SuiviMO.Date` holds it. */
export function dayAsDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function dateToDay(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return null;
}

export { sql };
