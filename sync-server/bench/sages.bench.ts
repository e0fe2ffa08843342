/**
 * The SAGES connector against its stand-ins (the TDS test server for SQL Server, the BatiSimply
 * stand-in over loopback HTTP), each figure with its baseline measured in the same run:
 *   - heures-export of SAGES_BENCH_SLOTS validated slots (10 000 by default), in rows/s, against raw
 *     `mssql` INSERTs of the same rows in transactions of the same size (the least the driver can do);
 *   - chantiers-export of SAGES_BENCH_CHANTIERS chantiers (2 000 by default), in projects/s, against
 *     raw `fetch` POSTs of the same bodies with the same width (4 at a time) and one token.
 * Client and servers share this process (one event loop), as in `pnpm bench` on a laptop.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import sql from 'mssql';
import { startBatiSimplyStandIn } from '../../tests/fixtures/batisimply/server';
import { startTdsTestServer } from '../../tests/fixtures/tds/server';
import { createSagesConnector } from '../src/connectors/sages/connector';
import type { SagesRunContext } from '../src/connectors/sages/report';
import { openDatabase } from '../src/db/client';
import { createSecretBox } from '../src/secrets/secret-box';

const slotCount = Number(process.env['SAGES_BENCH_SLOTS'] ?? 10_000);
const chantierCount = Number(process.env['SAGES_BENCH_CHANTIERS'] ?? 2_000);
const batchSize = 200;
const employees = 100;

const context: SagesRunContext = {
  dryRun: false,
  signal: new AbortController().signal,
  progress: () => undefined,
  count: () => undefined,
  log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
};

function day(index: number): string {
  return new Date(Date.UTC(2025, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function main(): Promise<void> {
  const tds = await startTdsTestServer();
  const bs = await startBatiSimplyStandIn({ tokenLifetimeSeconds: 3600 });
  const db = openDatabase(':memory:');
  const sages = createSagesConnector({ db, logger: pino({ level: 'silent' }), secrets: createSecretBox(randomBytes(32)) });
  sages.config.update(
    {
      sqlServer: { host: tds.host, port: tds.port, database: tds.database, user: tds.user, password: tds.password, encrypt: false },
      batisimply: { tokenUrl: bs.tokenUrl, apiUrl: bs.url, clientId: bs.clientId, clientSecret: bs.clientSecret, username: bs.username, password: bs.password },
      batchSize,
    },
    'bench',
  );

  // Hub: one chantier per 50 slots, 100 employees, validated slots on successive days.
  const insertSalarie = tds.engine.db.prepare('INSERT INTO Salarie (Code, Nom, codebs) VALUES (?, ?, ?)');
  for (let e = 0; e < employees; e++) insertSalarie.run(`S${e}`, `Salarié ${e}`, `u${e}`);
  const now = new Date().toISOString();
  db.$client.transaction(() => {
    const code = db.$client.prepare('INSERT INTO sages_project_codes (project_id, code, nom, refreshed_at) VALUES (?, ?, ?, ?)');
    for (let c = 0; c < Math.ceil(slotCount / 50); c++) code.run(`p${c}`, `CH${c}`, `Chantier ${c}`, now);
    const slot = db.$client.prepare(
      "INSERT INTO sages_heures (slot_id, user_id, salarie_nom, project_id, debut_utc, fin_utc, date_locale, minutes, panier, trajet, statut, hash, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 480, 1, 0, 'VALIDATED', ?, ?)",
    );
    for (let i = 0; i < slotCount; i++) {
      const d = day(Math.floor(i / employees));
      slot.run(`slot${i}`, `u${i % employees}`, `Salarié ${i % employees}`, `p${Math.floor(i / 50)}`, `${d}T07:00:00Z`, `${d}T15:00:00Z`, d, `h${i}`, now);
    }
  })();

  // Baseline: the same rows inserted by the driver alone, transactions of the same size.
  const pool = new sql.ConnectionPool({ server: tds.host, port: tds.port, database: tds.database, user: tds.user, password: tds.password, options: { encrypt: false } });
  await pool.connect();
  const raw = await timed(async () => {
    for (let start = 0; start < slotCount; start += batchSize) {
      const transaction = new sql.Transaction(pool);
      await transaction.begin();
      for (let i = start; i < Math.min(start + batchSize, slotCount); i++) {
        await new sql.Request(transaction)
          .input('nc', sql.NVarChar(50), `CH${Math.floor(i / 50)}`)
          .input('ns', sql.NVarChar(50), `S${i % employees}`)
          .input('nd', sql.DateTime, new Date(`${day(Math.floor(i / employees))}T00:00:00Z`))
          .input('h0', sql.Decimal(18, 4), 8)
          .input('h3', sql.Decimal(18, 4), 0)
          .input('h4', sql.Decimal(18, 4), 1)
          .query('INSERT INTO dbo.[SuiviMO] (CodeChantier, CodeSalarie, [Date], NbH0, NbH3, NbH4) VALUES (@nc, @ns, @nd, @h0, @h3, @h4)');
      }
      await transaction.commit();
    }
  });
  await pool.close();
  tds.engine.db.exec('DELETE FROM SuiviMO');

  const exported = await timed(() => sages.execute('heures-export', context));
  const rows = (tds.engine.db.prepare('SELECT count(*) AS n FROM SuiviMO').get() as { n: number }).n;
  const rawRate = slotCount / (raw.ms / 1000);
  const exportRate = slotCount / (exported.ms / 1000);
  console.log(`heures-export: ${slotCount} créneaux → ${rows} lignes SuiviMO en ${(exported.ms / 1000).toFixed(2)} s = ${exportRate.toFixed(0)} lignes/s (créés ${exported.value.counts.created})`);
  console.log(`  référence (INSERT mssql bruts, lots de ${batchSize}) : ${(raw.ms / 1000).toFixed(2)} s = ${rawRate.toFixed(0)} lignes/s ; ratio connecteur/référence = ${(exportRate / rawRate).toFixed(2)}`);

  // chantiers-export: the hub's chantiers, none exported yet.
  db.$client.transaction(() => {
    const chantier = db.$client.prepare(
      "INSERT INTO sages_chantiers (code, libelle, date_debut, code_client, client, adresse, code_postal, ville, heures_vendues, actif, hash, changed_at) VALUES (?, ?, '2026-03-02', 'CL', 'Client', '1 rue de la Paix', '75002', 'Paris', 120, 1, ?, ?)",
    );
    for (let c = 0; c < chantierCount; c++) chantier.run(`B${c}`, `Chantier bench ${c}`, `x${c}`, now);
  })();
  const token = (await (await fetch(bs.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: bs.clientId, client_secret: bs.clientSecret }) })).json()) as { access_token: string };
  const rawPosts = await timed(async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < chantierCount) {
          const index = next++;
          const body = { projectCode: `R${index}`, projectName: `Référence ${index}`, customerName: 'Client', comment: null, startEstimated: '2026-03-02', endEstimated: null, hoursSold: 120, address: { street: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryCode: 'FR' }, isArchived: false, isFinished: false };
          const response = await fetch(`${bs.url}/api/project`, { method: 'POST', headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
          await response.arrayBuffer();
        }
      }),
    );
  });
  const chantiers = await timed(() => sages.execute('chantiers-export', context));
  const rawProjects = chantierCount / (rawPosts.ms / 1000);
  const projects = chantierCount / (chantiers.ms / 1000);
  console.log(`chantiers-export: ${chantiers.value.counts.created} projets créés en ${(chantiers.ms / 1000).toFixed(2)} s = ${projects.toFixed(0)} projets/s`);
  console.log(`  référence (POST fetch bruts, 4 en parallèle) : ${(rawPosts.ms / 1000).toFixed(2)} s = ${rawProjects.toFixed(0)} projets/s ; ratio connecteur/référence = ${(projects / rawProjects).toFixed(2)}`);

  db.$client.close();
  await bs.close();
  await tds.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
