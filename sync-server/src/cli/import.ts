import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../db/client';
import { storeImportTarget } from '../planning/import/apply';
import { csvCollections, importCsv, isCsvCollection } from '../planning/import/csv';
import { ImportFolderError, importPtt, readPttFolder } from '../planning/import/ptt';
import { collectionLine, formatReport, type CollectionReport, type ImportCollection, type ImportReport } from '../planning/import/report';
import { decodeUtf8, errorMessage } from '../planning/import/values';
import { createReplicationEvents } from '../replication/events';
import { createReplicationStore } from '../replication/store';
import { serverWriteGuards } from '../write-rules';

export const importUsage = `Usage : relais import <ptt|csv> …
  relais import ptt <dossier _data> [--dry-run]
  relais import csv <${csvCollections.join('|')}> <fichier.csv> [--dry-run]`;

export interface ImportCommandOutput {
  print(line: string): void;
  printError(line: string): void;
}

/**
 * `relais import`: brings the old desktop tool's `_data` folder, or a CSV file, into Relais through
 * the server's one write path (as source `import`). `--dry-run` reports what would happen and
 * writes nothing. Returns the exit code: 0 once done, even with rejected entries (they are in the
 * report), 1 when the folder or file cannot be used at all, 2 on a usage error.
 */
export async function runImportCommand(db: Db, args: string[], options: { dryRun: boolean }, output: ImportCommandOutput): Promise<number> {
  const [kind, first, second] = args;
  // The same rules as the server's (a mission's derived amounts…).
  const store = createReplicationStore(db, createReplicationEvents(), { guards: serverWriteGuards(db.$client) });
  const target = storeImportTarget(store, db.$client, 'import');
  const run = { dryRun: options.dryRun, onProgress: progress(output, options.dryRun) };
  let report: ImportReport;
  try {
    if (kind === 'ptt' && first !== undefined) {
      const folder = readPttFolder(first);
      output.print(`${options.dryRun ? 'Simulation de l’import' : 'Import'} du dossier ${first}…`);
      report = await importPtt(target, folder, run);
    } else if (kind === 'csv' && first !== undefined && second !== undefined) {
      if (!isCsvCollection(first)) {
        output.printError(`Collection « ${first} » non importable en CSV (possibles : ${csvCollections.join(', ')})`);
        return 2;
      }
      let text: string;
      try {
        text = decodeUtf8(readFileSync(second));
      } catch (error) {
        throw new ImportFolderError(`Fichier illisible ${second} : ${errorMessage(error)}`);
      }
      output.print(`${options.dryRun ? 'Simulation de l’import' : 'Import'} de ${second} dans ${first}…`);
      report = await importCsv(target, first, text, { ...run, file: basename(second) });
    } else {
      output.printError(importUsage);
      return 2;
    }
  } catch (error) {
    if (error instanceof ImportFolderError) {
      output.printError(error.message);
      return 1;
    }
    throw error;
  }
  output.print('');
  formatReport(report).forEach((line) => output.print(line));
  return 0;
}

/** A line per collection as it is done, so a long import shows it is moving. */
function progress(output: ImportCommandOutput, dryRun: boolean): (collection: ImportCollection, report: CollectionReport) => void {
  return (collection, report) => output.print(`  … ${collectionLine(collection, report, dryRun)}`);
}
