import { collectionNames } from '@relais/schema';
import type Database from 'better-sqlite3';
import { replaceDatabaseIdentity } from '../db/identity';
import type { ProgressCallback } from './files';

/**
 * Tables a restore leaves as they are in the live database, and why. Every other table takes the
 * backup's rows.
 */
export const keptOnRestore: Readonly<Record<string, string>> = {
  // Sessions signed in now stay signed in (their user kept), and a session revoked since the
  // backup never comes back to life.
  sessions: 'sessions ouvertes',
  refresh_token_rotations: 'jetons de session déjà renouvelés',
  mfa_challenges: 'codes de connexion en cours',
  // Append-only journals of what happened, the restore included: never rewound.
  auth_events: 'journal des connexions et de l’administration',
  activity_log: 'journal des écritures',
  annonces_historique: 'journal des annonces envoyées',
  // The live schema is the current one; the backup was migrated to it before the swap.
  __drizzle_migrations: 'version du schéma',
  // Set by the swap itself (below).
  server_meta: 'identité de la base',
  sync_sequence: 'séquence de réplication',
  numbering_series: 'numérotation des factures',
  issued_numbers: 'numéros déjà donnés',
  // The server's own administration, not the company's data: a restore does not rewind it.
  job_runs: 'historique des tâches planifiées',
  job_state: 'derniers déclenchements des tâches',
  settings: 'réglages modifiés par les administrateurs',
};

export interface SwapOptions {
  /** The verified, migrated copy to take the rows from. */
  candidatePath: string;
  identity: string;
  at: string;
  actor: string | null;
  restoredFrom: string;
  safetyBackup: string;
  progress?: ProgressCallback | undefined;
}

export interface SwapSummary {
  /** Documents (of every collection) taken from the backup. */
  restored: number;
  /** Live documents the backup does not have, now deleted for every client. */
  tombstoned: number;
  sequence: number;
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function liveColumns(sqlite: Database.Database, table: string): string[] {
  return (sqlite.pragma(`main.table_info(${quoted(table)})`) as { name: string }[]).map((column) => column.name);
}

function sequenceOf(sqlite: Database.Database, schema: string): number {
  const row = sqlite.prepare<[], { value: number }>(`SELECT value FROM ${schema}.sync_sequence WHERE id = 1`).get();
  return row?.value ?? 0;
}

/**
 * Replaces the live database's content with the candidate's, in ONE write transaction on the live
 * connection: every service keeps its connection and prepared statements, and SQLite's WAL makes
 * the swap atomic (a process killed midway leaves the old content, one killed after the commit the
 * new). Collection rows are stamped with new sequence numbers above every number given so far, and
 * live documents the backup does not have become tombstones, so a client that replicates by
 * checkpoint, whatever it holds, converges on the restored state.
 */
export function swapDatabase(sqlite: Database.Database, options: SwapOptions): SwapSummary {
  sqlite.prepare('ATTACH DATABASE ? AS restored').run(options.candidatePath);
  try {
    return sqlite.transaction(() => swapRows(sqlite, options)).immediate();
  } finally {
    sqlite.exec('DETACH DATABASE restored');
  }
}

function swapRows(sqlite: Database.Database, options: SwapOptions): SwapSummary {
  const { progress } = options;
  // Users are replaced while sessions are kept: foreign keys are checked at the commit.
  sqlite.pragma('defer_foreign_keys = ON');
  const collections = new Set<string>(collectionNames);
  const tables = (sqlite.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((row) => row.name);
  const replaced = tables.filter((table) => !(table in keptOnRestore));
  const total = replaced.length + 2;
  let done = 0;
  const step = (label: string): void => {
    done += 1;
    progress?.({ done, total, label });
  };
  progress?.({ done, total, label: 'début de la transaction' });

  // Above every number the live database or the backup ever gave: checkpoints only move forward.
  let sequence = Math.max(sequenceOf(sqlite, 'main'), sequenceOf(sqlite, 'restored'));
  // A kept session stays only if its user is in the backup as the same person.
  const sameUsers = 'SELECT r.id FROM restored.users AS r JOIN main.users AS l ON l.id = r.id AND l.username = r.username';
  sqlite.exec(`DELETE FROM main.sessions WHERE user_id NOT IN (${sameUsers})`);
  sqlite.exec(`DELETE FROM main.mfa_challenges WHERE user_id NOT IN (${sameUsers})`);
  sqlite.exec('DELETE FROM main.refresh_token_rotations WHERE session_id NOT IN (SELECT id FROM main.sessions)');
  step('sessions');

  let restored = 0;
  let tombstoned = 0;
  for (const table of replaced) {
    const columns = liveColumns(sqlite, table);
    const list = columns.map(quoted).join(', ');
    const name = quoted(table);
    if (collections.has(table)) {
      sqlite.exec(`DELETE FROM main.${name} WHERE id IN (SELECT id FROM restored.${name})`);
      const tombstones = sqlite
        .prepare(
          `UPDATE main.${name} SET "_deleted" = 1, "_seq" = ? + x.n, "_server_updated_at" = ?, "_updated_by" = ?
           FROM (SELECT id, row_number() OVER (ORDER BY "_seq") AS n FROM main.${name} WHERE "_deleted" = 0) AS x
           WHERE ${name}.id = x.id`,
        )
        .run(sequence, options.at, options.actor);
      sequence += tombstones.changes;
      tombstoned += tombstones.changes;
      const select = columns.map((column) => (column === '_seq' ? `? + row_number() OVER (ORDER BY "_seq")` : quoted(column))).join(', ');
      const inserted = sqlite.prepare(`INSERT INTO main.${name} (${list}) SELECT ${select} FROM restored.${name}`).run(sequence);
      sequence += inserted.changes;
      restored += inserted.changes;
    } else {
      // AUTOINCREMENT counters never go down on DELETE: no id given since the backup is given again.
      sqlite.exec(`DELETE FROM main.${name}`);
      sqlite.exec(`INSERT INTO main.${name} (${list}) SELECT ${list} FROM restored.${name}`);
    }
    step(table);
  }

  // A number given since the backup (an invoice already sent) is never given again: a gap the
  // restore explains is better than two invoices with one number.
  sqlite.exec(
    `INSERT OR IGNORE INTO main.issued_numbers (entreprise_id, numero, document_type, document_id, issued_at)
     SELECT entreprise_id, numero, document_type, document_id, issued_at FROM restored.issued_numbers`,
  );
  sqlite.exec(
    `INSERT INTO main.numbering_series (entreprise_id, document_type, series_key, last_number)
     SELECT entreprise_id, document_type, series_key, last_number FROM restored.numbering_series WHERE true
     ON CONFLICT (entreprise_id, document_type, series_key) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
  );
  sqlite.prepare('INSERT INTO main.sync_sequence (id, value) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value').run(sequence);
  replaceDatabaseIdentity(sqlite, options.identity);
  sqlite
    .prepare('INSERT INTO main.auth_events (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)')
    .run(options.at, options.actor, 'backup_restored', options.restoredFrom, JSON.stringify({ safety_backup: options.safetyBackup, restored, tombstoned }));
  step('journal');
  return { restored, tombstoned, sequence };
}
