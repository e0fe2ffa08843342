import { formatDocumentNumber, seriesKey } from '@relais/domain';
import type Database from 'better-sqlite3';

/** The three series of an issuing company: quotes, invoices (deposits included), credit notes. */
export type NumberedDocumentType = 'devis' | 'facture' | 'avoir';

export interface AssignedNumber {
  numero: string;
  /** The sequence number inside its series (1, 2, 3…). */
  sequence: number;
  series_key: string;
}

/**
 * The numbering series kept in `numbering_series`: `next` bumps the counter of one series and
 * returns the number it gives. It must run inside the write transaction of the document it
 * numbers (better-sqlite3's transactions are synchronous, so no other write interleaves): the
 * series then has no gap and no duplicate, whatever the number of writers.
 */
export function createNumbering(sqlite: Database.Database) {
  const bump = sqlite.prepare<[string, string, string], { last_number: number }>(
    `INSERT INTO numbering_series (entreprise_id, document_type, series_key, last_number) VALUES (?, ?, ?, 1)
     ON CONFLICT(entreprise_id, document_type, series_key) DO UPDATE SET last_number = last_number + 1
     RETURNING last_number`,
  );
  return {
    /** The next number of the company's series for `documentType`, on `date` (`YYYY-MM-DD`, the day of validation). */
    next(entrepriseId: string, documentType: NumberedDocumentType, format: string, date: string): AssignedNumber {
      if (!sqlite.inTransaction) {
        throw new Error('numérotation hors transaction : le numéro doit être pris dans la transaction qui écrit le document');
      }
      const key = seriesKey(format, date);
      const row = bump.get(entrepriseId, documentType, key);
      if (!row) {
        throw new Error(`série de numérotation introuvable : ${entrepriseId} ${documentType} ${key}`);
      }
      return { numero: formatDocumentNumber(format, row.last_number, date), sequence: row.last_number, series_key: key };
    },
  };
}

export type Numbering = ReturnType<typeof createNumbering>;
