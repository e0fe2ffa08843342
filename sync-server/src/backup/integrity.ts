import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs in a worker thread: the checks read the whole file (seconds on a large database), and the
 * server's event loop must keep serving meanwhile. CommonJS source, so it is bundled as text; the
 * driver's path is resolved here and handed over.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let problems;
try {
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check');
    problems = rows.length === 1 && rows[0].integrity_check === 'ok' ? [] : rows.map((row) => row.integrity_check);
  } finally {
    db.close();
  }
} catch (error) {
  problems = [String(error && error.message ? error.message : error)];
}
parentPort.postMessage(problems);
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** `PRAGMA integrity_check` of a database file no connection writes, off the event loop; [] when sound. */
export function integrityProblems(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { driver, path } });
    worker.once('message', (problems: string[]) => resolve(problems));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`contrôle d'intégrité interrompu (code ${code})`));
      }
    });
  });
}
