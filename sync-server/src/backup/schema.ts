import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { migrationsFolder } from '../db/client';

interface JournalEntry {
  when: number;
  tag: string;
}

/** The migrations this build of Relais knows, oldest first. */
export function knownMigrations(): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries.map(({ when, tag }) => ({ when, tag })).sort((a, b) => a.when - b.when);
}

export interface SchemaVersion {
  /** How many migrations were applied. */
  version: number;
  /** The tag of the last one this build knows, if it knows it. */
  migration: string | null;
}

export type SchemaComparison = 'same' | 'older' | 'newer' | 'foreign';

function appliedMigrations(sqlite: Database.Database): number[] | undefined {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) {
    return undefined;
  }
  return sqlite
    .prepare<[], { created_at: number }>('SELECT created_at FROM __drizzle_migrations ORDER BY created_at')
    .all()
    .map((row) => Number(row.created_at));
}

/** The schema version of a Relais database: the drizzle migrations it had applied. */
export function schemaVersionOf(sqlite: Database.Database): SchemaVersion {
  const applied = appliedMigrations(sqlite) ?? [];
  const last = applied.at(-1);
  return { version: applied.length, migration: knownMigrations().find((entry) => entry.when === last)?.tag ?? null };
}

/**
 * How a database's schema stands to this build's: `older` ones are migrated, `newer` ones (a
 * migration this build does not know, from a later Relais) and `foreign` ones (not a Relais
 * database) are refused.
 */
export function compareSchema(sqlite: Database.Database): SchemaComparison {
  const applied = appliedMigrations(sqlite);
  if (applied === undefined || applied.length === 0) {
    return 'foreign';
  }
  const known = knownMigrations().map((entry) => entry.when);
  const latest = known.at(-1) ?? 0;
  if (applied.some((when) => when > latest)) {
    return 'newer';
  }
  if (applied.some((when) => !known.includes(when))) {
    return 'foreign';
  }
  return applied.length === known.length ? 'same' : 'older';
}

/** Tables (outside SQLite's own) and their columns, sorted: two databases with equal shapes take each other's rows. */
export function tableShapes(sqlite: Database.Database, schema = 'main'): Map<string, string[]> {
  const tables = sqlite
    .prepare<[], { name: string }>(`SELECT name FROM "${schema}".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all();
  return new Map(
    tables.map(({ name }) => [
      name,
      (sqlite.pragma(`"${schema}".table_info("${name}")`) as { name: string }[]).map((column) => column.name).sort(),
    ]),
  );
}
