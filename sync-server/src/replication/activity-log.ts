import type Database from 'better-sqlite3';

/** One `activity_log` row: at, actor, source, action, collection, document_id, seq, details, hostname, ip. */
export type ActivityRow = [string, string | null, string, string, string, string, number, string | null, string | null, string | null];

const columns = '(at, actor, source, action, collection, document_id, seq, details, hostname, ip)';
const placeholders = `(${Array.from({ length: 10 }, () => '?').join(', ')})`;
/** Rows per statement, largest first: a batch of 100 goes out in 4 statements, from 4 prepared ones. */
const chunkSizes = [64, 16, 4, 1] as const;

/**
 * Writes a push batch's activity log rows in a few multi-row INSERTs, in their order (the log's ids
 * follow the writes), inside the caller's transaction: one statement per row cost more than the
 * document writes themselves.
 */
export function createActivityLogWriter(sqlite: Database.Database): (rows: readonly ActivityRow[]) => void {
  const statements = new Map(
    chunkSizes.map((size) => [
      size,
      sqlite.prepare<unknown[]>(`INSERT INTO activity_log ${columns} VALUES ${Array.from({ length: size }, () => placeholders).join(', ')}`),
    ]),
  );
  return (rows) => {
    let start = 0;
    for (const size of chunkSizes) {
      const statement = statements.get(size);
      for (; statement && rows.length - start >= size; start += size) {
        statement.run(rows.slice(start, start + size).flat());
      }
    }
  };
}
