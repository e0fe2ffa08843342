import { collections, type ColumnKind } from '@relais/schema';
import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { bookkeepingColumns, collectionTables } from './tables';

const sqliteType: Record<ColumnKind, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'INTEGER',
  json: 'TEXT',
};

describe('server tables derive from @relais/schema', () => {
  const db = openDatabase(':memory:');

  for (const [name, definition] of Object.entries(collections)) {
    it(`${name}: drizzle table and migrated SQLite table match the collection's fields`, () => {
      const table = collectionTables[name as keyof typeof collectionTables];
      const drizzleColumns = getTableColumns(table);
      const info = db.$client.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; pk: number }[];
      expect(Object.keys(drizzleColumns).sort()).toEqual([...definition.columns.map((c) => c.field), ...bookkeepingColumns].sort());
      expect(info.map((column) => column.name).sort()).toEqual(Object.keys(drizzleColumns).sort());
      for (const mapping of definition.columns) {
        const column = info.find((candidate) => candidate.name === mapping.field);
        expect(column?.type, mapping.field).toBe(sqliteType[mapping.kind]);
        expect(column?.notnull === 1 || column?.pk === 1, mapping.field).toBe(mapping.notNull);
      }
    });
  }
});
