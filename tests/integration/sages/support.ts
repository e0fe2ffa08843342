import { randomBytes } from 'node:crypto';
import sql from 'mssql';
import { pino } from 'pino';
import { createSagesConnector, createSecretBox, openDatabase, type Db, type SagesConnector, type SagesJobName, type SagesReport } from '@relais/sync-server';
import { startBatiSimplyStandIn, type BatiSimplyStandIn } from '../../fixtures/batisimply/server';
import { batigestSchema } from '../../fixtures/tds/sql-engine';
import { startTdsTestServer, type TdsTestServer } from '../../fixtures/tds/server';

/**
 * The SAGES connector against its peers: the TDS test server (or a real SQL Server named by
 * `RELAIS_TEST_MSSQL_URL`, `mssql://user:password@host:port/database`) and the BatiSimply stand-in.
 */
export interface SqlTarget {
  name: 'tds' | 'mssql';
  settings: { host: string; port: number; database: string; user: string; password: string };
  /** The TDS server, to inject faults (absent against a real SQL Server). */
  tds: TdsTestServer | null;
  pool: sql.ConnectionPool;
  close(): Promise<void>;
}

export const realMssqlUrl = process.env['RELAIS_TEST_MSSQL_URL'];

async function connectPool(settings: SqlTarget['settings']): Promise<sql.ConnectionPool> {
  const pool = new sql.ConnectionPool({ server: settings.host, port: settings.port, database: settings.database, user: settings.user, password: settings.password, options: { encrypt: false, trustServerCertificate: true } });
  await pool.connect();
  return pool;
}

export async function startSqlTarget(name: SqlTarget['name']): Promise<SqlTarget> {
  if (name === 'tds') {
    const tds = await startTdsTestServer();
    const settings = { host: tds.host, port: tds.port, database: tds.database, user: tds.user, password: tds.password };
    const pool = await connectPool(settings);
    return { name, settings, tds, pool, close: async () => (await pool.close(), await tds.close()) };
  }
  const url = new URL(realMssqlUrl ?? '');
  const settings = { host: url.hostname, port: Number(url.port || 1433), database: url.pathname.slice(1), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  const pool = await connectPool(settings);
  for (const table of ['SuiviMO', 'Salarie', 'ChantierDef']) {
    await pool.request().batch(`IF OBJECT_ID('dbo.${table}') IS NOT NULL DROP TABLE dbo.${table}`);
  }
  for (const statement of batigestSchema.split(';').filter((text) => text.trim() !== '')) {
    await pool.request().batch(statement);
  }
  return { name, settings, tds: null, pool, close: () => pool.close() };
}

export interface SagesHarness {
  db: Db;
  connector: SagesConnector;
  target: SqlTarget;
  bs: BatiSimplyStandIn;
  run(job: SagesJobName): Promise<SagesReport>;
  close(): void;
}

/** A fresh hub (in-memory SQLite) with the connector configured for both peers. */
export function startHarness(target: SqlTarget, bs: BatiSimplyStandIn, batchSize = 200): SagesHarness {
  const db = openDatabase(':memory:');
  const connector = createSagesConnector({ db, logger: pino({ level: 'silent' }), secrets: createSecretBox(randomBytes(32)), now: () => new Date('2026-03-10T12:00:00Z'), retry: { baseDelayMs: 5, attempts: 4, timeoutMs: 1_000 } });
  connector.config.update(
    {
      sqlServer: { ...target.settings, encrypt: false, trustServerCertificate: true },
      batisimply: { tokenUrl: bs.tokenUrl, apiUrl: bs.url, grant: 'password', clientId: bs.clientId, clientSecret: bs.clientSecret, username: bs.username, password: bs.password },
      batchSize,
    },
    'test',
  );
  const run = (job: SagesJobName): Promise<SagesReport> =>
    connector.execute(job, { dryRun: false, signal: new AbortController().signal, progress: () => undefined, count: () => undefined, log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
  return {
    db,
    connector,
    target,
    bs,
    run,
    close: () => {
      db.$client.close();
    },
  };
}

export async function insertChantier(pool: sql.ConnectionPool, code: string, libelle: string, etat = 'E'): Promise<void> {
  await pool
    .request()
    .input('code', sql.NVarChar(20), code)
    .input('libelle', sql.NVarChar(200), libelle)
    .input('etat', sql.NVarChar(1), etat)
    .input('debut', sql.DateTime, new Date('2026-03-02T00:00:00Z'))
    .input('heures', sql.Decimal(18, 4), 350)
    .query("INSERT INTO dbo.ChantierDef (Code, Libelle, DateDebut, Etat, CodeClient, NomClient, Adresse, CodePostal, Ville, HeuresVendues) VALUES (@code, @libelle, @debut, @etat, N'CL1', N'Mairie de Lyon', N'1 place Bellecour', N'69002', N'Lyon', @heures)");
}

export async function insertSalarie(pool: sql.ConnectionPool, code: string, nom: string, codebs: string | null): Promise<void> {
  await pool.request().input('code', sql.NVarChar(20), code).input('nom', sql.NVarChar(100), nom).input('codebs', sql.NVarChar(60), codebs).query('INSERT INTO dbo.Salarie (Code, Nom, codebs) VALUES (@code, @nom, @codebs)');
}

export interface SuiviRow {
  CodeChantier: string;
  CodeSalarie: string;
  Date: Date;
  NbH0: number;
  NbH3: number;
  NbH4: number;
}

export async function suiviRows(pool: sql.ConnectionPool): Promise<SuiviRow[]> {
  const result = await pool.request().query<SuiviRow>('SELECT CodeChantier, CodeSalarie, Date, NbH0, NbH3, NbH4 FROM dbo.SuiviMO ORDER BY CodeSalarie, Date, CodeChantier');
  return result.recordset.map((row) => ({ ...row, NbH0: Number(row.NbH0), NbH3: Number(row.NbH3), NbH4: Number(row.NbH4) }));
}

export { startBatiSimplyStandIn, type BatiSimplyStandIn };
