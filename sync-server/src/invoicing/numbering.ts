import { formatDocumentNumber, seriesKey, type NumberingKind } from '@relais/domain';
import type Database from 'better-sqlite3';

export interface AssignedNumber {
  numero: string;
  /** The sequence number inside its series (1, 2, 3…). */
  sequence: number;
  series_key: string;
}

/** What is numbered, and when (for `issued_numbers`). */
export interface NumberedDocument {
  id: string;
  /** The write's timestamp (ISO 8601). */
  at: string;
}

/**
 * The numbering series kept in `numbering_series`, and every number given, kept in
 * `issued_numbers`. `next` takes the next number of one series and records it. It must run inside
 * the write transaction of the document it numbers (better-sqlite3's transactions are synchronous,
 * so no other write interleaves): the series then has no gap and no duplicate, whatever the number
 * of writers.
 *
 * A number already given in the company is skipped, whichever series gave it: when the format
 * changes, its series key changes and a new counter starts at 1, but `FA-{YYYY}-0{0000}` after
 * `FA-{YYYY}-{00000}` has reached 8 goes on at 00009, the visible series stays continuous; a format
 * changed back finds its old counter and skips what the other gave meanwhile. The skipped numbers
 * were all given, so the numbers stay gap-free as read.
 */
export function createNumbering(sqlite: Database.Database) {
  const readCounter = sqlite.prepare<[string, string, string], { last_number: number }>(
    'SELECT last_number FROM numbering_series WHERE entreprise_id = ? AND document_type = ? AND series_key = ?',
  );
  const saveCounter = sqlite.prepare<[string, string, string, number]>(
    `INSERT INTO numbering_series (entreprise_id, document_type, series_key, last_number) VALUES (?, ?, ?, ?)
     ON CONFLICT(entreprise_id, document_type, series_key) DO UPDATE SET last_number = excluded.last_number`,
  );
  const isIssued = sqlite.prepare<[string, string], { found: number }>('SELECT 1 AS found FROM issued_numbers WHERE entreprise_id = ? AND numero = ?');
  const recordIssued = sqlite.prepare<[string, string, string, string, string]>(
    'INSERT INTO issued_numbers (entreprise_id, numero, document_type, document_id, issued_at) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    /** The next number of the company's series of `documentType` (the document's kind), on `date` (`YYYY-MM-DD`, the day of validation). */
    next(entrepriseId: string, documentType: NumberingKind, format: string, date: string, document: NumberedDocument): AssignedNumber {
      if (!sqlite.inTransaction) {
        throw new Error('numérotation hors transaction : le numéro doit être pris dans la transaction qui écrit le document');
      }
      const key = seriesKey(format, date);
      let sequence = (readCounter.get(entrepriseId, documentType, key)?.last_number ?? 0) + 1;
      let numero = formatDocumentNumber(format, sequence, date);
      while (isIssued.get(entrepriseId, numero)) {
        sequence += 1;
        numero = formatDocumentNumber(format, sequence, date);
      }
      saveCounter.run(entrepriseId, documentType, key, sequence);
      // The unique index on (entreprise_id, numero) refuses a duplicate, the transaction with it.
      recordIssued.run(entrepriseId, numero, documentType, document.id, document.at);
      return { numero, sequence, series_key: key };
    },
  };
}

export type Numbering = ReturnType<typeof createNumbering>;
