const newline = 0x0a;
const quote = 0x27;
const backslash = 0x5c;
const openParen = 0x28;
const closeParen = 0x29;
const semicolon = 0x3b;
const insertPrefix = /^INSERT INTO `((?:[^`]|``)+)` VALUES(?:\s|$)/;
const createPrefix = /^CREATE TABLE `((?:[^`]|``)+)`/;
const headLength = 300;

/**
 * Reads a mysqldump stream as it is decompressed and counts, per table, the rows of its extended
 * `INSERT … VALUES (…),(…);` statements, on one line (MySQL) or one row per line (MariaDB), strings
 * skipped with their backslash escapes (a value never holds a raw newline), and whether the dump
 * ends with the `-- Dump completed` trailer.
 */
export function createDumpScanner() {
  const rows = new Map<string, number>();
  let head = '';
  let headDone = false;
  let table: string | null = null;
  let inString = false;
  let escaped = false;
  let depth = 0;
  let tail = Buffer.alloc(0);
  let bytes = 0;

  function startLine(): void {
    head = '';
    headDone = false;
    table = null;
    inString = false;
    escaped = false;
    depth = 0;
  }

  function decideHead(): void {
    headDone = true;
    const insert = insertPrefix.exec(head);
    if (insert?.[1]) {
      table = insert[1].replace(/``/g, '`');
      rows.set(table, rows.get(table) ?? 0);
      return;
    }
    const create = createPrefix.exec(head);
    if (create?.[1]) {
      const name = create[1].replace(/``/g, '`');
      rows.set(name, rows.get(name) ?? 0);
    }
  }

  function scanValues(chunk: Buffer, from: number, to: number, name: string): void {
    let count = 0;
    for (let i = from; i < to; i++) {
      const byte = chunk[i];
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (byte === backslash) {
          escaped = true;
        } else if (byte === quote) {
          inString = false;
        }
      } else if (byte === quote) {
        inString = true;
      } else if (byte === openParen) {
        if (depth === 0) {
          count++;
        }
        depth++;
      } else if (byte === closeParen) {
        depth--;
      } else if (byte === semicolon && depth === 0) {
        // The end of the statement: the next line starts a new one.
        table = null;
        break;
      }
    }
    rows.set(name, (rows.get(name) ?? 0) + count);
  }

  return {
    push(chunk: Buffer): void {
      bytes += chunk.length;
      let start = 0;
      while (start < chunk.length) {
        const end = chunk.indexOf(newline, start);
        const stop = end === -1 ? chunk.length : end;
        let from = start;
        if (!headDone) {
          const take = Math.min(stop, start + headLength - head.length);
          head += chunk.toString('latin1', start, take);
          from = take;
          if (head.length >= headLength || end !== -1) {
            decideHead();
            if (table !== null) {
              // The values already taken into the head, from the end of `VALUES `.
              const valuesStart = insertPrefix.exec(head)?.[0].length ?? head.length;
              const headBytes = Buffer.from(head.slice(valuesStart), 'latin1');
              scanValues(headBytes, 0, headBytes.length, table);
            }
          }
        }
        if (headDone && table !== null && from < stop) {
          scanValues(chunk, from, stop, table);
        }
        if (end === -1) {
          break;
        }
        // MariaDB's mysqldump writes one row per line: an INSERT goes on until its `;`.
        if (table === null) {
          startLine();
        }
        start = end + 1;
      }
      tail = Buffer.concat([tail, chunk.subarray(Math.max(0, chunk.length - 512))]).subarray(-512);
    },
    result(): { tables: { name: string; rows: number }[]; completed: boolean; bytes: number } {
      const ending = tail.toString('latin1').trimEnd();
      const lastLine = ending.slice(ending.lastIndexOf('\n') + 1);
      return { tables: [...rows].map(([name, count]) => ({ name, rows: count })), completed: lastLine.startsWith('-- Dump completed'), bytes };
    },
  };
}
