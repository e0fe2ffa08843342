import sql from 'mssql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTdsTestServer, type TdsTestServer } from '../../fixtures/tds/server';

/** The TDS test server speaks enough of the protocol for the real `mssql` driver. */
describe('TDS test server with the real mssql driver', () => {
  let tds: TdsTestServer;
  let pool: sql.ConnectionPool;

  beforeAll(async () => {
    tds = await startTdsTestServer();
    pool = new sql.ConnectionPool({
      server: tds.host,
      port: tds.port,
      user: tds.user,
      password: tds.password,
      database: tds.database,
      options: { encrypt: false, trustServerCertificate: true },
      pool: { max: 2 },
    });
    await pool.connect();
  });

  afterAll(async () => {
    await pool.close();
    await tds.close();
  });

  it('answers a batch and a parameterised query with typed columns', async () => {
    tds.engine.db.exec("INSERT INTO ChantierDef (Code, Libelle, DateDebut, Etat, HeuresVendues) VALUES ('C1', 'École Jaurès', '2026-03-02 00:00:00', 'E', 120.5)");
    const one = await pool.request().query<{ one: number }>('SELECT 1 AS one');
    expect(one.recordset[0]?.one).toBe(1);
    const result = await pool
      .request()
      .input('etat', sql.NVarChar(1), 'E')
      .query<{ Code: string; Libelle: string; DateDebut: Date; HeuresVendues: number }>('SELECT TOP (10) Code, Libelle, DateDebut, HeuresVendues FROM dbo.ChantierDef WHERE Etat = @etat');
    expect(result.recordset).toEqual([{ Code: 'C1', Libelle: 'École Jaurès', DateDebut: new Date('2026-03-02T00:00:00Z'), HeuresVendues: 120.5 }]);
  });

  it('writes in a transaction and rolls back on error', async () => {
    const transaction = new sql.Transaction(pool);
    await transaction.begin();
    const insert = await new sql.Request(transaction)
      .input('c', sql.NVarChar(20), 'C1')
      .input('s', sql.NVarChar(20), 'S1')
      .input('d', sql.DateTime, new Date('2026-03-03T00:00:00Z'))
      .input('h', sql.Decimal(18, 4), 7.5)
      .query('INSERT INTO dbo.SuiviMO (CodeChantier, CodeSalarie, Date, NbH0) VALUES (@c, @s, @d, @h)');
    expect(insert.rowsAffected).toEqual([1]);
    await transaction.rollback();
    const count = await pool.request().query<{ n: number }>('SELECT COUNT(*) AS n FROM dbo.SuiviMO');
    expect(count.recordset[0]?.n).toBe(0);
    await expect(pool.request().query('SELECT * FROM dbo.Absente')).rejects.toThrow(/Invalid object name/);
  });

  it('refuses a wrong password with SQL Server’s login error', async () => {
    const bad = new sql.ConnectionPool({ server: tds.host, port: tds.port, user: tds.user, password: 'wrong', database: tds.database, options: { encrypt: false } });
    await expect(bad.connect()).rejects.toThrow(/Login failed for user/);
  });
});
