import { collections, type CollectionName, type ColumnMapping } from '@relais/schema';
import type { WireDocument } from '@relais/sync-protocol';

export type StoredRow = Record<string, string | number | null>;
export type Doc = WireDocument<Record<string, unknown>>;

function toColumnValue(mapping: ColumnMapping, value: unknown): string | number | null {
  if (value === undefined || value === null) {
    return null;
  }
  switch (mapping.kind) {
    case 'boolean':
      return value === true ? 1 : 0;
    case 'json':
      return JSON.stringify(value);
    case 'text':
    case 'integer':
    case 'real':
      return value as string | number;
  }
}

function fromColumnValue(mapping: ColumnMapping, value: string | number | null): unknown {
  if (value === null) {
    return undefined;
  }
  switch (mapping.kind) {
    case 'boolean':
      return value === 1;
    case 'json':
      return JSON.parse(String(value)) as unknown;
    case 'text':
    case 'integer':
    case 'real':
      return value;
  }
}

/**
 * Converts between a replicated document and its table row. Absent optional fields are NULL and
 * come back absent, so the document the server returns is exactly the one the client sent.
 */
export function createRowMapper(collection: CollectionName) {
  const columns = collections[collection].columns;
  return {
    columns,
    toRow(doc: Doc): StoredRow {
      const row: StoredRow = {};
      for (const mapping of columns) {
        row[mapping.field] = toColumnValue(mapping, doc[mapping.field]);
      }
      return row;
    },
    /** `toRow(doc)`'s values in `columns` order: positional parameters bind faster than named ones. */
    toValues(doc: Doc): (string | number | null)[] {
      const values: (string | number | null)[] = [];
      for (const mapping of columns) {
        values.push(toColumnValue(mapping, doc[mapping.field]));
      }
      return values;
    },
    toDocument(row: StoredRow): Doc {
      const doc: Record<string, unknown> = {};
      for (const mapping of columns) {
        const value = fromColumnValue(mapping, row[mapping.field] ?? null);
        if (value !== undefined) {
          doc[mapping.field] = value;
        }
      }
      doc['_deleted'] = row['_deleted'] === 1;
      return doc as Doc;
    },
  };
}

export type RowMapper = ReturnType<typeof createRowMapper>;
