import { collections, type ColumnMapping, type CollectionName } from '@relais/schema';
import { index, uniqueIndex, integer, real, sqliteTable, text, type SQLiteColumnBuilderBase } from 'drizzle-orm/sqlite-core';

function column(mapping: ColumnMapping): SQLiteColumnBuilderBase {
  const built = (() => {
    switch (mapping.kind) {
      case 'text':
        return text(mapping.field);
      case 'integer':
        return integer(mapping.field);
      case 'real':
        return real(mapping.field);
      case 'boolean':
        return integer(mapping.field, { mode: 'boolean' });
      case 'json':
        return text(mapping.field, { mode: 'json' });
    }
  })();
  return mapping.field === 'id' ? built.primaryKey() : mapping.notNull ? built.notNull() : built;
}

/**
 * The server table of a collection, derived from its definition in `@relais/schema`: one column per
 * document field, plus the replication bookkeeping that lives beside the document and is never
 * part of what is compared: the server sequence `_seq`, the tombstone flag, and who wrote it when.
 */
function collectionTable(name: CollectionName) {
  const definition = collections[name];
  const fields = Object.fromEntries(definition.columns.map((mapping) => [mapping.field, column(mapping)]));
  return sqliteTable(
    name,
    {
      ...fields,
      _seq: integer('_seq').notNull(),
      _deleted: integer('_deleted', { mode: 'boolean' }).notNull(),
      _server_updated_at: text('_server_updated_at').notNull(),
      _updated_by: text('_updated_by'),
    },
    (table) => [uniqueIndex(`${name}_seq_idx`).on(table._seq)],
  );
}

export const chauffeursTable = collectionTable('chauffeurs');
export const voyagesTable = collectionTable('voyages');
export const missionsTable = collectionTable('missions');

export const collectionTables = {
  chauffeurs: chauffeursTable,
  voyages: voyagesTable,
  missions: missionsTable,
} as const;

/** The single server sequence: every write of every collection takes the next number. */
export const syncSequence = sqliteTable('sync_sequence', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull(),
});

/** Who changed what, when, through which path. */
export const activityLog = sqliteTable(
  'activity_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor'),
    source: text('source').notNull(),
    action: text('action').notNull(),
    collection: text('collection').notNull(),
    document_id: text('document_id').notNull(),
    seq: integer('seq').notNull(),
    details: text('details', { mode: 'json' }),
  },
  (table) => [index('activity_log_at_idx').on(table.at), index('activity_log_document_idx').on(table.collection, table.document_id)],
);
