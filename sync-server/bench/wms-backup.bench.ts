/**
 * The WMS connector against a real sshd (started here) in front of this machine's MariaDB, one run:
 *   - a database `ntl_wms_bench` whose `expedition` table dumps to about WMS_BENCH_MB (1024 by default) of SQL;
 *   - baseline: the raw `ssh host 'mysqldump … | gzip' > file` with the OpenSSH client through the same sshd;
 *   - Relais' backup (remote dump + gzip + SHA-256, SFTP download, local verification, manifest):
 *     MB/s of dump data, and the ratio to the baseline;
 *   - the CSV export of the same table through the SSH tunnel: rows/s and peak RSS growth.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { startWmsRig } from '../../tests/integration/support/wms';
import { createWmsDatabase, dropWmsDatabase, rootConnection } from '../../tests/fixtures/wms/mariadb';
import { dumpOptions, runWmsBackup } from '../src/connectors/wms/backup';
import { startCsvExport } from '../src/connectors/wms/export';

const targetMb = Number(process.env['WMS_BENCH_MB'] ?? 1024);
const database = 'ntl_wms_bench';
// About 205 bytes of dump per expedition row of the fixture (measured: 51 MB for 262 144 rows).
const rows = Math.max(1000, Math.round((targetMb * 1024 * 1024) / 205));
const mb = (bytes: number): number => bytes / 1024 / 1024;

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  print(`WMS : table expedition de ${rows} lignes (~${targetMb} Mo de dump visés)`);
  let t = performance.now();
  await createWmsDatabase(database, { expeditions: rows, receptions: 0 });
  const root = await rootConnection(database);
  await root.query('ANALYZE TABLE expedition');
  await root.end();
  print(`  création : ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const rig = await startWmsRig(database);
  const work = mkdtempSync(join(tmpdir(), 'relais-wms-bench-'));
  try {
    const connection = rig.connection({ tables: ['expedition'] });
    // Baseline: OpenSSH client, the raw pipe into a local file.
    const key = join(work, 'key');
    writeFileSync(key, rig.sshd.privateKey, { mode: 0o600 });
    const rawFile = join(work, 'raw.sql.gz');
    t = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        'ssh',
        ['-i', key, '-p', String(rig.sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', `${rig.sshd.username}@127.0.0.1`,
          `set -o pipefail; MYSQL_PWD='${connection.db_password ?? ''}' mysqldump ${dumpOptions} -h 127.0.0.1 -P 3306 -u ${connection.db_user} ${database} expedition | gzip -c`],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      void pipeline(child.stdout, createWriteStream(rawFile)).catch(reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ssh : code ${code}`))));
    });
    const rawSeconds = (performance.now() - t) / 1000;
    const rawSize = statSync(rawFile).size;

    t = performance.now();
    const point = await runWmsBackup(connection, { signal: new AbortController().signal, trigger: 'manual', actor: 'bench', timezone: 'Europe/Paris' });
    const relaisSeconds = (performance.now() - t) / 1000;
    const dumpMb = mb(point.manifest.uncompressed_bytes);
    print(`  dump : ${dumpMb.toFixed(0)} Mo de SQL, ${mb(point.manifest.size_bytes).toFixed(0)} Mo compressés (brut : ${mb(rawSize).toFixed(0)} Mo)`);
    print(`  ssh 'mysqldump | gzip' > fichier (référence) : ${rawSeconds.toFixed(1)} s, ${(dumpMb / rawSeconds).toFixed(1)} Mo/s`);
    print(`  sauvegarde Relais vérifiée                 : ${relaisSeconds.toFixed(1)} s, ${(dumpMb / relaisSeconds).toFixed(1)} Mo/s`);
    print(`  ratio Relais / référence (débit) : ${(rawSeconds / relaisSeconds).toFixed(2)}`);

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    t = performance.now();
    const running = await startCsvExport(connection, { table: 'expedition' }, { separator: ';', format: 'fr' });
    let bytes = 0;
    await pipeline(
      running.csv,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          callback();
        },
      }),
    );
    const { rows: exported } = await running.done;
    clearInterval(sampler);
    const exportSeconds = (performance.now() - t) / 1000;
    print(`  export CSV (tunnel SSH) : ${exported} lignes, ${mb(bytes).toFixed(0)} Mo en ${exportSeconds.toFixed(1)} s, ${Math.round(exported / exportSeconds)} lignes/s, pic RSS +${mb(peak - baseline).toFixed(1)} Mo`);
  } finally {
    await rig.dispose();
    rmSync(work, { recursive: true, force: true });
    await dropWmsDatabase(database);
  }
}

await main();
