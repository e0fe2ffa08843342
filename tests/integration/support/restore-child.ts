/**
 * Restores a backup in a process of its own, to be killed: run with `node --import tsx`, arguments
 * `<database> <backup folder> <backup name> <stop at>`. When the restore reports the progress label
 * `<stop at>` (or, for `after-commit`, once it returned), prints `PAUSED` and blocks right there,
 * inside the swap's transaction if that is where it stands, until the parent kills it.
 */
import { createBackupService, openDatabase } from '@relais/sync-server';
import { pino } from 'pino';

const [databasePath = '', backupDir = '', name = '', stopAt = ''] = process.argv.slice(2);
const db = openDatabase(databasePath);
// A small page cache: the swap's changes spill into the WAL before the commit, as a large database's would.
db.$client.pragma('cache_size = 16');
const backups = createBackupService({ db, dir: backupDir, logger: pino({ level: 'silent' }), retention: { retentionDays: 30, minKeep: 7 }, pagesPerStep: 4 });

function pause(): void {
  process.stdout.write('PAUSED\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
}

await backups.restore(name, {
  actor: 'test',
  progress: ({ label }) => {
    if (label === stopAt) {
      pause();
    }
  },
});
if (stopAt === 'after-commit') {
  pause();
}
process.stdout.write('DONE\n');
