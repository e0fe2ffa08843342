import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWmsBackup } from '../../sync-server/src/connectors/wms/backup';
import { startCsvExport } from '../../sync-server/src/connectors/wms/export';
import { createWmsDatabase, dropWmsDatabase, expectedExpedition } from '../fixtures/wms/mariadb';
import { startWmsRig, type WmsRig } from './support/wms';

const database = 'ntl_wms_big';
const rows = 1_000_000;
const mib = 1024 * 1024;

function remoteDumpPid(): number | undefined {
  try {
    const out = execFileSync('pgrep', ['-f', `^mysqldump .*${database}`], { encoding: 'utf8' }).trim();
    return out ? Number(out.split('\n')[0]) : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('délai dépassé');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WMS: a million rows, and backups cut short', () => {
  let rig: WmsRig;

  beforeAll(async () => {
    [rig] = await Promise.all([startWmsRig(database), createWmsDatabase(database, { expeditions: rows, receptions: 0 })]);
  });

  afterAll(async () => {
    await rig?.dispose();
    await dropWmsDatabase(database);
  });

  it('exports 1 million rows to CSV through the SSH tunnel in bounded memory, and the CSV reads back identical', async () => {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    let seen = 0;
    let mismatch: string | undefined;
    try {
      const running = await startCsvExport(rig.connection(), { table: 'expedition' }, { separator: ';', format: 'iso' });
      let header: string[] | undefined;
      await pipeline(
        running.csv,
        parse({ delimiter: ';', bom: true, relax_quotes: false }),
        new Writable({
          objectMode: true,
          write(record: string[], _encoding, callback) {
            if (!header) {
              header = record;
              expect(header).toEqual(['id', 'numero', 'client', 'adresse', 'poids_kg', 'date_expedition', 'statut', 'etiquette', 'commentaire']);
            } else {
              seen++;
              const expected = expectedExpedition(seen);
              const got = { id: Number(record[0]), numero: record[1], client: record[2] === '' ? null : record[2], poids_kg: record[4] === '' ? null : record[4] };
              if (mismatch === undefined && JSON.stringify(got) !== JSON.stringify(expected)) {
                mismatch = `ligne ${seen} : ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`;
              }
            }
            callback();
          },
        }),
      );
      expect(await running.done).toEqual({ rows });
    } finally {
      clearInterval(sampler);
    }
    expect(mismatch).toBeUndefined();
    expect(seen).toBe(rows);
    const growth = (peak - baseline) / mib;
    console.info(`export CSV de ${rows} lignes : pic RSS +${growth.toFixed(1)} Mio`);
    expect(growth).toBeLessThan(100);
  });

  it('a dump killed halfway leaves no good backup locally and no remote temporary file', async () => {
    const backup = runWmsBackup(rig.connection({ tables: ['expedition'] }), { signal: new AbortController().signal, trigger: 'manual', actor: null, timezone: 'Europe/Paris' });
    const pid = await waitFor(remoteDumpPid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid, 'SIGKILL');
    await expect(backup).rejects.toThrow(/mysqldump a échoué/);
    const folder = `${rig.backupDir}/WMS-Entrepot`;
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    expect(rig.sshd.remoteFiles()).toEqual([]);
  });

  it('a backup aborted mid-dump (connection cut) stops the remote dump, removes its file and leaves nothing here', async () => {
    const controller = new AbortController();
    const backup = runWmsBackup(rig.connection({ tables: ['expedition'] }), { signal: controller.signal, trigger: 'manual', actor: null, timezone: 'Europe/Paris' });
    await waitFor(remoteDumpPid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    await expect(backup).rejects.toThrow(/interrompue/);
    await waitFor(() => (remoteDumpPid() === undefined ? true : undefined), 5000);
    const folder = `${rig.backupDir}/WMS-Entrepot`;
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    expect(rig.sshd.remoteFiles()).toEqual([]);
  });
});
